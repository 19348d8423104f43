package sparetech

import (
	"context"
	"net/http"
)

// SchemaService reads the organisation's field configuration (v1).
type SchemaService struct{ c *core }

// Export returns the attribute names that can occur in an intent's
// Metadata, e.g. "MANU", "ART_NUM" (the organisation's export mapping).
func (s *SchemaService) Export(ctx context.Context) ([]string, error) {
	var names []string
	err := s.c.get(ctx, request{op: opSchemaExport, method: http.MethodGet, path: "/schema/export"}, &names)
	return names, err
}

// Import returns the material master headings the Materials service
// accepts as keys, e.g. "Materialnummer", "[MANU]".
func (s *SchemaService) Import(ctx context.Context) ([]string, error) {
	var names []string
	err := s.c.get(ctx, request{op: opSchemaImport, method: http.MethodGet, path: "/schema/import"}, &names)
	return names, err
}
