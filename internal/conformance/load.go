package conformance

import (
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// Config says how to load one document.
type Config struct {
	// Path is the document's file (JSON or YAML).
	Path string
	// PathPrefix is stripped from request paths before the operation is
	// looked up, e.g. "/v1" when the document's server is ".../v1". The
	// document's servers are cleared, so hosts (127.0.0.1) do not matter.
	PathPrefix string
	// Relax adjusts the loaded document before use, e.g. DropRequired for a
	// documented spec bug. Keep it to what the vendor documents wrongly.
	Relax func(doc *openapi3.T) error
	// ExcludeRequestBody and ExcludeResponseBody skip body validation.
	ExcludeRequestBody, ExcludeResponseBody bool
}

// Doc is a loaded document with its router.
type Doc struct {
	name   string
	prefix string
	doc    *openapi3.T
	router routers.Router
	cfg    Config
}

// Load reads and resolves a document, applies Relax, clears its servers and
// builds its router.
func Load(cfg Config) (*Doc, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(cfg.Path)
	if err != nil {
		return nil, fmt.Errorf("conformance: loading %s: %w", cfg.Path, err)
	}
	if cfg.Relax != nil {
		if err := cfg.Relax(doc); err != nil {
			return nil, fmt.Errorf("conformance: relaxing %s: %w", cfg.Path, err)
		}
	}
	doc.Servers = nil
	router, err := legacy.NewRouter(doc, openapi3.DisableExamplesValidation())
	if err != nil {
		return nil, fmt.Errorf("conformance: routing %s: %w", cfg.Path, err)
	}
	return &Doc{name: cfg.Path, prefix: cfg.PathPrefix, doc: doc, router: router, cfg: cfg}, nil
}

// Spec is the loaded document.
func (d *Doc) Spec() *openapi3.T { return d.doc }

// DropRequired removes props from the required list of the named component
// schema; it fails when the schema does not exist or does not list a prop,
// so that a relaxation disappears once the vendor fixes its document.
func DropRequired(doc *openapi3.T, schema string, props ...string) error {
	ref := doc.Components.Schemas[schema]
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("schema %q not found", schema)
	}
	s := ref.Value
	for _, p := range props {
		i := slices.Index(s.Required, p)
		if i < 0 {
			return fmt.Errorf("schema %q does not require %q", schema, p)
		}
		s.Required = slices.Delete(s.Required, i, i+1)
	}
	return nil
}

// Operations lists "METHOD path" for every operation in the document.
func (d *Doc) Operations() []string {
	var out []string
	for path, item := range d.doc.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, method+" "+path)
		}
	}
	slices.Sort(out)
	return out
}
