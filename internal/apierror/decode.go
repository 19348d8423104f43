package apierror

import "net/http"

// MaxExcerpt is how much of an error body Error.Body keeps.
const MaxExcerpt = 4 << 10

// MaxDecode is how much of an error body is read for a vendor Decoder.
const MaxDecode = 64 << 10

// Decoder fills a vendor's Code, Message, Details and Kind from its error
// envelope. body is the start of the raw body (at most MaxDecode bytes,
// unredacted: a Decoder must not copy secrets into the fields it sets; e.Body
// already holds the redacted excerpt, which a Decoder may redact further).
// When no Decoder is set, or it leaves Message empty, Message is the start of
// the redacted body as text.
type Decoder func(e *Error, resp *http.Response, body []byte)
