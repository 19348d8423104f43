package eryxon

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/partsync/partsync-go/eryxon/internal/oapi"
	"github.com/partsync/partsync-go/internal/transport"
)

// ERPSyncService is the unified sync endpoint, /api-erp-sync: jobs, parts
// and resources in one request. Unlike the per-entity endpoints it resolves
// a part's JobExternalID on the server (against jobs of the same
// ExternalSource) and skips records whose content hash is unchanged.
type ERPSyncService struct {
	core *core
}

// ERPSyncRequest is the body of Diff and Sync.
type ERPSyncRequest struct {
	Jobs []Job
	// Parts may give JobExternalID instead of JobID: the server resolves it.
	Parts     []Part
	Resources []Resource
	// Options are the server's sync options; nil fields keep its defaults
	// (all true).
	Options ERPSyncOptions
	// Source names the sync in webhook events and history (default "erp_api").
	Source string
}

// ERPSyncOptions are the server's options; a nil field keeps its default.
type ERPSyncOptions struct {
	// SkipUnchanged skips records whose sync_hash is unchanged (default true).
	SkipUnchanged *bool
	// ContinueOnError goes on after a failed record (default true).
	ContinueOnError *bool
	// RecordHistory writes a sync_imports row, shown by Status (default true).
	RecordHistory *bool
	// BatchSize is the insert batch size on the server (default 100).
	BatchSize int
}

// ERPSyncResult is the answer of Sync.
type ERPSyncResult struct {
	Summary ERPSyncSummary
	// Entities holds the results per entity type: "jobs", "parts", "resources".
	Entities map[string]ERPEntityResult
}

// ERPSyncSummary totals a Sync.
type ERPSyncSummary struct {
	TotalEntities, TotalRecords, TotalCreated, TotalUpdated, TotalSkipped, TotalErrors int
	Duration                                                                           time.Duration
}

// ERPEntityResult is the result for one entity type.
type ERPEntityResult struct {
	Total, Created, Updated, Skipped, Errors int
	Duration                                 time.Duration
	Results                                  []ERPRecordResult
}

// ERPRecordResult is the result for one record.
type ERPRecordResult struct {
	// Action is "created", "updated", "skipped" or "error".
	Action        string
	ID            string
	ExternalID    string
	Error         string
	SkippedReason string
}

// ERPDiff is the answer of Diff: what Sync would do.
type ERPDiff struct {
	Summary ERPDiffSummary
	// Entities holds the diff per entity type: "jobs", "parts", "resources".
	Entities map[string]ERPEntityDiff
}

// ERPDiffSummary totals a Diff.
type ERPDiffSummary struct {
	TotalEntities, TotalRecords, TotalToCreate, TotalToUpdate, TotalUnchanged, TotalErrors int
}

// ERPEntityDiff is the diff for one entity type.
type ERPEntityDiff struct {
	EntityType                                   string
	Total, ToCreate, ToUpdate, Unchanged, Errors int
	Records                                      []ERPDiffRecord
}

// ERPDiffRecord says what Sync would do to one record.
type ERPDiffRecord struct {
	ExternalID, ExternalSource string
	// Status is "create", "update", "unchanged" or "error".
	Status     string
	ExistingID string
	// Changes names the fields that differ.
	Changes []string
	Error   string
}

// ERPStatusParams filters Status.
type ERPStatusParams struct {
	// EntityType is "jobs", "parts", "resources" or "operations"; empty for all.
	EntityType string
	// Source filters by sync source.
	Source string
	// Limit is the number of history rows, 1 to 100; 0 means the server's 20.
	Limit int
}

// ERPSyncStatus is the answer of Status: totals and recent history.
type ERPSyncStatus struct {
	Stats   ERPStatusStats
	History []ERPSyncImport
}

// ERPStatusStats totals the recorded syncs.
type ERPStatusStats struct {
	TotalSyncs, Successful, Failed, TotalCreated, TotalUpdated, TotalErrors int
}

// ERPSyncImport is one recorded sync (a sync_imports row).
type ERPSyncImport struct {
	ID, Source, EntityType, Status                                     string
	TotalRecords, CreatedCount, UpdatedCount, SkippedCount, ErrorCount int
	StartedAt, CompletedAt                                             time.Time
}

