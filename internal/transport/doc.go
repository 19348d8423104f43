// Package transport builds the HTTP stack every vendor client uses, in the
// order of ARCHITECTURE.md, outer to inner:
//
//	*http.Client (follows redirects, honours the user's Timeout)
//	-> retry layer (go-retryablehttp: backoff with full jitter, Retry-After
//	   clamped to [0, maxWait], ctx-aware sleeps; request id, User-Agent)
//	-> attempt log (slog: method, host, path, status, attempt, duration)
//	-> client-side limiter (x/time/rate, optional) + server-quota gate
//	-> auth (Config.Auth)
//	-> response inspector (X-RateLimit-*, kept for Client.RateLimit)
//	-> base RoundTripper (the user's, or a tuned *http.Transport)
//
// Responses with status >= 400 and requests that got no response come back
// as errors wrapping *apierror.Error; AsError unwraps the *url.Error that
// net/http puts around them.
//
// The retry policy (policy.go): GET, PUT, DELETE and POSTs marked with
// Idempotent are retried on 429, 502, 503, 504 and connection errors; other
// POSTs only on a 429 (a refusal before any work) and on a connection error
// before the request was written, never after (ErrOutcomeUnknown); requests
// marked NoRetry only on a 429.
// 500, 501 and other statuses are not retried, nor are failed token
// requests (the token cache backs off). A 429 whose Retry-After exceeds
// MaxRateLimitWait fails at once with ErrRateLimited. DecodeJSON turns a
// body that is truncated, not JSON, invalid UTF-8 or larger than
// MaxResponseBytes into ErrDecode.
package transport
