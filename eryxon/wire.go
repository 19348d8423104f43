package eryxon

import (
	"strings"
	"time"

	"github.com/partsync/partsync-go/eryxon/internal/oapi"
)

// The per-entity sync endpoints write the body straight into the table, so
// the wire structs (generated from openapi.yaml) hold column names only: the
// linking fields (JobExternalID, PartExternalID, CellName) are resolved to
// ids first and never sent.

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// field and intField point into the caller's item instead of copying: the
// wire value only lives while the item is encoded, and it saves an
// allocation per field on large bulk syncs.
func field(p *string) *string {
	if *p == "" {
		return nil
	}
	return p
}

func intField(p *int) *int {
	if *p == 0 {
		return nil
	}
	return p
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func num(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// dateLayout is how due dates are sent (decision 10 of the vendor notes).
const dateLayout = "2006-01-02"

// parseTime reads a timestamptz ("2024-12-31T00:00:00+00:00") or a date.
func parseTime(p *string) time.Time {
	s := strings.TrimSpace(str(p))
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", dateLayout} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func jobWire(j *Job) oapi.JobSync {
	w := oapi.JobSync{
		ExternalId:     j.ExternalID,
		ExternalSource: j.ExternalSource,
		JobNumber:      field(&j.JobNumber),
		Customer:       field(&j.Customer),
		Priority:       intField(&j.Priority),
		Notes:          field(&j.Notes),
	}
	if !j.DueDate.IsZero() {
		w.DueDate = optString(j.DueDate.Format(dateLayout))
	}
	if j.Status != "" {
		w.Status = (*oapi.JobStatus)(&j.Status)
	}
	if j.Metadata != nil {
		w.Metadata = &j.Metadata
	}
	return w
}

func partWire(p *Part, jobID *string) oapi.PartSync {
	return oapi.PartSync{
		ExternalId:     p.ExternalID,
		ExternalSource: p.ExternalSource,
		JobId:          field(jobID),
		PartNumber:     field(&p.PartNumber),
		Material:       field(&p.Material),
		Quantity:       intField(&p.Quantity),
		Notes:          field(&p.Notes),
	}
}

func operationWire(o *Operation, partID, cellID *string) oapi.OperationSync {
	return oapi.OperationSync{
		ExternalId:     o.ExternalID,
		ExternalSource: o.ExternalSource,
		PartId:         field(partID),
		CellId:         field(cellID),
		OperationName:  field(&o.OperationName),
		Sequence:       intField(&o.Sequence),
		EstimatedTime:  o.EstimatedTimeMinutes,
		Notes:          field(&o.Notes),
	}
}

func cellWire(c *Cell) oapi.CellSync {
	return oapi.CellSync{
		ExternalId:     c.ExternalID,
		ExternalSource: c.ExternalSource,
		Name:           field(&c.Name),
		Color:          field(&c.Color),
		Sequence:       c.Sequence,
		Active:         c.Active,
	}
}

func resourceWire(r *Resource) oapi.ResourceSync {
	w := oapi.ResourceSync{
		ExternalId:     r.ExternalID,
		ExternalSource: r.ExternalSource,
		Name:           field(&r.Name),
		Description:    field(&r.Description),
		Identifier:     field(&r.Identifier),
		Location:       field(&r.Location),
	}
	if r.Type != "" {
		w.Type = (*oapi.ResourceType)(&r.Type)
	}
	if r.Status != "" {
		w.Status = (*oapi.ResourceStatus)(&r.Status)
	}
	return w
}
