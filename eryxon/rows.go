package eryxon

import (
	"github.com/partsync/partsync-go/eryxon/internal/oapi"
	"github.com/partsync/partsync-go/internal/wiredecode"
)

// Rows are decoded into these wire structs, one field per column of the
// generated model (oapi.Job, oapi.Part, ...) under the same JSON name, but
// with value fields: the generated models' pointer fields cost an
// allocation per column per row. The leaf types of internal/wiredecode
// decode as the generated *string, *int and *bool fields do (a null clears
// the column, a value of the wrong type is an error with encoding/json's
// message, unknown names are ignored), so that a body decodes to the same
// item, or fails, exactly as before; the reference decoder through the
// generated models is kept in rows_reference_test.go and
// FuzzRowsMatchReference compares the two.

// jobRow is a row of the jobs table (oapi.Job).
type jobRow struct {
	CreatedAt      wiredecode.UnusedString `json:"created_at"`
	Customer       wiredecode.String       `json:"customer"`
	DueDate        wiredecode.String       `json:"due_date"`
	ExternalID     wiredecode.String       `json:"external_id"`
	ExternalSource wiredecode.String       `json:"external_source"`
	ID             wiredecode.String       `json:"id"`
	JobNumber      wiredecode.String       `json:"job_number"`
	Metadata       map[string]any          `json:"metadata"`
	Notes          wiredecode.String       `json:"notes"`
	Priority       wiredecode.Int          `json:"priority"`
	Status         wiredecode.String       `json:"status"`
	SyncedAt       wiredecode.UnusedString `json:"synced_at"`
	TenantID       wiredecode.UnusedString `json:"tenant_id"`
	UpdatedAt      wiredecode.UnusedString `json:"updated_at"`
}

func (r *jobRow) item() Job {
	return Job{
		ID:             string(r.ID),
		ExternalID:     string(r.ExternalID),
		ExternalSource: string(r.ExternalSource),
		JobNumber:      string(r.JobNumber),
		Customer:       string(r.Customer),
		DueDate:        parseTime((*string)(&r.DueDate)),
		Priority:       int(r.Priority),
		Notes:          string(r.Notes),
		Status:         JobStatus(r.Status),
		Metadata:       r.Metadata,
	}
}

// partRow is a row of the parts table (oapi.Part).
type partRow struct {
	CreatedAt      wiredecode.UnusedString `json:"created_at"`
	ExternalID     wiredecode.String       `json:"external_id"`
	ExternalSource wiredecode.String       `json:"external_source"`
	ID             wiredecode.String       `json:"id"`
	JobID          wiredecode.String       `json:"job_id"`
	Material       wiredecode.String       `json:"material"`
	Notes          wiredecode.String       `json:"notes"`
	PartNumber     wiredecode.String       `json:"part_number"`
	Quantity       wiredecode.Int          `json:"quantity"`
	Status         wiredecode.UnusedString `json:"status"`
	UpdatedAt      wiredecode.UnusedString `json:"updated_at"`
}

func (r *partRow) item() Part {
	return Part{
		ID:             string(r.ID),
		ExternalID:     string(r.ExternalID),
		ExternalSource: string(r.ExternalSource),
		JobID:          string(r.JobID),
		PartNumber:     string(r.PartNumber),
		Material:       string(r.Material),
		Quantity:       int(r.Quantity),
		Notes:          string(r.Notes),
	}
}

// operationRow is a row of the operations table (oapi.Operation).
type operationRow struct {
	CellID         wiredecode.String       `json:"cell_id"`
	CreatedAt      wiredecode.UnusedString `json:"created_at"`
	EstimatedTime  wiredecode.Int          `json:"estimated_time"`
	ExternalID     wiredecode.String       `json:"external_id"`
	ExternalSource wiredecode.String       `json:"external_source"`
	ID             wiredecode.String       `json:"id"`
	Notes          wiredecode.String       `json:"notes"`
	OperationName  wiredecode.String       `json:"operation_name"`
	PartID         wiredecode.String       `json:"part_id"`
	Sequence       wiredecode.Int          `json:"sequence"`
	Status         wiredecode.UnusedString `json:"status"`
	UpdatedAt      wiredecode.UnusedString `json:"updated_at"`
}

func (r *operationRow) item() Operation {
	return Operation{
		ID:                   string(r.ID),
		ExternalID:           string(r.ExternalID),
		ExternalSource:       string(r.ExternalSource),
		PartID:               string(r.PartID),
		CellID:               string(r.CellID),
		OperationName:        string(r.OperationName),
		Sequence:             int(r.Sequence),
		EstimatedTimeMinutes: int(r.EstimatedTime),
		Notes:                string(r.Notes),
	}
}

