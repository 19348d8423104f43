package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// sampleERP is the shipped sample data. The program never writes to it: a
// run without -erp works on a copy in a temporary directory.
//
//go:embed sample-erp.json
var sampleERP []byte

// ERP is the adapter's small local ERP: one JSON file, read once and written
// back atomically after every change, so a crash leaves either the old or the
// new file and never half of one.
type ERP struct {
	path string
	mu   sync.Mutex
	data Data
}

// Data is the whole ERP file.
type Data struct {
	Company string `json:"company"`
	// NextMaterialNumber is the number the ERP gives the next new material.
	NextMaterialNumber int             `json:"nextMaterialNumber"`
	Materials          []*Material     `json:"materials"`
	Customers          []*Customer     `json:"customers"`
	SalesOrders        []*SalesOrder   `json:"salesOrders"`
	WorkCentres        []*WorkCentre   `json:"workCentres"`
	Tools              []*Tool         `json:"tools"`
	Jobs               []*Job          `json:"jobs"`
	ServiceOrders      []*ServiceOrder `json:"serviceOrders"`
	// Changes is the ERP's change log: every edit of a material, work centre,
	// tool, job, part or operation appends one entry. Incremental syncs read
	// it from their cursor on.
	Changes []Change  `json:"changes"`
	Sync    SyncState `json:"sync"`
}

// Material is one entry of the material master.
type Material struct {
	Number       string `json:"number"`
	Description  string `json:"description"`
	Manufacturer string `json:"manufacturer,omitempty"`
	// MPN is the manufacturer part number (SPARETECH ART_NUM, SPR product code).
	MPN    string       `json:"mpn,omitempty"`
	Type   string       `json:"type,omitempty"`
	Unit   string       `json:"unit"`
	Plants []Plant      `json:"plants,omitempty"`
	Stock  []StockLevel `json:"stock,omitempty"`
	// Sparetech records where the material came from in SPARETECH.
	Sparetech *SparetechLink `json:"sparetech,omitempty"`
	// SPR is what SPR Automotive said about the MPN on the last lookup.
	SPR *SPRInfo `json:"spr,omitempty"`
}

// Plant is a plant a material is extended to.
type Plant struct {
	Plant           string `json:"plant"`
	PurchasingGroup string `json:"purchasingGroup,omitempty"`
	MRPGroup        string `json:"mrpGroup,omitempty"`
}

// StockLevel is the quantity on hand at one storage location.
type StockLevel struct {
	Location string  `json:"location"`
	Quantity float64 `json:"quantity"`
}

// SparetechLink ties a material to the SPARETECH intents applied to it.
type SparetechLink struct {
	// CreationIntent is the creation intent the material was created from.
	CreationIntent string `json:"creationIntent,omitempty"`
	// Confirmed is set once SPARETECH accepted the confirmation.
	Confirmed bool `json:"confirmed,omitempty"`
	// AppliedIntents are the change and extension intents applied and confirmed.
	AppliedIntents []string `json:"appliedIntents,omitempty"`
}

// SPRInfo is the price and stock SPR Automotive reported for a material.
type SPRInfo struct {
	Code      string     `json:"code,omitempty"`
	NotFound  bool       `json:"notFound,omitempty"`
	Price     *Money     `json:"price,omitempty"`
	ListPrice *Money     `json:"listPrice,omitempty"`
	Stock     []SPRStock `json:"stock,omitempty"`
	CheckedAt time.Time  `json:"checkedAt"`
}

// Money is an amount with the currency marks SPR sends around it.
type Money struct {
	Value  float64 `json:"value"`
	Prefix string  `json:"prefix,omitempty"`
	Suffix string  `json:"suffix,omitempty"`
}

// SPRStock is SPR's stock at one branch.
type SPRStock struct {
	BranchID   int    `json:"branchId"`
	BranchName string `json:"branchName"`
	Quantity   int    `json:"quantity"`
}

// Customer is a customer of the ERP.
type Customer struct {
	Number                  string   `json:"number"`
	Name                    string   `json:"name"`
	InvoiceEmail            string   `json:"invoiceEmail,omitempty"`
	CorporateIdentityNumber string   `json:"corporateIdentityNumber"`
	Address                 *Address `json:"address,omitempty"`
	// InGKS is set once the customer is known to exist in GKS4.
	InGKS bool `json:"inGKS,omitempty"`
}

// Address is a postal address.
type Address struct {
	Street      string `json:"street"`
	City        string `json:"city"`
	ZipCode     string `json:"zipCode"`
	CountryCode string `json:"countryCode"`
}

