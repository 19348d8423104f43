package eryxon

import (
	"strings"
	"unicode/utf8"

	"github.com/partsync/partsync-go/internal/apierror"
)

const vendor = "eryxon"

// MaxBulkItems is the server's cap on one bulk-sync request; BulkSync splits
// longer inputs into chunks of at most this many items.
const MaxBulkItems = 1000

func invalid(field, format string, args ...any) error {
	return apierror.Invalid(vendor, field, format, args...)
}

// validateKey checks the upsert key every sync needs (the server answers 400
// without it).
func validateKey(typ, externalID, externalSource string) error {
	if strings.TrimSpace(externalID) == "" {
		return invalid(typ+".ExternalID", "is required for sync")
	}
	if strings.TrimSpace(externalSource) == "" {
		return invalid(typ+".ExternalSource", "is required for sync")
	}
	return nil
}

func validateJob(j *Job) error {
	if err := validateKey("Job", j.ExternalID, j.ExternalSource); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(j.JobNumber); n == 0 || n > 255 {
		return invalid("Job.JobNumber", "must be 1 to 255 characters, got %d", n)
	}
	if j.Priority < 0 || j.Priority > 10 {
		return invalid("Job.Priority", "must be 0 to 10, got %d", j.Priority)
	}
	switch j.Status {
	case "", JobNotStarted, JobInProgress, JobCompleted, JobOnHold:
	default:
		return invalid("Job.Status", "%q is not one of not_started, in_progress, completed, on_hold", j.Status)
	}
	return nil
}

func validatePart(p *Part) error {
	if err := validateKey("Part", p.ExternalID, p.ExternalSource); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(p.PartNumber); n == 0 || n > 255 {
		return invalid("Part.PartNumber", "must be 1 to 255 characters, got %d", n)
	}
	if p.Quantity < 0 {
		return invalid("Part.Quantity", "must be at least 1 (0 leaves the server's default), got %d", p.Quantity)
	}
	if p.JobID == "" && strings.TrimSpace(p.JobExternalID) == "" {
		return invalid("Part.JobID", "a part needs its job: set JobID or JobExternalID")
	}
	return nil
}

func validateOperation(o *Operation) error {
	if err := validateKey("Operation", o.ExternalID, o.ExternalSource); err != nil {
		return err
	}
	if strings.TrimSpace(o.OperationName) == "" {
		return invalid("Operation.OperationName", "is required")
	}
	if o.Sequence < 1 {
		return invalid("Operation.Sequence", "must be at least 1, got %d", o.Sequence)
	}
	if o.EstimatedTimeMinutes < 0 {
		return invalid("Operation.EstimatedTimeMinutes", "must not be negative, got %d", o.EstimatedTimeMinutes)
	}
	if o.PartID == "" && strings.TrimSpace(o.PartExternalID) == "" {
		return invalid("Operation.PartID", "an operation needs its part: set PartID or PartExternalID")
	}
	if o.CellID == "" && strings.TrimSpace(o.CellName) == "" {
		return invalid("Operation.CellID", "an operation needs its cell: set CellID or CellName")
	}
	return nil
}

func validateCell(c *Cell) error {
	if err := validateKey("Cell", c.ExternalID, c.ExternalSource); err != nil {
		return err
	}
	if strings.TrimSpace(c.Name) == "" {
		return invalid("Cell.Name", "is required")
	}
	if c.Sequence < 0 {
		return invalid("Cell.Sequence", "must not be negative, got %d", c.Sequence)
	}
	return nil
}

func validateResource(r *Resource) error {
	if err := validateKey("Resource", r.ExternalID, r.ExternalSource); err != nil {
		return err
	}
	if strings.TrimSpace(r.Name) == "" {
		return invalid("Resource.Name", "is required")
	}
	switch r.Type {
	case ResourceTooling, ResourceFixture, ResourceMold, ResourceMaterial, ResourceEquipment:
	case "":
		return invalid("Resource.Type", "is required (tooling, fixture, mold, material or equipment)")
	default:
		return invalid("Resource.Type", "%q is not one of tooling, fixture, mold, material, equipment", r.Type)
	}
	switch r.Status {
	case "", ResourceAvailable, ResourceInUse, ResourceMaintenance:
	default:
		return invalid("Resource.Status", "%q is not one of available, in_use, maintenance", r.Status)
	}
	return nil
}
