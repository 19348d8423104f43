// Package apierror defines the one error type that every vendor package
// returns (re-exported there as Error), its sentinel classes, and the hook a
// vendor uses to decode its own error envelope.
//
// FromResponse builds an *Error from a response outside 2xx (status, request
// id, Retry-After, rate-limit state, a redacted body excerpt, and whatever
// the vendor's Decoder reads from its envelope). Redact removes secrets
// (credential fields in JSON, form, query and XML; bearer tokens, JWTs and
// API keys) from text that may end up in errors or logs.
package apierror
