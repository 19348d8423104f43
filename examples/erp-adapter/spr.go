package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// sprJob looks every material with a manufacturer part number up in SPR
// Automotive and records SPR's price and stock per branch in the ERP.
type sprJob struct {
	a      *adapter
	client *spr.Client
	fake   *sprtest.Server
	mode   string
}

func (a *adapter) newSPRJob(context.Context) (job, error) {
	vals, real, err := a.env("SPR_CLIENT_ID", "SPR_CLIENT_SECRET", "SPR_USERNAME", "SPR_PASSWORD", "SPR_LOCALE")
	if err != nil {
		return nil, err
	}
	j := &sprJob{a: a}
	if real {
		locale := vals["SPR_LOCALE"]
		// SPR rotates refresh tokens and invalidates the old pair: keep the
		// current one in a file (SPR_TOKEN_FILE, as examples/spr-stock, or
		// beside the ERP file), so a restart refreshes instead of logging in.
		tokenFile := a.getenv("SPR_TOKEN_FILE")
		if tokenFile == "" {
			tokenFile = a.erp.Path() + ".spr-token.json"
		}
		opts := []spr.Option{spr.WithUserAgent(userAgent), spr.WithLogger(a.log), spr.WithTokenStore(auth.NewFileStore(tokenFile))}
		if u := a.getenv("SPR_BASE_URL"); u != "" {
			opts = append(opts, spr.WithBaseURL(u))
		}
		j.client, err = spr.NewClient(spr.Credentials{
			ClientID: vals["SPR_CLIENT_ID"], ClientSecret: vals["SPR_CLIENT_SECRET"],
			Username: vals["SPR_USERNAME"], Password: vals["SPR_PASSWORD"], Locale: locale,
		}, opts...)
		if err == nil {
			j.mode = "real API, " + j.client.BaseURL() + " (" + locale + ")"
		}
		return j, err
	}
	j.fake = newSPRFake(a)
	a.fake("spr", j.fake)
	j.client, err = spr.NewClient(j.fake.Credentials(), spr.WithBaseURL(j.fake.URL()), spr.WithTokenURL(j.fake.TokenURL()), spr.WithLogger(a.log))
	j.mode = "fake (sprtest at " + j.fake.URL() + ")"
	return j, err
}

func (j *sprJob) Name() string { return "spr" }
func (j *sprJob) Mode() string { return j.mode }
func (j *sprJob) Close() {
	if j.fake != nil {
		j.fake.Close()
	}
}

func (j *sprJob) Run(ctx context.Context, r *Report) error {
	type lookup struct{ number, mpn string }
	var todo []lookup
	j.a.erp.View(func(d *Data) {
		for _, m := range d.Materials {
			if m.MPN != "" {
				todo = append(todo, lookup{m.Number, m.MPN})
			}
		}
	})
	j.a.progressf("spr", "looking up %d materials with a manufacturer part number", len(todo))
	step := j.a.progress("spr", "materials looked up", len(todo))
	var found, notFound int
	var errs []error
	// Lookups are reads, so results are written in batches: a crash loses
	// at most one batch, which the next run looks up again.
	pending := map[string]*SPRInfo{}
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := j.a.erp.Update(func(d *Data) error {
			for number, info := range pending {
				if m := d.Material(number); m != nil {
					m.SPR = info
				}
			}
			return nil
		})
		clear(pending)
		return err
	}
	for _, l := range todo {
		p, err := j.client.Products.Get(ctx, l.mpn)
		step()
		info := &SPRInfo{Code: l.mpn, CheckedAt: j.a.now().UTC()}
		switch {
		case errors.Is(err, spr.ErrNotFound):
			info.NotFound = true
			notFound++
			r.Detailf("%s: %s is not in SPR's catalog", l.number, l.mpn)
		case err != nil:
			errs = append(errs, fmt.Errorf("%s (%s): %w", l.number, l.mpn, err))
			if errors.Is(err, spr.ErrUnauthorized) || ctx.Err() != nil {
				// Every further lookup would fail the same way.
				return errors.Join(append(errs, flush())...)
			}
			continue
		default:
			found++
			info.Code = p.Code
			info.Price = money(p.Price01)
			info.ListPrice = money(p.Price00)
			for _, s := range p.Stock {
				info.Stock = append(info.Stock, SPRStock{BranchID: s.BranchID, BranchName: s.BranchName, Quantity: s.Quantity})
			}
			r.Detailf("%s: %s %s, stock %d over %d branches", l.number, l.mpn, priceText(info.Price), p.TotalStock(), len(p.Stock))
		}
		pending[l.number] = info
		if len(pending) == sprBatch {
			if err := flush(); err != nil {
				return errors.Join(append(errs, err)...)
			}
		}
	}
	if err := flush(); err != nil {
		errs = append(errs, err)
	}
	r.Summary = fmt.Sprintf("%d materials looked up: %d priced with stock per branch, %d not in SPR's catalog", len(todo), found, notFound)
	return errors.Join(errs...)
}

// sprBatch is how many lookups are written to the ERP at once.
const sprBatch = 50

func money(p *spr.Price) *Money {
	if p == nil {
		return nil
	}
	return &Money{Value: p.Value, Prefix: p.Prefix, Suffix: p.Sufix}
}

func priceText(m *Money) string {
	if m == nil {
		return "(no price readable)"
	}
	return fmt.Sprintf("%s%.2f%s", m.Prefix, m.Value, m.Suffix)
}