// cellRow is a row of the cells table (oapi.Cell).
type cellRow struct {
	Active         *bool                   `json:"active"`
	Color          wiredecode.String       `json:"color"`
	CreatedAt      wiredecode.UnusedString `json:"created_at"`
	ExternalID     wiredecode.String       `json:"external_id"`
	ExternalSource wiredecode.String       `json:"external_source"`
	ID             wiredecode.String       `json:"id"`
	Name           wiredecode.String       `json:"name"`
	Sequence       wiredecode.Int          `json:"sequence"`
	UpdatedAt      wiredecode.UnusedString `json:"updated_at"`
}

func (r *cellRow) item() Cell {
	return Cell{
		ID:             string(r.ID),
		ExternalID:     string(r.ExternalID),
		ExternalSource: string(r.ExternalSource),
		Name:           string(r.Name),
		Color:          string(r.Color),
		Sequence:       int(r.Sequence),
		Active:         r.Active,
	}
}

// resourceRow is a row of the resources table (oapi.Resource).
type resourceRow struct {
	Active         wiredecode.UnusedBool   `json:"active"`
	CreatedAt      wiredecode.UnusedString `json:"created_at"`
	Description    wiredecode.String       `json:"description"`
	ExternalID     wiredecode.String       `json:"external_id"`
	ExternalSource wiredecode.String       `json:"external_source"`
	ID             wiredecode.String       `json:"id"`
	Identifier     wiredecode.String       `json:"identifier"`
	Location       wiredecode.String       `json:"location"`
	Name           wiredecode.String       `json:"name"`
	Status         wiredecode.String       `json:"status"`
	Type           wiredecode.String       `json:"type"`
	UpdatedAt      wiredecode.UnusedString `json:"updated_at"`
}

func (r *resourceRow) item() Resource {
	return Resource{
		ID:             string(r.ID),
		ExternalID:     string(r.ExternalID),
		ExternalSource: string(r.ExternalSource),
		Name:           string(r.Name),
		Type:           ResourceType(r.Type),
		Description:    string(r.Description),
		Identifier:     string(r.Identifier),
		Location:       string(r.Location),
		Status:         ResourceStatus(r.Status),
	}
}

// The list and get-one bodies: {"data":{"<table>":[...],"<single>":{...},
// "pagination":{...}},"success":true} (oapi.JobsListBody, ...).
type (
	jobsBody struct {
		Data *struct {
			Job        *jobRow          `json:"job"`
			Jobs       []jobRow         `json:"jobs"`
			Pagination *oapi.Pagination `json:"pagination"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
	partsBody struct {
		Data *struct {
			Part       *partRow         `json:"part"`
			Parts      []partRow        `json:"parts"`
			Pagination *oapi.Pagination `json:"pagination"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
	operationsBody struct {
		Data *struct {
			Operation  *operationRow    `json:"operation"`
			Operations []operationRow   `json:"operations"`
			Pagination *oapi.Pagination `json:"pagination"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
	cellsBody struct {
		Data *struct {
			Cell       *cellRow         `json:"cell"`
			Cells      []cellRow        `json:"cells"`
			Pagination *oapi.Pagination `json:"pagination"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
	resourcesBody struct {
		Data *struct {
			Pagination *oapi.Pagination `json:"pagination"`
			Resource   *resourceRow     `json:"resource"`
			Resources  []resourceRow    `json:"resources"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
)

// The sync bodies: the server's {"data":{"<single>":{row},"action":...}} or
// the published page's {"data":{"action","id","external_id"}}
// (oapi.JobSyncBody, ...).
type (
	jobSyncBody struct {
		Data *struct {
			Action     wiredecode.String `json:"action"`
			ExternalID wiredecode.String `json:"external_id"`
			ID         wiredecode.String `json:"id"`
			Job        *jobRow           `json:"job"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
	partSyncBody struct {
		Data *struct {
			Action     wiredecode.String `json:"action"`
			ExternalID wiredecode.String `json:"external_id"`
			ID         wiredecode.String `json:"id"`
			Part       *partRow          `json:"part"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
	operationSyncBody struct {
		Data *struct {
			Action     wiredecode.String `json:"action"`
			ExternalID wiredecode.String `json:"external_id"`
			ID         wiredecode.String `json:"id"`
			Operation  *operationRow     `json:"operation"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
	cellSyncBody struct {
		Data *struct {
			Action     wiredecode.String `json:"action"`
			ExternalID wiredecode.String `json:"external_id"`
			ID         wiredecode.String `json:"id"`
			Cell       *cellRow          `json:"cell"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
	resourceSyncBody struct {
		Data *struct {
			Action     wiredecode.String `json:"action"`
			ExternalID wiredecode.String `json:"external_id"`
			ID         wiredecode.String `json:"id"`
			Resource   *resourceRow      `json:"resource"`
		} `json:"data"`
		Success wiredecode.UnusedBool `json:"success"`
	}
)