// Diff reports what Sync would change, without changing anything (POST
// /api-erp-sync/diff). It reads only, so it is retried like a GET.
func (s *ERPSyncService) Diff(ctx context.Context, req ERPSyncRequest) (*ERPDiff, error) {
	body, err := erpBody(&req)
	if err != nil {
		return nil, err
	}
	ctx = transport.Idempotent(transport.WithOp(ctx, "erp-sync.diff"))
	resp, err := s.core.gen.ErpSyncDiffWithBody(ctx, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, transport.AsError(err)
	}
	var b oapi.ERPDiffResponse
	if err := transport.DecodeJSON(resp, &b); err != nil {
		return nil, err
	}
	out := &ERPDiff{Entities: map[string]ERPEntityDiff{}}
	if b.Data == nil {
		return out, nil
	}
	if sm := b.Data.Summary; sm != nil {
		out.Summary = ERPDiffSummary{TotalEntities: num(sm.TotalEntities), TotalRecords: num(sm.TotalRecords),
			TotalToCreate: num(sm.TotalToCreate), TotalToUpdate: num(sm.TotalToUpdate),
			TotalUnchanged: num(sm.TotalUnchanged), TotalErrors: num(sm.TotalErrors)}
	}
	if b.Data.Entities != nil {
		for k, d := range *b.Data.Entities {
			ed := ERPEntityDiff{EntityType: str(d.EntityType), Total: num(d.Total), ToCreate: num(d.ToCreate),
				ToUpdate: num(d.ToUpdate), Unchanged: num(d.Unchanged), Errors: num(d.Errors)}
			if d.Records != nil {
				for _, r := range *d.Records {
					rec := ERPDiffRecord{ExternalID: str(r.ExternalId), ExternalSource: str(r.ExternalSource),
						Status: str(r.Status), ExistingID: str(r.ExistingId), Error: str(r.Error)}
					if r.Changes != nil {
						rec.Changes = *r.Changes
					}
					ed.Records = append(ed.Records, rec)
				}
			}
			out.Entities[k] = ed
		}
	}
	return out, nil
}

// Sync syncs jobs, parts and resources (POST /api-erp-sync/sync). It is
// marked idempotent: every record is an upsert keyed by (external_source,
// external_id), and a replay after a lost response finds the records
// unchanged by hash and skips them, so it is retried on 429, 502, 503, 504
// and connection errors (a replay may add a second history row).
func (s *ERPSyncService) Sync(ctx context.Context, req ERPSyncRequest) (*ERPSyncResult, error) {
	body, err := erpBody(&req)
	if err != nil {
		return nil, err
	}
	ctx = transport.Idempotent(transport.WithOp(ctx, "erp-sync.sync"))
	resp, err := s.core.gen.ErpSyncWithBody(ctx, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, transport.AsError(err)
	}
	var b oapi.ERPSyncResponse
	if err := transport.DecodeJSON(resp, &b); err != nil {
		return nil, err
	}
	out := &ERPSyncResult{Entities: map[string]ERPEntityResult{}}
	if b.Data == nil {
		return out, nil
	}
	d := b.Data
	if sm := d.Summary; sm != nil {
		out.Summary = ERPSyncSummary{TotalEntities: num(sm.TotalEntities), TotalRecords: num(sm.TotalRecords),
			TotalCreated: num(sm.TotalCreated), TotalUpdated: num(sm.TotalUpdated), TotalSkipped: num(sm.TotalSkipped),
			TotalErrors: num(sm.TotalErrors), Duration: time.Duration(num(sm.DurationMs)) * time.Millisecond}
	}
	// The server puts per-entity results next to summary; the vendor's
	// OpenAPI under "entities". Both are read.
	if d.Entities != nil {
		for k, e := range *d.Entities {
			out.Entities[k] = entityResult(&e)
		}
	}
	for k, e := range map[string]*oapi.ERPEntityResult{"jobs": d.Jobs, "parts": d.Parts, "resources": d.Resources} {
		if e != nil {
			out.Entities[k] = entityResult(e)
		}
	}
	return out, nil
}

func entityResult(e *oapi.ERPEntityResult) ERPEntityResult {
	r := ERPEntityResult{Total: num(e.Total), Created: num(e.Created), Updated: num(e.Updated),
		Skipped: num(e.Skipped), Errors: num(e.Errors), Duration: time.Duration(num(e.DurationMs)) * time.Millisecond}
	if e.Results != nil {
		for _, x := range *e.Results {
			r.Results = append(r.Results, ERPRecordResult{Action: str(x.Action), ID: str(x.Id),
				ExternalID: str(x.ExternalId), Error: str(x.Error), SkippedReason: str(x.SkippedReason)})
		}
	}
	return r
}

