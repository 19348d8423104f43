package gks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/gks/internal/oapi"
	"github.com/partsync/partsync-go/internal/apierror"
)

// The document languages GKS4 accepts (ISO 639-1).
const (
	LanguageSwedish   = "sv"
	LanguageNorwegian = "no"
	LanguageEnglish   = "en"
)

// DefaultSalesOrderName is the name GKS4 gives an order sent without one.
const DefaultSalesOrderName = "Webshop order"

// SalesOrder is a sales order to place in GKS4. The field meanings are
// published; their JSON names are assumptions (see the package doc). The
// obsolete purchase date has no field and is never sent: GKS4 uses the day
// it receives the order.
type SalesOrder struct {
	// CustomerNumber is the buyer's customer number in GKS4. Required; the
	// customer must exist (otherwise the error matches ErrNotFound).
	CustomerNumber string
	// Name helps when searching for the order. Empty is not sent, and GKS4
	// uses DefaultSalesOrderName.
	Name string
	// PurchaseOrderNumber is the buyer's own order number (CustOrderNo in
	// the older PlaceSimpleOrder API). Optional.
	PurchaseOrderNumber string
	// Language is the language of the documents sent to the buyer:
	// LanguageSwedish, LanguageNorwegian or LanguageEnglish. Optional.
	Language string
	// Currency is the ISO 4217 code of the amounts ("SEK"). Optional.
	Currency string
	// Comment is the buyer's note to the seller. Optional.
	Comment string
	// Rows are the order rows; at least one is required.
	Rows []SalesOrderRow
	// Extra holds JSON fields the docs do not name; they are merged into the
	// order object. A key the SDK already sends is an error.
	Extra map[string]any
}

// SalesOrderRow is one order row.
type SalesOrderRow struct {
	// ArticleNumber is the article in GKS4. Required. GKS4 can start
	// manufacturing orders automatically for known article numbers.
	ArticleNumber string
	// Quantity must be greater than 0.
	Quantity float64
	// Price is the unit price in the order's currency; it must not be
	// negative. It is always sent (0 included).
	Price float64
	// Discount is a discount rate in percent, 0..100; 0 is not sent.
	Discount float64
	// Deliveries split the row over several delivery addresses. Optional;
	// when given, their quantities must add up to Quantity.
	Deliveries []Delivery
	// Extra holds JSON fields of the row the docs do not name. A key the
	// SDK already sends is an error.
	Extra map[string]any
}

// Delivery is a part of an order row going to one address.
type Delivery struct {
	// Address is where this part goes; it must not be empty.
	Address PostalAddress
	// Quantity must be greater than 0.
	Quantity float64
}

// SalesOrderResult is what GKS4 answered to a created sales order.
type SalesOrderResult struct {
	// Number is the sales order's number, when the response carried one
	// (the success body is not published).
	Number string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Raw is the response body as sent (nil when empty), for fields the SDK
	// does not know.
	Raw json.RawMessage
}

// SalesOrderService places sales orders.
type SalesOrderService struct {
	c *core
}

// Create places a sales order. The input is checked before anything is sent.
//
// Create is resent only after a 429. If the connection fails after the request was
// sent, the error matches ErrOutcomeUnknown: GKS4 may have created the
// order, so look for it (e.g. by PurchaseOrderNumber) before sending again.
func (s *SalesOrderService) Create(ctx context.Context, o SalesOrder) (*SalesOrderResult, error) {
	body, err := o.wire()
	if err != nil {
		return nil, err
	}
	buf, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("gks: salesorders.create: building the request: %w", err)
	}
	req, err := s.c.newRequest(ctx, "salesorders.create", true, http.MethodPost, s.c.ep.salesOrders, buf)
	if err != nil {
		return nil, fmt.Errorf("gks: salesorders.create: building the request: %w", err)
	}
	if u := s.c.ep.salesOrderURL; u != nil {
		// The override replaces the URL only, as it did on the generated
		// request: the Host header stays the base URL's.
		cp := *u
		req.URL = &cp
	}
	resp, err := s.c.do(req)
	if err != nil {
		return nil, err
	}
	res := &SalesOrderResult{StatusCode: resp.StatusCode}
	// The success body is not published: an empty body is a success too.
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil {
		// The order was accepted (2xx); only the body was lost.
		return res, nil
	}
	if data = bytes.TrimSpace(data); len(data) == 0 {
		return res, nil
	}
	res.Raw = json.RawMessage(data)
	var w oapi.SalesOrderResult
	if json.Unmarshal(data, &w) == nil {
		res.Number = deref(w.Number)
	}
	return res, nil
}

