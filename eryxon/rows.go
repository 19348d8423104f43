package eryxon

import (
	"encoding/json"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/partsync/partsync-go/eryxon/internal/oapi"
)

// Rows are decoded into these wire structs, one field per column of the
// generated model (oapi.Job, oapi.Part, ...) under the same JSON name, but
// with value fields: the generated models' pointer fields cost an
// allocation per column per row. The leaf types below decode as the
// generated *string, *int and *bool fields do (a null clears the column, a
// value of the wrong type is an error, unknown names are ignored), so that
// a body decodes to the same item, or fails, exactly as before; the
// reference decoder through the generated models is kept in
// rows_reference_test.go and FuzzRowsMatchReference compares the two.

// wstr is a string column (*string in the generated models).
type wstr string

// UnmarshalJSON takes a plain string without escapes as it stands and
// leaves any other string to encoding/json.
func (s *wstr) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case 'n':
		*s = ""
		return nil
	case '"':
	default:
		return typeError(b, stringType)
	}
	body := b[1 : len(b)-1]
	ascii := true
	for _, c := range body {
		if c == '\\' {
			return s.slow(b)
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(body) {
		return s.slow(b)
	}
	*s = wstr(body)
	return nil
}

func (s *wstr) slow(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = wstr(v)
	return nil
}

// wint is an integer column (*int).
type wint int

// UnmarshalJSON reads an integer as encoding/json reads one into an int.
func (n *wint) UnmarshalJSON(b []byte) error {
	switch c := b[0]; {
	case c == 'n':
		*n = 0
		return nil
	case c == '-' || ('0' <= c && c <= '9'):
		v, err := strconv.ParseInt(string(b), 10, 0)
		if err != nil {
			return &json.UnmarshalTypeError{Value: "number " + string(b), Type: intType}
		}
		*n = wint(v)
		return nil
	default:
		return typeError(b, intType)
	}
}

// wignored is a string column the SDK does not keep (created_at, status,
// ...): it is checked like a *string, not kept.
type wignored struct{}

// UnmarshalJSON accepts a string or null.
func (*wignored) UnmarshalJSON(b []byte) error {
	if b[0] == 'n' || b[0] == '"' {
		return nil
	}
	return typeError(b, stringType)
}

// wflag is a boolean field the SDK does not keep (success, a resource's
// active): it is checked like a *bool, not kept.
type wflag struct{}

// UnmarshalJSON accepts true, false or null.
func (*wflag) UnmarshalJSON(b []byte) error {
	if b[0] == 'n' || b[0] == 't' || b[0] == 'f' {
		return nil
	}
	return typeError(b, boolType)
}

var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
	boolType   = reflect.TypeFor[bool]()
)

// typeError is encoding/json's error for a JSON value b that does not fit t.
func typeError(b []byte, t reflect.Type) error {
	var what string
	switch b[0] {
	case '"':
		what = "string"
	case 't', 'f':
		what = "bool"
	case '{':
		what = "object"
	case '[':
		what = "array"
	default:
		what = "number"
	}
	return &json.UnmarshalTypeError{Value: what, Type: t}
}

