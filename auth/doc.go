// Package auth provides the token sources every partsync client
// authenticates with: OAuth client credentials, the password grant with
// rotating refresh tokens, static API keys and vendor-specific token
// endpoints, all behind one token cache, plus the http.RoundTripper that
// attaches tokens to API requests.
//
// # The cache
//
// Every OAuth source (ClientCredentials, Password, and any vendor Grant
// passed to NewCachedSource) shares one cache that:
//
//   - lets exactly one token request run at a time for any number of
//     concurrent callers; a caller whose context ends returns at once with
//     the context's error while the request goes on for the others;
//   - renews a token before it expires (30 s before by default, less for
//     short-lived tokens, with jitter so that replicas do not renew in
//     step), in the background: callers keep getting the old token while it
//     is valid and only wait when there is no valid token;
//   - restores a still-valid token from the Store at start-up, so a
//     restarted process makes no token request, and re-reads the Store before
//     every renewal, so sources sharing a Store share one rotating refresh
//     token;
//   - saves every new token to the Store before handing it out;
//   - after a failed token request waits (1 s doubling up to 5 min, or longer
//     when the server sent Retry-After) before trying again, returning the
//     last error at once in the meantime, or the previous token while it is
//     still valid.
//
// The password grant presents each refresh token at most once, logs in
// with the password again when the refresh token is rejected or its answer
// is lost, and never loses a rotated refresh token: it is saved before the
// access token that came with it is used. After a failed renewal it removes
// the spent refresh token from the Store, so that neither another source
// sharing the Store nor a restarted process presents it again.
//
// # Replicas
//
// Sources sharing a Store adopt each other's tokens instead of requesting
// their own. When the Store implements StoreLocker (NewMemoryStore and
// NewFileStore do, within one process), renewals take turns, so only one
// source presents a refresh token and the others adopt the result.
// Processes sharing a file lock nothing: two that renew at the same moment
// can both present the same refresh token, and with a server that rejects
// reuse the loser logs in with the password again. A Store for several
// processes (Redis, a database) should implement StoreLocker.
//
// # golang.org/x/oauth2
//
// OAuth2TokenSource adapts any Source (a cached ClientCredentials or Password
// source, Static) to oauth2.TokenSource, so that code built on x/oauth2
// (oauth2.NewClient, oauth2.Transport, gRPC or cloud clients) shares this
// package's cache, Store and refresh-token rotation instead of running a
// second token flow. FromOAuth2 goes the other way: it wraps an
// oauth2.TokenSource, for a flow this package does not implement, as a
// Source for NewTransport; expiry and refresh are then x/oauth2's (wrap a
// source that does not cache in oauth2.ReuseTokenSource).
//
// # Secrets
//
// Token and Config redact their secrets in String, GoString, every fmt
// verb and slog.LogValuer. Error messages of this package never contain a
// client secret, password, access token or refresh token: a token endpoint
// that echoes one back has it replaced by "[REDACTED]". Debug logging
// (Config.Logger) never logs one either. The transport attaches a token
// only to requests for the configured host and refuses plain http to a
// remote host.
package auth
