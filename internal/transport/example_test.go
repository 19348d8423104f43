package transport_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/clientopt"
	"github.com/partsync/partsync-go/internal/transport"
)

// Example builds the stack the way a vendor package does, decodes a 2xx
// body and turns a 404 into a typed error.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "100")
		w.Header().Set("X-RateLimit-Remaining", "99")
		if r.URL.Path != "/v1/items/1" {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"code":"not_found","message":"no such item"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"1","name":"pump"}`)
	}))
	defer srv.Close()

	settings := clientopt.Apply([]clientopt.Option{clientopt.WithUserAgent("myerp/1.2")})
	c, err := transport.New(transport.Config{Vendor: "acme", Settings: settings})
	if err != nil {
		panic(err)
	}
	defer c.CloseIdleConnections()
	hc := c.HTTPClient()

	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+"/v1/items/1", nil)
	resp, err := hc.Do(req)
	if err != nil {
		panic(transport.AsError(err))
	}
	var item struct{ ID, Name string }
	if err := transport.DecodeJSON(resp, &item); err != nil {
		panic(err)
	}
	fmt.Println(item.Name, c.RateLimit().Remaining)

	req, _ = http.NewRequestWithContext(transport.WithOp(context.Background(), "items.get"), http.MethodGet, srv.URL+"/v1/items/2", nil)
	_, err = hc.Do(req)
	err = transport.AsError(err)
	var e *apierror.Error
	fmt.Println(errors.Is(err, apierror.ErrNotFound), errors.As(err, &e) && e.StatusCode == 404, e.Attempts)
	// Output:
	// pump 99
	// true true 1
}