// jobRow is a row of the jobs table (oapi.Job).
type jobRow struct {
	CreatedAt      wignored       `json:"created_at"`
	Customer       wstr           `json:"customer"`
	DueDate        wstr           `json:"due_date"`
	ExternalID     wstr           `json:"external_id"`
	ExternalSource wstr           `json:"external_source"`
	ID             wstr           `json:"id"`
	JobNumber      wstr           `json:"job_number"`
	Metadata       map[string]any `json:"metadata"`
	Notes          wstr           `json:"notes"`
	Priority       wint           `json:"priority"`
	Status         wstr           `json:"status"`
	SyncedAt       wignored       `json:"synced_at"`
	TenantID       wignored       `json:"tenant_id"`
	UpdatedAt      wignored       `json:"updated_at"`
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
	CreatedAt      wignored `json:"created_at"`
	ExternalID     wstr     `json:"external_id"`
	ExternalSource wstr     `json:"external_source"`
	ID             wstr     `json:"id"`
	JobID          wstr     `json:"job_id"`
	Material       wstr     `json:"material"`
	Notes          wstr     `json:"notes"`
	PartNumber     wstr     `json:"part_number"`
	Quantity       wint     `json:"quantity"`
	Status         wignored `json:"status"`
	UpdatedAt      wignored `json:"updated_at"`
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
	CellID         wstr     `json:"cell_id"`
	CreatedAt      wignored `json:"created_at"`
	EstimatedTime  wint     `json:"estimated_time"`
	ExternalID     wstr     `json:"external_id"`
	ExternalSource wstr     `json:"external_source"`
	ID             wstr     `json:"id"`
	Notes          wstr     `json:"notes"`
	OperationName  wstr     `json:"operation_name"`
	PartID         wstr     `json:"part_id"`
	Sequence       wint     `json:"sequence"`
	Status         wignored `json:"status"`
	UpdatedAt      wignored `json:"updated_at"`
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
	Active         *bool    `json:"active"`
	Color          wstr     `json:"color"`
	CreatedAt      wignored `json:"created_at"`
	ExternalID     wstr     `json:"external_id"`
	ExternalSource wstr     `json:"external_source"`
	ID             wstr     `json:"id"`
	Name           wstr     `json:"name"`
	Sequence       wint     `json:"sequence"`
	UpdatedAt      wignored `json:"updated_at"`
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
	Active         wflag    `json:"active"`
	CreatedAt      wignored `json:"created_at"`
	Description    wstr     `json:"description"`
	ExternalID     wstr     `json:"external_id"`
	ExternalSource wstr     `json:"external_source"`
	ID             wstr     `json:"id"`
	Identifier     wstr     `json:"identifier"`
	Location       wstr     `json:"location"`
	Name           wstr     `json:"name"`
	Status         wstr     `json:"status"`
	Type           wstr     `json:"type"`
	UpdatedAt      wignored `json:"updated_at"`
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
		Success wflag `json:"success"`
	}
	partsBody struct {
		Data *struct {
			Part       *partRow         `json:"part"`
			Parts      []partRow        `json:"parts"`
			Pagination *oapi.Pagination `json:"pagination"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
	operationsBody struct {
		Data *struct {
			Operation  *operationRow    `json:"operation"`
			Operations []operationRow   `json:"operations"`
			Pagination *oapi.Pagination `json:"pagination"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
	cellsBody struct {
		Data *struct {
			Cell       *cellRow         `json:"cell"`
			Cells      []cellRow        `json:"cells"`
			Pagination *oapi.Pagination `json:"pagination"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
	resourcesBody struct {
		Data *struct {
			Pagination *oapi.Pagination `json:"pagination"`
			Resource   *resourceRow     `json:"resource"`
			Resources  []resourceRow    `json:"resources"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
)

// The sync bodies: the server's {"data":{"<single>":{row},"action":...}} or
// the published page's {"data":{"action","id","external_id"}}
// (oapi.JobSyncBody, ...).
type (
	jobSyncBody struct {
		Data *struct {
			Action     wstr    `json:"action"`
			ExternalID wstr    `json:"external_id"`
			ID         wstr    `json:"id"`
			Job        *jobRow `json:"job"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
	partSyncBody struct {
		Data *struct {
			Action     wstr     `json:"action"`
			ExternalID wstr     `json:"external_id"`
			ID         wstr     `json:"id"`
			Part       *partRow `json:"part"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
	operationSyncBody struct {
		Data *struct {
			Action     wstr          `json:"action"`
			ExternalID wstr          `json:"external_id"`
			ID         wstr          `json:"id"`
			Operation  *operationRow `json:"operation"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
	cellSyncBody struct {
		Data *struct {
			Action     wstr     `json:"action"`
			ExternalID wstr     `json:"external_id"`
			ID         wstr     `json:"id"`
			Cell       *cellRow `json:"cell"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
	resourceSyncBody struct {
		Data *struct {
			Action     wstr         `json:"action"`
			ExternalID wstr         `json:"external_id"`
			ID         wstr         `json:"id"`
			Resource   *resourceRow `json:"resource"`
		} `json:"data"`
		Success wflag `json:"success"`
	}
)
