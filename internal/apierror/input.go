package apierror

import "fmt"

// InputError is input rejected before any request was sent.
// errors.Is(err, ErrInvalidInput) matches it.
type InputError struct {
	// Vendor names the API package ("sparetech", ...).
	Vendor string
	// Field names the offending field or parameter ("ListParams.Limit").
	Field string
	// Reason says what is wrong with it.
	Reason string
}

// Invalid returns an *InputError for field with a formatted reason.
func Invalid(vendor, field, format string, args ...any) error {
	return &InputError{Vendor: vendor, Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Error reports the field and the reason.
func (e *InputError) Error() string {
	prefix := ""
	if e.Vendor != "" {
		prefix = e.Vendor + ": "
	}
	if e.Field == "" {
		return prefix + "invalid input: " + e.Reason
	}
	return prefix + "invalid " + e.Field + ": " + e.Reason
}

// Is matches ErrInvalidInput.
func (e *InputError) Is(target error) bool { return target == ErrInvalidInput }