// Sales order states. An order moves open -> placing -> placed; a placing
// order whose outcome is unknown stays placing and is never sent again
// automatically, because placing it is not idempotent.
const (
	OrderOpen    = "open"
	OrderPlacing = "placing"
	OrderPlaced  = "placed"
)

// SalesOrder is an ERP sales order that is placed in GKS4.
type SalesOrder struct {
	Number              string      `json:"number"`
	CustomerNumber      string      `json:"customerNumber"`
	PurchaseOrderNumber string      `json:"purchaseOrderNumber,omitempty"`
	Currency            string      `json:"currency"`
	Language            string      `json:"language,omitempty"`
	Comment             string      `json:"comment,omitempty"`
	Rows                []OrderRow  `json:"rows"`
	Status              string      `json:"status"`
	GKS                 *GKSPlacing `json:"gks,omitempty"`
}

// OrderRow is one line of a sales order.
type OrderRow struct {
	MaterialNumber string  `json:"materialNumber"`
	Quantity       float64 `json:"quantity"`
	Price          float64 `json:"price"`
}

// GKSPlacing records placing a sales order in GKS4.
type GKSPlacing struct {
	StartedAt time.Time `json:"startedAt"`
	PlacedAt  time.Time `json:"placedAt,omitzero"`
	// OrderNumber is the number GKS4 gave the order, when it sent one.
	OrderNumber string `json:"orderNumber,omitempty"`
	// Error is why the last attempt failed.
	Error string `json:"error,omitempty"`
}

// WorkCentre is a work centre (an Eryxon cell).
type WorkCentre struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Color    string `json:"color,omitempty"`
	Sequence int    `json:"sequence"`
	Active   bool   `json:"active"`
	EryxonID string `json:"eryxonId,omitempty"`
}

// Tool is a tool or fixture (an Eryxon resource).
type Tool struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	Identifier  string `json:"identifier,omitempty"`
	Location    string `json:"location,omitempty"`
	Status      string `json:"status,omitempty"`
	EryxonID    string `json:"eryxonId,omitempty"`
}

// Job is a production job with the parts it makes.
type Job struct {
	Number   string  `json:"number"`
	Customer string  `json:"customer,omitempty"`
	DueDate  string  `json:"dueDate,omitempty"`
	Priority int     `json:"priority"`
	Notes    string  `json:"notes,omitempty"`
	Parts    []*Part `json:"parts"`
	EryxonID string  `json:"eryxonId,omitempty"`
}

// Part is a part a job makes, with its routing.
type Part struct {
	ID         string       `json:"id"`
	PartNumber string       `json:"partNumber"`
	Material   string       `json:"material"`
	Quantity   int          `json:"quantity"`
	Notes      string       `json:"notes,omitempty"`
	Routing    []*Operation `json:"routing"`
	EryxonID   string       `json:"eryxonId,omitempty"`
}

// Operation is one step of a part's routing.
type Operation struct {
	ID               string `json:"id"`
	Sequence         int    `json:"sequence"`
	Name             string `json:"name"`
	WorkCentre       string `json:"workCentre"`
	EstimatedMinutes int    `json:"estimatedMinutes"`
	Notes            string `json:"notes,omitempty"`
	EryxonID         string `json:"eryxonId,omitempty"`
}

// ServiceOrder is a parts order ServiceMobility placed through the Parts
// Ordering endpoint.
type ServiceOrder struct {
	Number     string             `json:"number"`
	WorkOrder  string             `json:"workOrder,omitempty"`
	Account    string             `json:"account,omitempty"`
	Technician string             `json:"technician,omitempty"`
	ReceivedAt time.Time          `json:"receivedAt"`
	Lines      []ServiceOrderLine `json:"lines"`
}

// ServiceOrderLine is one ordered part and how it was sourced.
type ServiceOrderLine struct {
	Part     string  `json:"part"`
	Quantity float64 `json:"quantity"`
	// Source is "erp:<location>", "spr:<branch>" or "unavailable".
	Source string `json:"source"`
}

// Entities named in the change log.
const (
	EntityMaterial   = "material"
	EntityWorkCentre = "workCentre"
	EntityTool       = "tool"
	EntityJob        = "job"
	EntityPart       = "part"
	EntityOperation  = "operation"
)

// Change is one change log entry.
type Change struct {
	Seq    int64     `json:"seq"`
	Entity string    `json:"entity"`
	Key    string    `json:"key"`
	At     time.Time `json:"at"`
	// Source is who made the change: "erp" for the ERP's own users, or the
	// system whose job changed it ("sparetech", ...), so that a job does not
	// echo a change back to the system it came from.
	Source string `json:"source"`
}

