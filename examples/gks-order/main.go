// Command gks-order places a sales order in GKS4 (Simutek): it makes sure
// the buyer exists as a customer (Get, then Create on ErrNotFound), places
// an order with two rows, and prints the result.
//
// With GKS_CLIENT_ID, GKS_CLIENT_SECRET and GKS_BASE_URL set (and optionally
// GKS_TOKEN_URL) it talks to the real API; otherwise it starts the in-process
// fake (gkstest), so that
//
//	go run ./examples/gks-order
//
// works with no configuration. -debug logs every request at debug level.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"time"

	"github.com/partsync/partsync-go/gks"
	"github.com/partsync/partsync-go/gks/gkstest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gks-order:", err)
		os.Exit(1)
	}
}

// run is main without the process: a test calls it in-process.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gks-order", flag.ContinueOnError)
	fs.SetOutput(stdout)
	customer := fs.String("customer", "K100421", "the buyer's customer number")
	debug := fs.Bool("debug", false, "log every request and token renewal at debug level (secrets are never logged)")
	currency := fs.String("currency", "SEK", "ISO 4217 currency of the prices")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	client, where, closeFake, err := newClient(debugLogger(*debug, stdout))
	if err != nil {
		return err
	}
	defer closeFake()
	fmt.Fprintf(stdout, "GKS4 API: %s\n", where)

	cu, created, err := ensureCustomer(ctx, client, gks.Customer{
		Name:                    "Acme Industri AB",
		Number:                  *customer,
		InvoiceEmail:            "invoices@acme.example",
		CorporateIdentityNumber: "556677-8899",
		PostalAddress:           &gks.PostalAddress{Address1: "Storgatan 1", ZipCode: "114 44", City: "Stockholm", CountryCode: "SE"},
	})
	if err != nil {
		return err
	}
	verb := "found"
	if created {
		verb = "created"
	}
	fmt.Fprintf(stdout, "customer %s %s (%s)\n", cu.Number, verb, cu.Name)

	order := gks.SalesOrder{
		CustomerNumber:      cu.Number,
		PurchaseOrderNumber: "PO-" + time.Now().UTC().Format("20060102-150405"),
		Language:            gks.LanguageSwedish,
		Currency:            *currency,
		Comment:             "Placed by partsync-go examples/gks-order",
		Rows: []gks.SalesOrderRow{
			{ArticleNumber: "A-100", Quantity: 10, Price: 99.50, Discount: 5, Deliveries: []gks.Delivery{
				{Address: gks.PostalAddress{Address1: "Storgatan 1", ZipCode: "114 44", City: "Stockholm", CountryCode: "SE"}, Quantity: 6},
				{Address: gks.PostalAddress{Address1: "Hamngatan 2", ZipCode: "411 06", City: "Göteborg", CountryCode: "SE"}, Quantity: 4},
			}},
			{ArticleNumber: "B-200", Quantity: 2, Price: 1250},
		},
	}
	res, err := client.SalesOrders.Create(ctx, order)
	if errors.Is(err, gks.ErrOutcomeUnknown) {
		return fmt.Errorf("the order may or may not have been created; look for purchase order %s before sending it again: %w", order.PurchaseOrderNumber, err)
	}
	if err != nil {
		return fmt.Errorf("placing the sales order: %w", err)
	}
	number := res.Number
	if number == "" {
		number = "(not reported)"
	}
	fmt.Fprintf(stdout, "sales order %s placed for %s: %d rows, total %.2f %s (HTTP %d)\n",
		number, cu.Number, len(order.Rows), total(order), order.Currency, res.StatusCode)
	for _, r := range order.Rows {
		fmt.Fprintf(stdout, "  %-6s qty %-4g price %8.2f discount %g%%  deliveries %d\n", r.ArticleNumber, r.Quantity, r.Price, r.Discount, len(r.Deliveries))
	}
	return nil
}

// newClient uses the real API when GKS_* is set, the fake otherwise.
func newClient(log *slog.Logger) (c *gks.Client, where string, closeFn func(), err error) {
	id, secret, base := os.Getenv("GKS_CLIENT_ID"), os.Getenv("GKS_CLIENT_SECRET"), os.Getenv("GKS_BASE_URL")
	if id == "" && secret == "" && base == "" {
		srv := gkstest.NewServer()
		c, err := srv.NewClient(gks.WithLogger(log))
		if err != nil {
			srv.Close()
			return nil, "", nil, err
		}
		return c, "in-process fake (set GKS_CLIENT_ID, GKS_CLIENT_SECRET and GKS_BASE_URL for the real API)", srv.Close, nil
	}
	if id == "" || secret == "" || base == "" {
		return nil, "", nil, errors.New("set all of GKS_CLIENT_ID, GKS_CLIENT_SECRET and GKS_BASE_URL (or none, for the fake)")
	}
	opts := []gks.Option{gks.WithBaseURL(base), gks.WithUserAgent("gks-order-example"), gks.WithLogger(log)}
	if t := os.Getenv("GKS_TOKEN_URL"); t != "" {
		opts = append(opts, gks.WithTokenURL(t))
	}
	c, err = gks.NewClient(gks.Credentials{ClientID: id, ClientSecret: secret}, opts...)
	if err != nil {
		return nil, "", nil, err
	}
	return c, c.BaseURL(), func() {}, nil
}

// ensureCustomer returns the customer with want.Number, creating it first
// when GKS4 does not know it. Create answers with no body, so the record is
// read back with Get.
func ensureCustomer(ctx context.Context, c *gks.Client, want gks.Customer) (*gks.Customer, bool, error) {
	cu, err := c.Customers.Get(ctx, want.Number)
	if err == nil {
		return cu, false, nil
	}
	if !errors.Is(err, gks.ErrNotFound) {
		return nil, false, fmt.Errorf("looking up customer %s: %w", want.Number, err)
	}
	if err := c.Customers.Create(ctx, want); err != nil {
		return nil, false, fmt.Errorf("creating customer %s: %w", want.Number, err)
	}
	cu, err = c.Customers.Get(ctx, want.Number)
	if err != nil {
		return nil, false, fmt.Errorf("reading back customer %s: %w", want.Number, err)
	}
	return cu, true, nil
}

func total(o gks.SalesOrder) float64 {
	sum := 0.0
	for _, r := range o.Rows {
		sum += r.Quantity * r.Price * (1 - r.Discount/100)
	}
	return sum
}

// debugLogger returns the clients' logger: nil (silent) unless -debug, then
// every HTTP attempt and token renewal at debug level, written to w with the
// program's output. The SDK never logs a secret.
func debugLogger(on bool, w io.Writer) *slog.Logger {
	if !on {
		return nil
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