// wire validates o and builds the request body.
func (o SalesOrder) wire() (oapi.SalesOrder, error) {
	var w oapi.SalesOrder
	if strings.TrimSpace(o.CustomerNumber) == "" {
		return w, apierror.Invalid(vendor, "SalesOrder.CustomerNumber", "is required: the buyer's customer number in GKS4")
	}
	switch o.Language {
	case "", LanguageSwedish, LanguageNorwegian, LanguageEnglish:
	default:
		return w, apierror.Invalid(vendor, "SalesOrder.Language", "%q is not accepted: use sv, no or en", o.Language)
	}
	if o.Currency != "" && !isUpperLetters(o.Currency, 3) {
		return w, apierror.Invalid(vendor, "SalesOrder.Currency", "%q is not an ISO 4217 code (three upper-case letters, e.g. SEK)", o.Currency)
	}
	if len(o.Rows) == 0 {
		return w, apierror.Invalid(vendor, "SalesOrder.Rows", "an order needs at least one row")
	}
	w = oapi.SalesOrder{
		CustomerNumber:      o.CustomerNumber,
		Name:                nullable(o.Name),
		PurchaseOrderNumber: nullable(o.PurchaseOrderNumber),
		Currency:            nullable(o.Currency),
		Comment:             nullable(o.Comment),
		Rows:                make([]oapi.SalesOrderRow, len(o.Rows)),
	}
	if o.Language != "" {
		l := oapi.SalesOrderLanguage(o.Language)
		w.Language = &l
	}
	for i, r := range o.Rows {
		row, err := r.wire(fmt.Sprintf("SalesOrder.Rows[%d]", i))
		if err != nil {
			return oapi.SalesOrder{}, err
		}
		w.Rows[i] = row
	}
	extra, err := checkExtra("SalesOrder.Extra", o.Extra, w)
	if err != nil {
		return oapi.SalesOrder{}, err
	}
	w.AdditionalProperties = extra
	return w, nil
}

func (r SalesOrderRow) wire(field string) (oapi.SalesOrderRow, error) {
	var w oapi.SalesOrderRow
	if strings.TrimSpace(r.ArticleNumber) == "" {
		return w, apierror.Invalid(vendor, field+".ArticleNumber", "is required")
	}
	if !(r.Quantity > 0) || !finite(r.Quantity) {
		return w, apierror.Invalid(vendor, field+".Quantity", "%v is not a positive quantity", r.Quantity)
	}
	if !(r.Price >= 0) || !finite(r.Price) {
		return w, apierror.Invalid(vendor, field+".Price", "%v is not a price: it must be 0 or more", r.Price)
	}
	if !(r.Discount >= 0 && r.Discount <= 100) {
		return w, apierror.Invalid(vendor, field+".Discount", "%v is not a discount rate in percent (0..100)", r.Discount)
	}
	w = oapi.SalesOrderRow{ArticleNumber: r.ArticleNumber, Quantity: r.Quantity, Price: r.Price}
	if r.Discount != 0 {
		d := r.Discount
		w.Discount = &d
	}
	if len(r.Deliveries) > 0 {
		ds := make([]oapi.Delivery, len(r.Deliveries))
		sum := 0.0
		for i, d := range r.Deliveries {
			df := fmt.Sprintf("%s.Deliveries[%d]", field, i)
			if !(d.Quantity > 0) || !finite(d.Quantity) {
				return w, apierror.Invalid(vendor, df+".Quantity", "%v is not a positive quantity", d.Quantity)
			}
			if d.Address.isZero() {
				return w, apierror.Invalid(vendor, df+".Address", "is empty")
			}
			if err := d.Address.validate(df + ".Address"); err != nil {
				return w, err
			}
			sum += d.Quantity
			ds[i] = oapi.Delivery{Address: d.Address.wire(), Quantity: d.Quantity}
		}
		if math.Abs(sum-r.Quantity) > 1e-9*math.Max(1, math.Abs(r.Quantity)) {
			return w, apierror.Invalid(vendor, field+".Deliveries", "the delivery quantities add up to %v, not the row quantity %v", sum, r.Quantity)
		}
		w.Deliveries = &ds
	}
	extra, err := checkExtra(field+".Extra", r.Extra, w)
	if err != nil {
		return oapi.SalesOrderRow{}, err
	}
	w.AdditionalProperties = extra
	return w, nil
}

// checkExtra vets caller-supplied JSON fields before they are merged into
// typed (a generated model without additional properties yet): no key the
// SDK already sends, no purchase date, and only values JSON can encode.
// It returns a copy, so that the caller's map is never shared.
func checkExtra(field string, extra map[string]any, typed any) (map[string]any, error) {
	if len(extra) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(typed)
	if err != nil {
		return nil, fmt.Errorf("gks: encoding %s: %w", strings.TrimSuffix(field, ".Extra"), err)
	}
	var sent map[string]json.RawMessage
	if err := json.Unmarshal(b, &sent); err != nil {
		return nil, fmt.Errorf("gks: encoding %s: %w", strings.TrimSuffix(field, ".Extra"), err)
	}
	out := make(map[string]any, len(extra))
	for k, v := range extra {
		switch {
		case strings.TrimSpace(k) == "":
			return nil, apierror.Invalid(vendor, field, "empty field name")
		case hasKey(sent, k):
			return nil, apierror.Invalid(vendor, field, "%q is already sent by a typed field; set that field instead", k)
		case isPurchaseDate(k):
			// Quirk: the purchase date is obsolete; GKS4 uses the day the order arrives.
			return nil, apierror.Invalid(vendor, field, "%q: the obsolete purchase date is never sent", k)
		}
		if _, err := json.Marshal(v); err != nil {
			return nil, apierror.Invalid(vendor, field, "%q cannot be encoded as JSON: %v", k, err)
		}
		out[k] = v
	}
	return out, nil
}

// hasKey matches case-insensitively: ASP.NET binds JSON names that way, so
// "Comment" would override "comment".
func hasKey(m map[string]json.RawMessage, k string) bool {
	for s := range m {
		if strings.EqualFold(s, k) {
			return true
		}
	}
	return false
}

func isPurchaseDate(k string) bool {
	n := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, k)
	return strings.Contains(n, "purchasedate") || strings.Contains(n, "dateofpurchase")
}
