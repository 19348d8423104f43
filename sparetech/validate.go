package sparetech

import (
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
)

// checkID rejects an id or reference that cannot name a resource: empty,
// or a dot segment that URL resolution would remove from the path.
func checkID(field, id string) error {
	switch strings.TrimSpace(id) {
	case "":
		return apierror.Invalid(vendor, field, "must not be empty")
	case ".", "..":
		return apierror.Invalid(vendor, field, "%q is not a valid id", id)
	}
	return nil
}

func checkMessage(message string) error {
	if strings.TrimSpace(message) == "" {
		return apierror.Invalid(vendor, "message", "a rejection needs a reason: must not be empty")
	}
	return nil
}

func checkMaterialNumber(n string) error {
	if strings.TrimSpace(n) == "" {
		return apierror.Invalid(vendor, "materialNumber", "must not be empty: it is the material's number in the ERP")
	}
	return nil
}
