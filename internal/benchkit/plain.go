package benchkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// PlainClient is the baselines' client: net/http with its own keep-alive
// transport, as a hand-written client would have.
func PlainClient(b interface{ Cleanup(func()) }) *http.Client {
	tr := &http.Transport{}
	b.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// PlainJSON is a hand-written call: build the request, set the headers
// (name, value pairs), send it, check the status, decode the JSON answer
// into v (nil: discard it), drain and close the body.
func PlainJSON(ctx context.Context, hc *http.Client, method, url string, body []byte, v any, header ...string) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("%s %s: status %d", method, url, resp.StatusCode)
	}
	if v != nil {
		err = json.NewDecoder(resp.Body).Decode(v)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return err
}
