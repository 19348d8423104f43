package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

// gksJob makes sure the ERP's customers exist in GKS4 and places the ERP's
// open sales orders there, each exactly once.
type gksJob struct {
	a      *adapter
	client *gks.Client
	fake   *gkstest.Server
	mode   string
}

func (a *adapter) newGKSJob(context.Context) (job, error) {
	vals, real, err := a.env("GKS_CLIENT_ID", "GKS_CLIENT_SECRET", "GKS_BASE_URL")
	if err != nil {
		return nil, err
	}
	j := &gksJob{a: a}
	if real {
		opts := []gks.Option{gks.WithBaseURL(vals["GKS_BASE_URL"]), gks.WithUserAgent(userAgent), gks.WithLogger(a.log)}
		if u := a.getenv("GKS_TOKEN_URL"); u != "" {
			opts = append(opts, gks.WithTokenURL(u))
		}
		j.client, err = gks.NewClient(gks.Credentials{ClientID: vals["GKS_CLIENT_ID"], ClientSecret: vals["GKS_CLIENT_SECRET"]}, opts...)
		j.mode = "real API, " + vals["GKS_BASE_URL"]
		return j, err
	}
	// The fake knows the ERP's first customer already, so the job shows
	// both paths: found, and created on ErrNotFound.
	var known []gks.Customer
	a.erp.View(func(d *Data) {
		if len(d.Customers) > 0 {
			known = append(known, gksCustomer(d.Customers[0]))
		}
	})
	j.fake = gkstest.NewServer(gkstest.WithCustomers(known...))
	a.fake("gks", j.fake)
	j.client, err = gks.NewClient(j.fake.Credentials(), append(j.fake.ClientOptions(), gks.WithLogger(a.log))...)
	j.mode = "fake (gkstest at " + j.fake.URL() + ")"
	return j, err
}

func (j *gksJob) Name() string { return "gks" }
func (j *gksJob) Mode() string { return j.mode }
func (j *gksJob) Close() {
	if j.fake != nil {
		j.fake.Close()
	}
}

func (j *gksJob) Run(ctx context.Context, r *Report) error {
	// Customers first: an order for a customer GKS4 does not know fails.
	var customers []gks.Customer
	var orders []SalesOrder
	var unknown []string
	j.a.erp.View(func(d *Data) {
		needed := map[string]bool{}
		for _, o := range d.SalesOrders {
			switch o.Status {
			case OrderOpen:
				needed[o.CustomerNumber] = true
				orders = append(orders, *o)
			case OrderPlacing:
				unknown = append(unknown, o.Number)
			}
		}
		for _, c := range d.Customers {
			if !c.InGKS || needed[c.Number] {
				customers = append(customers, gksCustomer(c))
			}
		}
	})

	var errs []error
	var existed, created int
	step := j.a.progress("gks", "customers checked", len(customers))
	for _, c := range customers {
		found, err := j.ensureCustomer(ctx, c)
		step()
		if err != nil {
			errs = append(errs, fmt.Errorf("customer %s: %w", c.Number, err))
			continue
		}
		if found {
			existed++
		} else {
			created++
			r.Detailf("customer %s (%s) created", c.Number, c.Name)
		}
	}

	var placed int
	step = j.a.progress("gks", "sales orders placed", len(orders))
	for _, o := range orders {
		res, err := j.place(ctx, o)
		step()
		if err != nil {
			errs = append(errs, fmt.Errorf("sales order %s: %w", o.Number, err))
			if errors.Is(err, gks.ErrOutcomeUnknown) {
				unknown = append(unknown, o.Number)
			}
			continue
		}
		placed++
		if res.Number != "" {
			r.Detailf("sales order %s placed as GKS4 order %s", o.Number, res.Number)
		} else {
			r.Detailf("sales order %s placed", o.Number)
		}
	}
	for _, n := range unknown {
		r.Detailf("sales order %s: placing it may or may not have worked; check GKS4, then set its status to open or placed", n)
	}
	r.Summary = fmt.Sprintf("%d customers checked (%d existed, %d created); %d sales orders placed", len(customers), existed, created, placed)
	if len(unknown) > 0 {
		r.Summary += fmt.Sprintf(", %d need checking", len(unknown))
	}
	return errors.Join(errs...)
}

// ensureCustomer reports whether the customer existed; it creates it if not.
func (j *gksJob) ensureCustomer(ctx context.Context, c gks.Customer) (existed bool, err error) {
	_, err = j.client.Customers.Get(ctx, c.Number)
	switch {
	case err == nil:
		existed = true
	case errors.Is(err, gks.ErrNotFound):
		if err := j.client.Customers.Create(ctx, c); err != nil {
			return false, err
		}
	default:
		return false, err
	}
	return existed, j.a.erp.Update(func(d *Data) error {
		for _, ec := range d.Customers {
			if ec.Number == c.Number {
				ec.InGKS = true
			}
		}
		return nil
	})
}

// place sends one order. Placing is not idempotent, so the order is marked
// "placing" on disk before it is sent: if the program dies, or the
// connection fails after sending, the order stays "placing" and is never sent
// again automatically. A refusal from GKS4 puts it back to open.
func (j *gksJob) place(ctx context.Context, o SalesOrder) (*gks.SalesOrderResult, error) {
	if err := j.setOrder(o.Number, func(so *SalesOrder) {
		so.Status = OrderPlacing
		so.GKS = &GKSPlacing{StartedAt: j.a.now().UTC()}
	}); err != nil {
		return nil, err
	}
	res, err := j.client.SalesOrders.Create(ctx, gksOrder(o))
	if err != nil {
		if errors.Is(err, gks.ErrOutcomeUnknown) {
			return nil, errors.Join(err, j.setOrder(o.Number, func(so *SalesOrder) { so.GKS.Error = err.Error() }))
		}
		return nil, errors.Join(err, j.setOrder(o.Number, func(so *SalesOrder) {
			so.Status = OrderOpen
			so.GKS.Error = err.Error()
		}))
	}
	return res, j.setOrder(o.Number, func(so *SalesOrder) {
		so.Status = OrderPlaced
		so.GKS.PlacedAt = j.a.now().UTC()
		so.GKS.OrderNumber = res.Number
		so.GKS.Error = ""
	})
}

func (j *gksJob) setOrder(number string, fn func(*SalesOrder)) error {
	return j.a.erp.Update(func(d *Data) error {
		for _, so := range d.SalesOrders {
			if so.Number == number {
				fn(so)
				return nil
			}
		}
		return fmt.Errorf("sales order %s vanished from the ERP", number)
	})
}

func gksCustomer(c *Customer) gks.Customer {
	gc := gks.Customer{Name: c.Name, Number: c.Number, InvoiceEmail: c.InvoiceEmail, CorporateIdentityNumber: c.CorporateIdentityNumber}
	if c.Address != nil {
		gc.PostalAddress = &gks.PostalAddress{Address1: c.Address.Street, City: c.Address.City, ZipCode: c.Address.ZipCode, CountryCode: c.Address.CountryCode}
	}
	return gc
}

func gksOrder(o SalesOrder) gks.SalesOrder {
	so := gks.SalesOrder{
		CustomerNumber: o.CustomerNumber, Name: "ERP order " + o.Number, PurchaseOrderNumber: o.PurchaseOrderNumber,
		Language: o.Language, Currency: o.Currency, Comment: o.Comment,
	}
	for _, row := range o.Rows {
		so.Rows = append(so.Rows, gks.SalesOrderRow{ArticleNumber: row.MaterialNumber, Quantity: row.Quantity, Price: row.Price})
	}
	return so
}
