package gkstest

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/internal/oapi"
)

// Order is a sales order the fake accepted.
type Order struct {
	// Number is the number the fake gave the order ("SO500001").
	Number string
	// Order is the order as stored: Name is "Webshop order" when none was
	// sent; Extra holds the fields the SDK does not name.
	Order gks.SalesOrder
	// Body is the request body as received.
	Body []byte
}

// Orders returns the accepted sales orders, oldest first.
func (s *Server) Orders() []Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Order, len(s.orders))
	for i, o := range s.orders {
		out[i] = o
		out[i].Body = slices.Clone(o.Body)
		out[i].Order.Rows = slices.Clone(o.Order.Rows)
	}
	return out
}

// CreateSalesOrder is the sales-order endpoint: it validates like the API
// (ProblemDetails with a field map), requires the buyer to exist (404
// otherwise), and answers 200 with the order number.
func (h *handler) CreateSalesOrder(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	var o oapi.SalesOrder
	if !decodeJSONBody(w, r, &o) {
		return
	}
	if errs := validateOrder(o); len(errs) > 0 {
		writeProblem(w, http.StatusBadRequest, "", errs)
		return
	}
	s := h.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.customers[o.CustomerNumber]; !ok {
		writeProblem(w, http.StatusNotFound, "The customer number was not found.", nil)
		return
	}
	number := fmt.Sprintf("SO%d", s.nextOrder)
	s.nextOrder++
	stored := orderFromWire(o)
	if stored.Name == "" {
		stored.Name = gks.DefaultSalesOrderName
	}
	s.orders = append(s.orders, Order{Number: number, Order: stored, Body: body})
	writeJSON(w, http.StatusOK, oapi.SalesOrderResult{Number: &number})
}

func validateOrder(o oapi.SalesOrder) map[string][]string {
	errs := map[string][]string{}
	add := func(field, msg string) { errs[field] = append(errs[field], msg) }
	if strings.TrimSpace(o.CustomerNumber) == "" {
		add("CustomerNumber", "The CustomerNumber field is required.")
	}
	if o.Language != nil && !o.Language.Valid() {
		add("Language", "Accepted values: sv, no, en.")
	}
	if o.Currency != nil && !isCurrency(*o.Currency) {
		add("Currency", "The currency must be an ISO 4217 code.")
	}
	if len(o.Rows) == 0 {
		add("Rows", "The order must have at least one row.")
	}
	for i, row := range o.Rows {
		f := fmt.Sprintf("Rows[%d]", i)
		if strings.TrimSpace(row.ArticleNumber) == "" {
			add(f+".ArticleNumber", "The ArticleNumber field is required.")
		}
		if !(row.Quantity > 0) {
			add(f+".Quantity", "The quantity must be greater than 0.")
		}
		if !(row.Price >= 0) {
			add(f+".Price", "The price must not be negative.")
		}
		if row.Discount != nil && !(*row.Discount >= 0 && *row.Discount <= 100) {
			add(f+".Discount", "The discount must be between 0 and 100.")
		}
		if row.Deliveries != nil {
			sum := 0.0
			for j, d := range *row.Deliveries {
				if !(d.Quantity > 0) {
					add(fmt.Sprintf("%s.Deliveries[%d].Quantity", f, j), "The quantity must be greater than 0.")
				}
				sum += d.Quantity
			}
			if math.Abs(sum-row.Quantity) > 1e-9*math.Max(1, row.Quantity) {
				add(f+".Deliveries", "The delivery quantities must add up to the row quantity.")
			}
		}
	}
	return errs
}

func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func orderFromWire(o oapi.SalesOrder) gks.SalesOrder {
	out := gks.SalesOrder{
		CustomerNumber:      o.CustomerNumber,
		Name:                val(o.Name),
		PurchaseOrderNumber: val(o.PurchaseOrderNumber),
		Currency:            val(o.Currency),
		Comment:             val(o.Comment),
		Extra:               o.AdditionalProperties,
	}
	if o.Language != nil {
		out.Language = string(*o.Language)
	}
	for _, r := range o.Rows {
		row := gks.SalesOrderRow{
			ArticleNumber: r.ArticleNumber,
			Quantity:      r.Quantity,
			Price:         r.Price,
			Discount:      val(r.Discount),
			Extra:         r.AdditionalProperties,
		}
		if r.Deliveries != nil {
			for _, d := range *r.Deliveries {
				row.Deliveries = append(row.Deliveries, gks.Delivery{Address: addressFromWire(d.Address), Quantity: d.Quantity})
			}
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}
