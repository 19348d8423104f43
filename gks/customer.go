package gks

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/gks/internal/oapi"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/transport"
)

// Customer is a GKS4 customer (a company). The JSON names are published.
type Customer struct {
	// Name is the company name. Required.
	Name string
	// Number is the customer number ("K100421"). Empty is sent as null, and
	// then GKS4 may allocate a number that Create cannot report.
	Number string
	// InvoiceEmail is where invoices go. Empty is sent as null.
	InvoiceEmail string
	// CorporateIdentityNumber is the company's organisation number. Required.
	CorporateIdentityNumber string
	// PostalAddress is omitted when nil.
	PostalAddress *PostalAddress
}

// PostalAddress is a GKS4 postal address. Empty fields are not sent.
type PostalAddress struct {
	// Address1, Address2 and Address3 are the street lines ("Storgatan 1").
	Address1, Address2, Address3 string
	// City is the post town.
	City string
	// ZipCode is the postal code ("114 44").
	ZipCode string
	// State is the state or region, where the country has them ("FL").
	State string
	// CountryCode is an ISO 3166-1 alpha-2 code ("SE").
	CountryCode string
}

// CustomerService creates, reads and lists customers.
type CustomerService struct {
	c *core
}

// Create creates a customer. GKS4 answers 200 with no body, so nothing comes
// back: call Get with the number to read the record. Number and InvoiceEmail
// are required by GKS4 but nullable; when empty they are sent as JSON null.
//
// Create is resent only after a 429. If the connection fails after the request was
// sent, the error matches ErrOutcomeUnknown: check with Get before trying again.
func (s *CustomerService) Create(ctx context.Context, c Customer) error {
	if err := c.validate(); err != nil {
		return err
	}
	body, err := json.Marshal(c.wire())
	if err != nil {
		return transport.AsError(err)
	}
	req, err := s.c.newRequest(ctx, "customers.create", true, http.MethodPost, s.c.ep.customers, body)
	if err != nil {
		return fmt.Errorf("gks: customers.create: building the request: %w", err)
	}
	resp, err := s.c.do(req)
	if err != nil {
		return err
	}
	transport.Discard(resp)
	return nil
}

// CreateAndGet creates c and reads it back with Get, since Create returns
// nothing. c.Number is required here: a customer created without one could
// not be found again. When the create worked but the read-back failed, the
// error says so (and still matches the read-back's error class).
func (s *CustomerService) CreateAndGet(ctx context.Context, c Customer) (*Customer, error) {
	if strings.TrimSpace(c.Number) == "" {
		return nil, apierror.Invalid(vendor, "Customer.Number", "is required to read the customer back")
	}
	if err := s.Create(ctx, c); err != nil {
		return nil, err
	}
	got, err := s.Get(ctx, c.Number)
	if err != nil {
		return nil, fmt.Errorf("gks: customer %s was created, but reading it back failed: %w", c.Number, err)
	}
	return got, nil
}

// Get returns the customer with the given customer number. An unknown number
// gives an error matching ErrNotFound.
func (s *CustomerService) Get(ctx context.Context, number string) (*Customer, error) {
	if err := checkPathValue("number", number); err != nil {
		return nil, err
	}
	req, err := s.c.newRequest(ctx, "customers.get", false, http.MethodGet, s.c.ep.customer(number), nil)
	if err != nil {
		return nil, fmt.Errorf("gks: customers.get: building the request: %w", err)
	}
	resp, err := s.c.do(req)
	if err != nil {
		return nil, err
	}
	return decodeCustomer(resp)
}

// opCtx names the operation and, for writes, forbids retries.
func opCtx(ctx context.Context, op string, write bool) context.Context {
	ctx = transport.WithOp(ctx, op)
	if write {
		ctx = transport.NoRetry(ctx)
	}
	return ctx
}

func (c Customer) validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return apierror.Invalid(vendor, "Customer.Name", "is required")
	}
	if strings.TrimSpace(c.CorporateIdentityNumber) == "" {
		return apierror.Invalid(vendor, "Customer.CorporateIdentityNumber", "is required")
	}
	if c.Number != "" && strings.TrimSpace(c.Number) != c.Number {
		return apierror.Invalid(vendor, "Customer.Number", "%q has leading or trailing spaces", c.Number)
	}
	if c.InvoiceEmail != "" && !looksLikeEmail(c.InvoiceEmail) {
		return apierror.Invalid(vendor, "Customer.InvoiceEmail", "%q is not an e-mail address", c.InvoiceEmail)
	}
	if c.PostalAddress != nil {
		if err := c.PostalAddress.validate("Customer.PostalAddress"); err != nil {
			return err
		}
	}
	return nil
}

func (a *PostalAddress) validate(field string) error {
	if a.CountryCode != "" && !isUpperLetters(a.CountryCode, 2) {
		return apierror.Invalid(vendor, field+".CountryCode", "%q is not an ISO 3166-1 alpha-2 code (two upper-case letters, e.g. SE)", a.CountryCode)
	}
	return nil
}

func (a PostalAddress) isZero() bool { return a == PostalAddress{} }

// wire is the create body. Quirk: number and invoiceEmail are nullable but
// required, so they are pointers without omitempty in the generated model.
func (c Customer) wire() oapi.Customer {
	w := oapi.Customer{
		Name:                    c.Name,
		Number:                  nullable(c.Number),
		InvoiceEmail:            nullable(c.InvoiceEmail),
		CorporateIdentityNumber: c.CorporateIdentityNumber,
	}
	if c.PostalAddress != nil {
		a := c.PostalAddress.wire()
		w.PostalAddress = &a
	}
	return w
}

func (a PostalAddress) wire() oapi.PostalAddress {
	return oapi.PostalAddress{
		Address1:    nullable(a.Address1),
		Address2:    nullable(a.Address2),
		Address3:    nullable(a.Address3),
		City:        nullable(a.City),
		ZipCode:     nullable(a.ZipCode),
		State:       nullable(a.State),
		CountryCode: nullable(a.CountryCode),
	}
}

// nullable is nil for "", so that the field is sent as null or omitted,
// whichever the generated JSON tag says.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
