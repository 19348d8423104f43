package endpoint

import (
	"net/url"
	"strings"
)

// Resolve resolves paths (the spec's, such as "/api/v1/customers")
// against server (a generated client's Server, with its trailing slash)
// as the generated builders do: "." + path relative to the parsed server
// URL. The results are in the order of paths.
func Resolve(server string, paths ...string) ([]string, error) {
	su, err := url.Parse(server)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		u, err := su.Parse("." + p)
		if err != nil {
			return nil, err
		}
		out[i] = u.String()
	}
	return out, nil
}

// Query is a URL query as the generated builders encode one: the
// parameters in the order added, each value escaped by url.QueryEscape
// (the oapi-codegen runtime's default query encoder). The zero Query is a
// bare query ("a=1&b=2"); after Start it is a URL with its query.
type Query struct {
	b   strings.Builder
	sep byte // what goes before the next parameter; 0 for nothing
}

// Start begins the URL base, to which the parameters are appended after a
// "?"; size is about how long the query will be.
func (q *Query) Start(base string, size int) {
	q.b.Grow(len(base) + size)
	q.b.WriteString(base)
	q.sep = '?'
}

// Add appends the parameter name=value, value escaped.
func (q *Query) Add(name, value string) {
	if q.sep != 0 {
		q.b.WriteByte(q.sep)
	}
	q.sep = '&'
	q.b.WriteString(name)
	q.b.WriteByte('=')
	q.b.WriteString(url.QueryEscape(value))
}

// String is the URL or query built so far.
func (q *Query) String() string { return q.b.String() }
