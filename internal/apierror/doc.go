// Package apierror defines the one error type that every vendor package
// returns (re-exported there as Error), its sentinel classes, and the hook a
// vendor uses to decode its own error envelope.
package apierror
