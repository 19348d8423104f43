package gkstest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/internal/oapi"
)

// AddCustomer stores c as if it had been created through the API and
// returns its number; an empty Number gets the next free "K1000nn" number.
// A customer with the same number is replaced.
func (s *Server) AddCustomer(c gks.Customer) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := customerToWire(c)
	if w.Number == nil {
		n := s.allocCustomerNumber()
		w.Number = &n
	}
	s.customers[*w.Number] = w
	return *w.Number
}

// Customer returns the stored customer with the given number.
func (s *Server) Customer(number string) (gks.Customer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.customers[number]
	if !ok {
		return gks.Customer{}, false
	}
	return customerFromWire(w), true
}

// Customers returns every stored customer, ordered by number.
func (s *Server) Customers() []gks.Customer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]gks.Customer, 0, len(s.customers))
	for _, n := range s.sortedNumbers() {
		out = append(out, customerFromWire(s.customers[n]))
	}
	return out
}

// allocCustomerNumber is the fake's answer to a null number: GKS4 may
// allocate one, but the create response does not say which. Callers hold s.mu.
func (s *Server) allocCustomerNumber() string {
	for {
		n := fmt.Sprintf("K%d", s.nextCustomer)
		s.nextCustomer++
		if _, taken := s.customers[n]; !taken {
			return n
		}
	}
}

func (s *Server) sortedNumbers() []string {
	ns := make([]string, 0, len(s.customers))
	for n := range s.customers {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}

// CreateCustomer is POST /api/v1/customers: 200 with no body. number and
// invoiceEmail must be present (null allowed), as the docs mark them
// "nullable, required".
func (h *handler) CreateCustomer(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var c oapi.Customer
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	if !decodeJSONBody(w, r, &c) {
		return
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(body, &keys)
	errs := map[string][]string{}
	if strings.TrimSpace(c.Name) == "" {
		errs["Name"] = []string{"The Name field is required."}
	}
	if strings.TrimSpace(c.CorporateIdentityNumber) == "" {
		errs["CorporateIdentityNumber"] = []string{"The CorporateIdentityNumber field is required."}
	}
	if _, ok := keys["number"]; !ok {
		errs["Number"] = []string{"The Number field is required."}
	}
	if _, ok := keys["invoiceEmail"]; !ok {
		errs["InvoiceEmail"] = []string{"The InvoiceEmail field is required."}
	}
	if len(errs) > 0 {
		writeProblem(w, http.StatusBadRequest, "", errs)
		return
	}
	s := h.s
	s.mu.Lock()
	if c.Number != nil {
		if _, taken := s.customers[*c.Number]; taken {
			s.mu.Unlock()
			validationError(w, "Number", fmt.Sprintf("A customer with number %s already exists.", *c.Number))
			return
		}
	} else {
		n := s.allocCustomerNumber()
		c.Number = &n
	}
	s.customers[*c.Number] = c
	s.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

// GetCustomer is GET /api/v1/customers/{customerNumber}.
func (h *handler) GetCustomer(w http.ResponseWriter, _ *http.Request, number string) {
	h.s.mu.Lock()
	c, ok := h.s.customers[number]
	h.s.mu.Unlock()
	if !ok {
		writeProblem(w, http.StatusNotFound, "The customer with provided customer number was not found.", nil)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// ListCustomers is GET /api/v1/customers: the documented filters, 1-based
// pages of at most 100 (default 50), in the envelope of openapi.yaml.
func (h *handler) ListCustomers(w http.ResponseWriter, _ *http.Request, p oapi.ListCustomersParams) {
	page, size := int32(1), int32(50)
	if p.Page != nil {
		page = *p.Page
	}
	if p.PageSize != nil {
		size = *p.PageSize
	}
	if page < 1 {
		validationError(w, "Page", "Page must be 1 or greater.")
		return
	}
	if size < 1 || size > 100 {
		validationError(w, "PageSize", "PageSize must be between 1 and 100.")
		return
	}
	s := h.s
	s.mu.Lock()
	var match []oapi.Customer
	for _, n := range s.sortedNumbers() {
		c := s.customers[n]
		if p.Number != nil && *p.Number != n {
			continue
		}
		if p.Name != nil && !strings.Contains(strings.ToLower(c.Name), strings.ToLower(*p.Name)) {
			continue
		}
		if p.CorporateIdentityNumber != nil && normaliseOrgNo(*p.CorporateIdentityNumber) != normaliseOrgNo(c.CorporateIdentityNumber) {
			continue
		}
		match = append(match, c)
	}
	s.mu.Unlock()
	total := int32(len(match))
	from := min(int(page-1)*int(size), len(match))
	to := min(from+int(size), len(match))
	items := append([]oapi.Customer{}, match[from:to]...)
	writeJSON(w, http.StatusOK, oapi.CustomerPage{Items: items, Page: &page, PageSize: &size, TotalCount: &total})
}

// normaliseOrgNo drops spaces and dashes: GKS4 ignores them when matching
// corporate identity numbers.
func normaliseOrgNo(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, s)
}

func customerToWire(c gks.Customer) oapi.Customer {
	w := oapi.Customer{
		Name:                    c.Name,
		Number:                  ptr(c.Number),
		InvoiceEmail:            ptr(c.InvoiceEmail),
		CorporateIdentityNumber: c.CorporateIdentityNumber,
	}
	if c.PostalAddress != nil {
		a := addressToWire(*c.PostalAddress)
		w.PostalAddress = &a
	}
	return w
}

func addressToWire(a gks.PostalAddress) oapi.PostalAddress {
	return oapi.PostalAddress{
		Address1: ptr(a.Address1), Address2: ptr(a.Address2), Address3: ptr(a.Address3),
		City: ptr(a.City), ZipCode: ptr(a.ZipCode), State: ptr(a.State), CountryCode: ptr(a.CountryCode),
	}
}

func customerFromWire(w oapi.Customer) gks.Customer {
	c := gks.Customer{
		Name:                    w.Name,
		Number:                  val(w.Number),
		InvoiceEmail:            val(w.InvoiceEmail),
		CorporateIdentityNumber: w.CorporateIdentityNumber,
	}
	if w.PostalAddress != nil {
		a := addressFromWire(*w.PostalAddress)
		c.PostalAddress = &a
	}
	return c
}

func addressFromWire(w oapi.PostalAddress) gks.PostalAddress {
	return gks.PostalAddress{
		Address1: val(w.Address1), Address2: val(w.Address2), Address3: val(w.Address3),
		City: val(w.City), ZipCode: val(w.ZipCode), State: val(w.State), CountryCode: val(w.CountryCode),
	}
}

func ptr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func val[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
