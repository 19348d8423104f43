package auth

import (
	"bytes"
	"io"
	"net/http"
)

// scrubPrefix is how much of an error body is searched for the token: the
// part that error decoding reads (apierror.MaxDecode).
const scrubPrefix = 64 << 10

// scrubErrorBody makes sure an error body that quotes the access token back
// ("token X is not valid") cannot carry it into an error or a log line:
// pattern redaction cannot recognise an opaque token, this layer knows it.
// Only error answers are touched, and only when read.
func scrubErrorBody(resp *http.Response, tok *Token) *http.Response {
	if resp == nil || resp.StatusCode < 400 || resp.Body == nil || tok == nil || len(tok.AccessToken) < 8 {
		return resp
	}
	resp.Body = &scrubbedBody{rc: resp.Body, secret: []byte(tok.AccessToken)}
	return resp
}

type scrubbedBody struct {
	rc     io.ReadCloser
	secret []byte
	r      io.Reader // the scrubbed prefix, then the rest; nil until the first Read
}

func (b *scrubbedBody) Read(p []byte) (int, error) {
	if b.r == nil {
		head, err := io.ReadAll(io.LimitReader(b.rc, scrubPrefix))
		head = bytes.ReplaceAll(head, b.secret, []byte("[REDACTED]"))
		if err != nil {
			b.r = io.MultiReader(bytes.NewReader(head), errReader{err})
		} else {
			b.r = io.MultiReader(bytes.NewReader(head), b.rc)
		}
	}
	return b.r.Read(p)
}

func (b *scrubbedBody) Close() error { return b.rc.Close() }

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
