package eryxon

import "time"

// JobStatus is the jobs.status column (the job_status database enum).
type JobStatus string

// The job_status enum. (The vendor's OpenAPI also shows "pending", which the
// database rejects.)
const (
	JobNotStarted JobStatus = "not_started"
	JobInProgress JobStatus = "in_progress"
	JobCompleted  JobStatus = "completed"
	JobOnHold     JobStatus = "on_hold"
)

// ResourceType is the resources.type column.
type ResourceType string

// The documented resource types.
const (
	ResourceTooling   ResourceType = "tooling"
	ResourceFixture   ResourceType = "fixture"
	ResourceMold      ResourceType = "mold"
	ResourceMaterial  ResourceType = "material"
	ResourceEquipment ResourceType = "equipment"
)

// ResourceStatus is the resources.status column.
type ResourceStatus string

// The documented resource statuses.
const (
	ResourceAvailable   ResourceStatus = "available"
	ResourceInUse       ResourceStatus = "in_use"
	ResourceMaintenance ResourceStatus = "maintenance"
)

// Job is a sales order or production order (the jobs table). The JSON tags
// are the column names, so a Dataset file reads like an Eryxon export.
type Job struct {
	// ID is Eryxon's id; set by the server, never sent by Sync.
	ID string `json:"id,omitempty"`
	// ExternalID and ExternalSource identify the job in the ERP; together they
	// are the upsert key and are required.
	ExternalID     string `json:"external_id"`
	ExternalSource string `json:"external_source"`
	// JobNumber is required (1 to 255 characters).
	JobNumber string `json:"job_number"`
	// Customer is the customer column (the vendor's docs also show
	// "customer_name", which is not a column).
	Customer string `json:"customer,omitempty"`
	// DueDate is sent as a date (YYYY-MM-DD); zero is not sent.
	DueDate time.Time `json:"due_date,omitzero"`
	// Priority is 0 to 10; 0 is not sent (the server's default applies).
	Priority int    `json:"priority,omitempty"`
	Notes    string `json:"notes,omitempty"`
	// Status is one of the JobStatus constants; empty is not sent.
	Status   JobStatus      `json:"status,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

// Part is a work order line (the parts table), linked to its job.
type Part struct {
	ID             string `json:"id,omitempty"`
	ExternalID     string `json:"external_id"`
	ExternalSource string `json:"external_source"`
	// JobID is the parent job's Eryxon id. When empty, JobExternalID is
	// resolved to it before sending.
	JobID string `json:"job_id,omitempty"`
	// JobExternalID is the parent job's external id, within this part's
	// ExternalSource. Client side only: it is never sent to the per-entity
	// endpoints (the server would reject the unknown column).
	JobExternalID string `json:"job_external_id,omitempty"`
	// PartNumber is required (at most 255 characters).
	PartNumber string `json:"part_number"`
	// Material is NOT NULL in the parts table: required to create a part.
	Material string `json:"material,omitempty"`
	// Quantity is at least 1; 0 is not sent (the server's default is 1).
	Quantity int    `json:"quantity,omitempty"`
	Notes    string `json:"notes,omitempty"`
}

// Operation is a routing step of a part (the operations table), done in a cell.
type Operation struct {
	ID             string `json:"id,omitempty"`
	ExternalID     string `json:"external_id"`
	ExternalSource string `json:"external_source"`
	// PartID is the parent part's Eryxon id; when empty, PartExternalID is
	// resolved to it (client side only, never sent).
	PartID         string `json:"part_id,omitempty"`
	PartExternalID string `json:"part_external_id,omitempty"`
	// CellID is the cell's Eryxon id; when empty, CellName is resolved to it
	// (client side only, never sent).
	CellID   string `json:"cell_id,omitempty"`
	CellName string `json:"cell_name,omitempty"`
	// OperationName is required.
	OperationName string `json:"operation_name"`
	// Sequence is the step's position in the routing, at least 1.
	Sequence int `json:"sequence"`
	// EstimatedTimeMinutes is the estimated_time column (minutes, NOT NULL:
	// always sent).
	EstimatedTimeMinutes int    `json:"estimated_time"`
	Notes                string `json:"notes,omitempty"`
}

// Cell is a work center (the cells table).
type Cell struct {
	ID             string `json:"id,omitempty"`
	ExternalID     string `json:"external_id"`
	ExternalSource string `json:"external_source"`
	// Name is required; operations refer to cells by name (CellName).
	Name string `json:"name"`
	// Color is a CSS colour such as "#3b82f6".
	Color string `json:"color,omitempty"`
	// Sequence orders the cells on the shop-floor board (NOT NULL: always sent).
	Sequence int `json:"sequence"`
	// Active defaults to true on the server when nil.
	Active *bool `json:"active,omitempty"`
}

// Resource is a machine, tool, fixture, mold or material (the resources table).
type Resource struct {
	ID             string `json:"id,omitempty"`
	ExternalID     string `json:"external_id"`
	ExternalSource string `json:"external_source"`
	// Name and Type are required.
	Name        string         `json:"name"`
	Type        ResourceType   `json:"type"`
	Description string         `json:"description,omitempty"`
	Identifier  string         `json:"identifier,omitempty"`
	Location    string         `json:"location,omitempty"`
	Status      ResourceStatus `json:"status,omitempty"`
}

// Bool returns a pointer to v, for optional fields such as Cell.Active.
func Bool(v bool) *bool { return &v }