// Status returns sync statistics and recent history (GET /api-erp-sync/status).
func (s *ERPSyncService) Status(ctx context.Context, p ERPStatusParams) (*ERPSyncStatus, error) {
	if p.Limit < 0 || p.Limit > 100 {
		return nil, invalid("ERPStatusParams.Limit", "must be 0 to 100, got %d", p.Limit)
	}
	q := &oapi.ErpSyncStatusParams{EntityType: optString(p.EntityType), Source: optString(p.Source), Limit: optInt(p.Limit)}
	resp, err := s.core.gen.ErpSyncStatus(transport.WithOp(ctx, "erp-sync.status"), q)
	if err != nil {
		return nil, transport.AsError(err)
	}
	var b oapi.ERPStatusResponse
	if err := transport.DecodeJSON(resp, &b); err != nil {
		return nil, err
	}
	out := &ERPSyncStatus{}
	if b.Data == nil {
		return out, nil
	}
	if st := b.Data.Stats; st != nil {
		out.Stats = ERPStatusStats{TotalSyncs: num(st.TotalSyncs), Successful: num(st.Successful), Failed: num(st.Failed),
			TotalCreated: num(st.TotalCreated), TotalUpdated: num(st.TotalUpdated), TotalErrors: num(st.TotalErrors)}
	}
	if b.Data.History != nil {
		for _, h := range *b.Data.History {
			out.History = append(out.History, ERPSyncImport{ID: str(h.Id), Source: str(h.Source), EntityType: str(h.EntityType),
				Status: str(h.Status), TotalRecords: num(h.TotalRecords), CreatedCount: num(h.CreatedCount),
				UpdatedCount: num(h.UpdatedCount), SkippedCount: num(h.SkippedCount), ErrorCount: num(h.ErrorCount),
				StartedAt: parseTime(h.StartedAt), CompletedAt: parseTime(h.CompletedAt)})
		}
	}
	return out, nil
}

// erpBody validates a request and encodes it with the ERP endpoint's field
// names (it accepts job_external_id on parts, unlike the per-entity ones).
func erpBody(req *ERPSyncRequest) ([]byte, error) {
	if len(req.Jobs)+len(req.Parts)+len(req.Resources) == 0 {
		return nil, invalid("ERPSyncRequest", "has no jobs, parts or resources")
	}
	var w oapi.ERPSyncRequest
	if len(req.Jobs) > 0 {
		jobs := make([]oapi.ERPJob, len(req.Jobs))
		for i := range req.Jobs {
			j := &req.Jobs[i]
			if err := validateJob(j); err != nil {
				return nil, indexed("Jobs", i, err)
			}
			s := jobWire(j)
			jobs[i] = oapi.ERPJob{ExternalId: s.ExternalId, ExternalSource: s.ExternalSource, JobNumber: j.JobNumber,
				Customer: s.Customer, DueDate: s.DueDate, Priority: s.Priority, Notes: s.Notes, Metadata: s.Metadata}
		}
		w.Jobs = &jobs
	}
	if len(req.Parts) > 0 {
		parts := make([]oapi.ERPPart, len(req.Parts))
		for i := range req.Parts {
			p := &req.Parts[i]
			if err := validatePart(p); err != nil {
				return nil, indexed("Parts", i, err)
			}
			parts[i] = oapi.ERPPart{ExternalId: p.ExternalID, ExternalSource: p.ExternalSource, PartNumber: p.PartNumber,
				JobId: optString(p.JobID), JobExternalId: optString(p.JobExternalID), Material: optString(p.Material),
				Quantity: optInt(p.Quantity), Notes: optString(p.Notes)}
		}
		w.Parts = &parts
	}
	if len(req.Resources) > 0 {
		res := make([]oapi.ERPResource, len(req.Resources))
		for i := range req.Resources {
			r := &req.Resources[i]
			if err := validateResource(r); err != nil {
				return nil, indexed("Resources", i, err)
			}
			res[i] = oapi.ERPResource{ExternalId: r.ExternalID, ExternalSource: r.ExternalSource, Name: r.Name,
				Type: string(r.Type), Description: optString(r.Description), Identifier: optString(r.Identifier),
				Location: optString(r.Location), Status: optString(string(r.Status))}
		}
		w.Resources = &res
	}
	o := req.Options
	if o.SkipUnchanged != nil || o.ContinueOnError != nil || o.RecordHistory != nil || o.BatchSize != 0 {
		if o.BatchSize < 0 {
			return nil, invalid("ERPSyncOptions.BatchSize", "must not be negative, got %d", o.BatchSize)
		}
		w.Options = &oapi.ERPSyncOptions{SkipUnchanged: o.SkipUnchanged, ContinueOnError: o.ContinueOnError,
			RecordHistory: o.RecordHistory, BatchSize: optInt(o.BatchSize)}
	}
	w.Source = optString(strings.TrimSpace(req.Source))
	return json.Marshal(&w)
}

// indexed puts the position of an invalid record into its field name.
func indexed(list string, i int, err error) error {
	if ie, ok := err.(*InputError); ok {
		c := *ie
		c.Field = list + "[" + strconv.Itoa(i) + "]." + ie.Field[strings.IndexByte(ie.Field, '.')+1:]
		return &c
	}
	return err
}
