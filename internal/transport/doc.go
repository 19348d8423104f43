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
package transport
