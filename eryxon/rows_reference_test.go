package eryxon

import (
	"net/http"

	"github.com/partsync/partsync-go/eryxon/internal/oapi"
	"github.com/partsync/partsync-go/internal/transport"
)

// The reference decoder: rows and sync answers decoded through the
// generated models (pointer fields) and converted, as the SDK did before
// rows.go. FuzzRowsMatchReference holds the decoder in rows.go to it.

// refDecodeRows decodes a list or get-one body of type B.
func refDecodeRows[B, W, T any](get func(*B) (*[]W, *W, *oapi.Pagination), conv func(*W) T) func(*http.Response) ([]T, *T, *oapi.Pagination, error) {
	return func(resp *http.Response) ([]T, *T, *oapi.Pagination, error) {
		var b B
		if err := transport.DecodeJSON(resp, &b); err != nil {
			return nil, nil, nil, err
		}
		rows, row, pg := get(&b)
		var out []T
		if rows != nil {
			out = make([]T, len(*rows))
			for i := range *rows {
				out[i] = conv(&(*rows)[i])
			}
		}
		var one *T
		if row != nil {
			v := conv(row)
			one = &v
		}
		return out, one, pg, nil
	}
}

// refDecodeSynced decodes a sync body of type B.
func refDecodeSynced[B, W, T any](get func(*B) (action, id *string, row *W), conv func(*W) T) func(*http.Response) (string, string, *T, error) {
	return func(resp *http.Response) (string, string, *T, error) {
		var b B
		if err := transport.DecodeJSON(resp, &b); err != nil {
			return "", "", nil, err
		}
		action, id, row := get(&b)
		var out *T
		if row != nil {
			v := conv(row)
			out = &v
		}
		return str(action), str(id), out, nil
	}
}

func refActionString[A ~string](a *A) *string {
	if a == nil {
		return nil
	}
	s := string(*a)
	return &s
}

// refDecoders are the reference decoders of one collection.
type refDecoders[T any] struct {
	rows   func(*http.Response) ([]T, *T, *oapi.Pagination, error)
	synced func(*http.Response) (string, string, *T, error)
}

var (
	refJobs = refDecoders[Job]{
		rows: refDecodeRows(func(b *oapi.JobsListBody) (*[]oapi.Job, *oapi.Job, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Jobs, b.Data.Job, b.Data.Pagination
		}, jobFromRow),
		synced: refDecodeSynced(func(b *oapi.JobSyncBody) (*string, *string, *oapi.Job) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return refActionString(b.Data.Action), b.Data.Id, b.Data.Job
		}, jobFromRow),
	}
	refParts = refDecoders[Part]{
		rows: refDecodeRows(func(b *oapi.PartsListBody) (*[]oapi.Part, *oapi.Part, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Parts, b.Data.Part, b.Data.Pagination
		}, partFromRow),
		synced: refDecodeSynced(func(b *oapi.PartSyncBody) (*string, *string, *oapi.Part) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return refActionString(b.Data.Action), b.Data.Id, b.Data.Part
		}, partFromRow),
	}
	refOperations = refDecoders[Operation]{
		rows: refDecodeRows(func(b *oapi.OperationsListBody) (*[]oapi.Operation, *oapi.Operation, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Operations, b.Data.Operation, b.Data.Pagination
		}, operationFromRow),
		synced: refDecodeSynced(func(b *oapi.OperationSyncBody) (*string, *string, *oapi.Operation) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return refActionString(b.Data.Action), b.Data.Id, b.Data.Operation
		}, operationFromRow),
	}
	refCells = refDecoders[Cell]{
		rows: refDecodeRows(func(b *oapi.CellsListBody) (*[]oapi.Cell, *oapi.Cell, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Cells, b.Data.Cell, b.Data.Pagination
		}, cellFromRow),
		synced: refDecodeSynced(func(b *oapi.CellSyncBody) (*string, *string, *oapi.Cell) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return refActionString(b.Data.Action), b.Data.Id, b.Data.Cell
		}, cellFromRow),
	}
	refResources = refDecoders[Resource]{
		rows: refDecodeRows(func(b *oapi.ResourcesListBody) (*[]oapi.Resource, *oapi.Resource, *oapi.Pagination) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return b.Data.Resources, b.Data.Resource, b.Data.Pagination
		}, resourceFromRow),
		synced: refDecodeSynced(func(b *oapi.ResourceSyncBody) (*string, *string, *oapi.Resource) {
			if b.Data == nil {
				return nil, nil, nil
			}
			return refActionString(b.Data.Action), b.Data.Id, b.Data.Resource
		}, resourceFromRow),
	}
)

func jobFromRow(r *oapi.Job) Job {
	j := Job{
		ID:             str(r.Id),
		ExternalID:     str(r.ExternalId),
		ExternalSource: str(r.ExternalSource),
		JobNumber:      str(r.JobNumber),
		Customer:       str(r.Customer),
		DueDate:        parseTime(r.DueDate),
		Priority:       num(r.Priority),
		Notes:          str(r.Notes),
		Status:         JobStatus(str(r.Status)),
	}
	if r.Metadata != nil {
		j.Metadata = *r.Metadata
	}
	return j
}

func partFromRow(r *oapi.Part) Part {
	return Part{
		ID:             str(r.Id),
		ExternalID:     str(r.ExternalId),
		ExternalSource: str(r.ExternalSource),
		JobID:          str(r.JobId),
		PartNumber:     str(r.PartNumber),
		Material:       str(r.Material),
		Quantity:       num(r.Quantity),
		Notes:          str(r.Notes),
	}
}

func operationFromRow(r *oapi.Operation) Operation {
	return Operation{
		ID:                   str(r.Id),
		ExternalID:           str(r.ExternalId),
		ExternalSource:       str(r.ExternalSource),
		PartID:               str(r.PartId),
		CellID:               str(r.CellId),
		OperationName:        str(r.OperationName),
		Sequence:             num(r.Sequence),
		EstimatedTimeMinutes: num(r.EstimatedTime),
		Notes:                str(r.Notes),
	}
}

func cellFromRow(r *oapi.Cell) Cell {
	return Cell{
		ID:             str(r.Id),
		ExternalID:     str(r.ExternalId),
		ExternalSource: str(r.ExternalSource),
		Name:           str(r.Name),
		Color:          str(r.Color),
		Sequence:       num(r.Sequence),
		Active:         r.Active,
	}
}

func resourceFromRow(r *oapi.Resource) Resource {
	return Resource{
		ID:             str(r.Id),
		ExternalID:     str(r.ExternalId),
		ExternalSource: str(r.ExternalSource),
		Name:           str(r.Name),
		Type:           ResourceType(str(r.Type)),
		Description:    str(r.Description),
		Identifier:     str(r.Identifier),
		Location:       str(r.Location),
		Status:         ResourceStatus(str(r.Status)),
	}
}
