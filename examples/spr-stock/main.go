// Command spr-stock searches SPR Automotive for a part, prints its prices
// and stock per branch, and walks the catalog for one vehicle.
//
// Without configuration it runs against the in-process fake (package
// sprtest). To use the real API set SPR_CLIENT_ID, SPR_CLIENT_SECRET,
// SPR_USERNAME, SPR_PASSWORD and SPR_LOCALE (e.g. es_MX); optionally
// SPR_BASE_URL (default https://sprautomotive.com) and SPR_TOKEN_FILE, a
// file that keeps the rotating refresh token between runs.
//
//	go run ./examples/spr-stock -search "balatas aveo" -year 2011 -make FORD -model FIESTA
//
// -debug logs every request and token renewal at debug level (tokens redacted).
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "spr-stock:", err)
		os.Exit(1)
	}
}

var envNames = []string{"SPR_CLIENT_ID", "SPR_CLIENT_SECRET", "SPR_USERNAME", "SPR_PASSWORD", "SPR_LOCALE"}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("spr-stock", flag.ContinueOnError)
	fs.SetOutput(stdout)
	search := fs.String("search", "balatas aveo", "search terms")
	year := fs.Int("year", 2011, "vehicle year for the catalog")
	mk := fs.String("make", "FORD", "vehicle make for the catalog")
	model := fs.String("model", "FIESTA", "vehicle model for the catalog (optional)")
	debug := fs.Bool("debug", false, "log every request and token renewal at debug level (secrets are never logged)")
	show := fs.Int("show", 10, "catalog products to list")
	if err := fs.Parse(args); err != nil {
		return err
	}

	client, where, cleanup, err := connect(debugLogger(*debug, stdout))
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Fprintf(stdout, "SPR Automotive: %s\n\n", where)

	code, err := searchParts(ctx, stdout, client, *search)
	if err != nil {
		return err
	}
	if code != "" {
		if err := stockAndPrices(ctx, stdout, client, code); err != nil {
			return err
		}
	}
	return walkCatalog(ctx, stdout, client, spr.CatalogQuery{Year: *year, Make: *mk, Model: *model}, *show)
}

// connect builds a client for the real API when the SPR_* variables are
// set, and for an in-process fake when none is.
func connect(log *slog.Logger) (c *spr.Client, where string, cleanup func(), err error) {
	var missing, set []string
	for _, name := range envNames {
		if os.Getenv(name) == "" {
			missing = append(missing, name)
		} else {
			set = append(set, name)
		}
	}
	if len(set) == 0 {
		srv := sprtest.NewServer()
		c, err := spr.NewClient(srv.Credentials(), spr.WithBaseURL(srv.URL()), spr.WithLogger(log))
		if err != nil {
			srv.Close()
			return nil, "", nil, err
		}
		return c, "in-process fake (set " + strings.Join(envNames, ", ") + " for the real API)", srv.Close, nil
	}
	if len(missing) > 0 {
		return nil, "", nil, fmt.Errorf("set all of %s, or none to use the fake; missing: %s", strings.Join(envNames, ", "), strings.Join(missing, ", "))
	}
	creds := spr.Credentials{
		ClientID: os.Getenv("SPR_CLIENT_ID"), ClientSecret: os.Getenv("SPR_CLIENT_SECRET"),
		Username: os.Getenv("SPR_USERNAME"), Password: os.Getenv("SPR_PASSWORD"), Locale: os.Getenv("SPR_LOCALE"),
	}
	opts := []spr.Option{spr.WithLogger(log)}
	if u := os.Getenv("SPR_BASE_URL"); u != "" {
		opts = append(opts, spr.WithBaseURL(u))
	}
	if f := os.Getenv("SPR_TOKEN_FILE"); f != "" {
		opts = append(opts, spr.WithTokenStore(auth.NewFileStore(f)))
	}
	c, err = spr.NewClient(creds, opts...)
	if err != nil {
		return nil, "", nil, err
	}
	return c, c.BaseURL() + " as " + creds.Username, func() {}, nil
}

// searchParts lists the matches and returns the first code ("" if none).
func searchParts(ctx context.Context, w io.Writer, c *spr.Client, terms string) (string, error) {
	var found []spr.ProductSummary
	for p, err := range c.Products.Search(ctx, terms) {
		if err != nil {
			return "", fmt.Errorf("search %q: %w", terms, err)
		}
		found = append(found, p)
	}
	fmt.Fprintf(w, "Search %q: %d products\n", terms, len(found))
	for _, p := range found {
		fmt.Fprintf(w, "  %-10s %-50s %14s  stock %d\n", p.Code, p.DetailedDescription, price(p.Price01), p.TotalStock())
	}
	fmt.Fprintln(w)
	if len(found) == 0 {
		return "", nil
	}
	return found[0].Code, nil
}

func stockAndPrices(ctx context.Context, w io.Writer, c *spr.Client, code string) error {
	p, err := c.Products.Get(ctx, code)
	if err != nil {
		return fmt.Errorf("product %s: %w", code, err)
	}
	fmt.Fprintf(w, "%s  %s\n", p.Code, p.DetailedDescription)
	fmt.Fprintf(w, "  list price  %s\n", price(p.Price00))
	fmt.Fprintf(w, "  your price  %s\n", price(p.Price01))
	if p.Stock == nil {
		fmt.Fprintln(w, "  stock       (not visible to this user)")
	} else {
		for _, s := range p.Stock {
			fmt.Fprintf(w, "  %-20s %5d\n", s.BranchName, s.Quantity)
		}
		fmt.Fprintf(w, "  %-20s %5d\n", "total", p.TotalStock())
	}
	for _, mk := range slices.Sorted(maps.Keys(p.Apps)) {
		for _, model := range slices.Sorted(maps.Keys(p.Apps[mk])) {
			for _, a := range p.Apps[mk][model] {
				fmt.Fprintf(w, "  fits        %s %s %s %s\n", a.Make, a.Model, a.Year, a.Engine)
			}
		}
	}
	fmt.Fprintln(w)
	return nil
}

func walkCatalog(ctx context.Context, w io.Writer, c *spr.Client, q spr.CatalogQuery, show int) error {
	byCategory := map[string]int{}
	n, units := 0, 0
	fmt.Fprintf(w, "Catalog for %d %s %s:\n", q.Year, q.Make, q.Model)
	for p, err := range c.Products.Catalog(ctx, q) {
		if err != nil {
			return fmt.Errorf("catalog: %w", err)
		}
		if n < show {
			fmt.Fprintf(w, "  %-10s %-50s %14s  stock %d\n", p.Code, p.DetailedDescription, price(p.Price01), p.TotalStock())
		}
		cat := "(no category)"
		if p.Category != nil {
			cat = p.Category.Plural
		}
		byCategory[cat]++
		units += p.TotalStock()
		n++
	}
	if n > show {
		fmt.Fprintf(w, "  ... and %d more\n", n-show)
	}
	fmt.Fprintf(w, "%d products, %d pieces in stock\n", n, units)
	cats := slices.SortedFunc(maps.Keys(byCategory), func(a, b string) int {
		return cmp.Or(cmp.Compare(byCategory[b], byCategory[a]), strings.Compare(a, b))
	})
	for _, cat := range cats {
		fmt.Fprintf(w, "  %-25s %d\n", cat, byCategory[cat])
	}
	return nil
}

func price(p *spr.Price) string {
	if p == nil {
		return "(hidden)"
	}
	return p.String()
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
