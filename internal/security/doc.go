// Package security holds no code: its tests are the SDK's security evidence,
// run through the public API of every vendor client.
//
// They prove, for SPARETECH, SPR, GKS4, ServiceMobility and Eryxon alike:
//
//   - a redirect from the API host to any other host (another name, another
//     port, or plain http on the same name) never carries the access token,
//     the API key or the customer code; a redirect that stays on the host
//     does;
//   - a token, an API key or a login never goes over plain http to a host
//     that is not loopback, unless the client was built WithInsecureHTTP:
//     such a client fails with ErrInvalidInput before anything is sent;
//   - fmt (%v, %+v, %#v, %s, %q, %x, %d, %t) and slog output of
//     credentials, tokens, clients and the errors of failed logins, and the
//     crash output of panics carrying them, never show a secret;
//   - the server-side handlers (ServiceMobility Parts Ordering and
//     Authentication, Eryxon webhooks) refuse bodies over their cap without
//     reading more than the cap, and reject wrong secrets of any length.
//
// The tests use no network beyond 127.0.0.1: a recording http.RoundTripper
// stands in for remote hosts.
package security
