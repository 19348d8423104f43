package transport

import (
	"errors"
	"net/url"

	"github.com/partsync/partsync-go/internal/apierror"
)

// AsError unwraps *url.Error so that callers get *apierror.Error (or the
// original error) at the top. A *url.Error that wraps no *apierror.Error
// (the request never reached the stack, e.g. a malformed URL) is kept, with
// its query removed, as the Err of an *apierror.Error.
func AsError(err error) error {
	if err == nil {
		return nil
	}
	var ae *apierror.Error
	if errors.As(err, &ae) {
		return ae
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		e := &apierror.Error{Err: ue.Err}
		if u, perr := url.Parse(ue.URL); perr == nil {
			e.URL = apierror.SafeURL(u)
		}
		return e
	}
	return err
}

// safeErrorText is an error's text fit for a log line: *url.Error is
// stripped (it prints the query) and secrets are redacted.
func safeErrorText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return apierror.RedactString(err.Error())
}