// SyncState is what the jobs remember between runs.
type SyncState struct {
	// Cursors holds, per system, the last change log seq it has processed.
	Cursors map[string]int64 `json:"cursors,omitempty"`
	// EryxonInitialSync is when the first full Eryxon sync finished.
	EryxonInitialSync time.Time `json:"eryxonInitialSync,omitzero"`
	// LastRun holds when each job last finished without error.
	LastRun map[string]time.Time `json:"lastRun,omitempty"`
}

// OpenERP reads the ERP file at path. If the file does not exist it is
// created from the shipped sample first.
func OpenERP(path string) (*ERP, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := writeAtomic(path, sampleERP, 0o644); err != nil {
			return nil, fmt.Errorf("erp: seeding %s from the sample: %w", path, err)
		}
		raw = sampleERP
	} else if err != nil {
		return nil, fmt.Errorf("erp: %w", err)
	}
	d, err := decodeData(raw)
	if err != nil {
		return nil, fmt.Errorf("erp: reading %s: %w", path, err)
	}
	e := &ERP{path: path, data: d}
	return e, nil
}

// Reload re-reads the file, to pick up what the ERP's own users changed
// since the last run. The adapter calls it before every run but the first.
func (e *ERP) Reload() error {
	raw, err := os.ReadFile(e.path)
	if err != nil {
		return fmt.Errorf("erp: %w", err)
	}
	d, err := decodeData(raw)
	if err != nil {
		return fmt.Errorf("erp: reading %s: %w", e.path, err)
	}
	e.mu.Lock()
	e.data = d
	e.mu.Unlock()
	return nil
}

func decodeData(raw []byte) (Data, error) {
	var d Data
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Data{}, err
	}
	if d.Sync.Cursors == nil {
		d.Sync.Cursors = map[string]int64{}
	}
	if d.Sync.LastRun == nil {
		d.Sync.LastRun = map[string]time.Time{}
	}
	return d, nil
}

// Path is the ERP file's path.
func (e *ERP) Path() string { return e.path }

// View runs fn with the data locked for reading. fn must not keep pointers
// into the data after it returns.
func (e *ERP) View(fn func(d *Data)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fn(&e.data)
}

// Update runs fn with the data locked and writes the file back if fn
// returns nil. If the write fails, the in-memory data is restored to what
// the file holds, so memory and disk never disagree.
func (e *ERP) Update(fn func(d *Data) error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	before, err := json.Marshal(&e.data)
	if err != nil {
		return fmt.Errorf("erp: %w", err)
	}
	if err := fn(&e.data); err != nil {
		e.restore(before)
		return err
	}
	raw, err := json.MarshalIndent(&e.data, "", "  ")
	if err != nil {
		e.restore(before)
		return fmt.Errorf("erp: %w", err)
	}
	if err := writeAtomic(e.path, append(raw, '\n'), 0o644); err != nil {
		e.restore(before)
		return fmt.Errorf("erp: writing %s: %w", e.path, err)
	}
	return nil
}

func (e *ERP) restore(raw []byte) {
	var d Data
	if json.Unmarshal(raw, &d) == nil {
		e.data = d
	}
}

// LogChange appends a change log entry; call it inside Update.
func (d *Data) LogChange(entity, key, source string, at time.Time) {
	var seq int64 = 1
	if n := len(d.Changes); n > 0 {
		seq = d.Changes[n-1].Seq + 1
	}
	d.Changes = append(d.Changes, Change{Seq: seq, Entity: entity, Key: key, At: at.UTC(), Source: source})
}

// LastSeq is the seq of the newest change log entry (0 when empty).
func (d *Data) LastSeq() int64 {
	if n := len(d.Changes); n > 0 {
		return d.Changes[n-1].Seq
	}
	return 0
}

// ChangesSince returns the entries after seq, oldest first.
func (d *Data) ChangesSince(seq int64) []Change {
	var out []Change
	for _, c := range d.Changes {
		if c.Seq > seq {
			out = append(out, c)
		}
	}
	return out
}

// Material returns the material with the ERP number n, or nil.
func (d *Data) Material(n string) *Material {
	for _, m := range d.Materials {
		if m.Number == n {
			return m
		}
	}
	return nil
}

// NewMaterialNumber allocates the next material number.
func (d *Data) NewMaterialNumber() string {
	if d.NextMaterialNumber <= 0 {
		d.NextMaterialNumber = 1
	}
	n := fmt.Sprintf("MAT-%06d", d.NextMaterialNumber)
	d.NextMaterialNumber++
	return n
}

// writeAtomic replaces path with data: it writes a temporary file in the same
// directory, syncs it to disk, renames it over path and syncs the directory,
// so readers see the old file or the new one, never a torn one.
func writeAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err = f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// The rename is durable only once the directory entry is on disk; some
	// systems cannot sync a directory, which is not worth failing for.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
