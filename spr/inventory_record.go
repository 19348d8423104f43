package spr

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The documented fields of an inventory record, by their vendor names.
const (
	FieldWarehouse          = "NOMBRECINTO"        // recinto aduanero
	FieldIngressPolicy      = "CORRELATIVODUCAING" // No. póliza (ingreso)
	FieldIngressOrder       = "NUMORDENDUCA"       // No. DUA (ingreso)
	FieldConsignee          = "CONSIGNATARIO"      // consignatario
	FieldIngressDate        = "FECHAINGRECINTO"    // fecha de arribo
	FieldPlates             = "PLACAS"             // placas
	FieldContainer          = "NUMCONTENEDOR"      // No. contenedor
	FieldQuotaLetter        = "CARTACUPO"          // carta de cupo
	FieldIngressDescription = "DESCMERCAINGRESO"   // descripción de las mercancías (ingreso)
	FieldIngressPackages    = "CANTBULTOSING"      // cantidad de bultos (ingreso)
	FieldEgressPolicy       = "NUMLOTEEGRESO"      // No. póliza (egreso)
	FieldEgressDUA          = "DUA"                // No. DUA (egreso)
	FieldEgressDescription  = "DESCMERCAENGRESO"   // descripción de las mercancías (egreso)
	FieldEgressPackages     = "BULTOSEGRESO"       // cantidad de bultos (egreso)
	FieldBalance            = "INVBULTOS"          // saldo en inventario
	FieldOrder              = "NUMORDEN"           // No. DUA
	FieldTaxes              = "IMPUESTOS"          // impuestos (DAI - IVA)
	FieldLocation           = "UBICACIONBODEGA"    // ubicación de las mercancías
	FieldRemarks            = "OBSBODEGA"          // observaciones
	FieldAbandonDate        = "FECHAABANDONO"      // fecha que cae en abandono
	FieldStatus             = "ESTATUS"            // estatus de las mercancías
)

// InventoryRecord is one customs-warehouse record, keyed by the vendor's
// upper-case field names (the Field* constants), with the vendor's strings
// kept exactly: numbers as "6.0" or "5.7350399999999997", dates as
// "2023-10-31 00:00:00.000", and codes such as "C20" where a date-named field
// holds no date. Fields the server did not send are absent; keys the vendor
// adds later are kept. The accessors parse on demand.
type InventoryRecord map[string]string

// InventoryZone is the time zone inventory dates are read in: the inventory
// is Guatemala's, whose clocks are UTC-6 all year, and the vendor sends no zone.
var InventoryZone = time.FixedZone("America/Guatemala", -6*60*60)

// inventoryLayouts are the date shapes accepted, the documented one first.
var inventoryLayouts = []string{
	"2006-01-02 15:04:05.000",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02",
}

// UnmarshalJSON keeps every value as text: strings as they are, numbers and
// booleans as their literal, null as "".
func (r *InventoryRecord) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := make(InventoryRecord, len(raw))
	for k, v := range raw {
		s, err := rawText(v)
		if err != nil {
			return fmt.Errorf("spr: inventory field %s: %w", k, err)
		}
		out[k] = s
	}
	*r = out
	return nil
}

// Get returns the field's text, "" when absent.
func (r InventoryRecord) Get(field string) string { return r[field] }

// Float parses a numeric field ("6.0"). An absent or empty field is an error.
func (r InventoryRecord) Float(field string) (float64, error) {
	s := strings.TrimSpace(r[field])
	if s == "" {
		return 0, fmt.Errorf("spr: inventory field %s is empty", field)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("spr: inventory field %s: %q is not a number", field, s)
	}
	return v, nil
}

// Time parses a date field ("2023-10-31 00:00:00.000") in InventoryZone. A
// code such as "C20" or an empty field is an error.
func (r InventoryRecord) Time(field string) (time.Time, error) {
	s := strings.TrimSpace(r[field])
	if s == "" {
		return time.Time{}, fmt.Errorf("spr: inventory field %s is empty", field)
	}
	for _, layout := range inventoryLayouts {
		if t, err := time.ParseInLocation(layout, s, InventoryZone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("spr: inventory field %s: %q is not a date", field, s)
}

// Warehouse is the customs warehouse (NOMBRECINTO).
func (r InventoryRecord) Warehouse() string { return r[FieldWarehouse] }

// IngressPolicy is the ingress policy number (CORRELATIVODUCAING).
func (r InventoryRecord) IngressPolicy() string { return r[FieldIngressPolicy] }

// Consignee is the consignee (CONSIGNATARIO).
func (r InventoryRecord) Consignee() string { return r[FieldConsignee] }

// IngressDescription describes the goods on arrival (DESCMERCAINGRESO).
func (r InventoryRecord) IngressDescription() string { return r[FieldIngressDescription] }

// EgressPolicy is the egress policy number (NUMLOTEEGRESO).
func (r InventoryRecord) EgressPolicy() string { return r[FieldEgressPolicy] }

// Location is where the goods are in the warehouse (UBICACIONBODEGA).
func (r InventoryRecord) Location() string { return r[FieldLocation] }

// Remarks are the warehouse's remarks (OBSBODEGA).
func (r InventoryRecord) Remarks() string { return r[FieldRemarks] }

// Status is the goods' status code (ESTATUS), e.g. "C21".
func (r InventoryRecord) Status() string { return r[FieldStatus] }

// IngressDate is the arrival date (FECHAINGRECINTO).
func (r InventoryRecord) IngressDate() (time.Time, error) { return r.Time(FieldIngressDate) }

// AbandonDate is when the goods fall into abandonment (FECHAABANDONO). The
// vendor's example holds a code ("C20") there, which is an error here; read
// the raw text with Get(FieldAbandonDate).
func (r InventoryRecord) AbandonDate() (time.Time, error) { return r.Time(FieldAbandonDate) }

// Packages is the number of packages received (CANTBULTOSING).
func (r InventoryRecord) Packages() (float64, error) { return r.Float(FieldIngressPackages) }

// EgressPackages is the number of packages released (BULTOSEGRESO).
func (r InventoryRecord) EgressPackages() (float64, error) { return r.Float(FieldEgressPackages) }

// Balance is the number of packages left in inventory (INVBULTOS).
func (r InventoryRecord) Balance() (float64, error) { return r.Float(FieldBalance) }

// Taxes is the tax amount, DAI and IVA (IMPUESTOS).
func (r InventoryRecord) Taxes() (float64, error) { return r.Float(FieldTaxes) }
