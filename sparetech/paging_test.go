package sparetech_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// newFake starts a fake and a client for it.
func newFake(t *testing.T, srvOpts []sparetechtest.ServerOption, opts ...sparetech.Option) (*sparetechtest.Server, *sparetech.Client) {
	t.Helper()
	srv := sparetechtest.NewServer(srvOpts...)
	t.Cleanup(srv.Close)
	c, err := sparetech.NewClient(srv.Credentials(), append(srv.Options(), opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func TestAllWalksEveryPage(t *testing.T) {
	srv, c := newFake(t, []sparetechtest.ServerOption{sparetechtest.WithoutSeed()})
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 250 {
		srv.SeedCreationIntent(sparetech.CreationIntent{ID: fmt.Sprintf("c%03d", i), CreatedAt: base.Add(time.Duration(i) * time.Hour),
			Metadata: map[string]any{"[N]": float64(i)}})
	}
	srv.ClearRequests()
	params := sparetech.ListParams{Status: sparetech.StatusReady}
	var got []string
	for it, err := range c.CreationIntents.All(context.Background(), params) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it.ID)
	}
	if len(got) != 250 || got[0] != "c000" || got[249] != "c249" {
		t.Fatalf("got %d intents (%v ... )", len(got), got[:min(3, len(got))])
	}
	if params.Limit != 0 || params.Page != 0 {
		t.Errorf("All changed the caller's params: %+v", params)
	}
	var pages []string
	for _, r := range srv.Requests() {
		if r.Path == "/v1/creation-intents" {
			pages = append(pages, r.Query.Encode())
		}
	}
	want := []string{"limit=99&status=Ready", "limit=99&page=1&status=Ready", "limit=99&page=2&status=Ready"}
	if strings.Join(pages, " ") != strings.Join(want, " ") {
		t.Errorf("page requests = %q, want %q", pages, want)
	}
}

func TestAllWithSmallLimitAndStart(t *testing.T) {
	srv, c := newFake(t, nil)
	srv.ClearRequests()
	var got []string
	for it, err := range c.CreationIntents.All(context.Background(), sparetech.ListParams{Limit: 1, Page: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it.ID)
	}
	// The default seed holds 4 creation intents; page 1 of size 1 is the second.
	if strings.Join(got, ",") != "904134,904135,904136" {
		t.Errorf("got %v", got)
	}
	if n := count(srv, "GET", "/v1/creation-intents"); n != 3 {
		t.Errorf("%d list requests, want 3 (hasMore=false ends the walk)", n)
	}
}

func TestAllChangeAndExtension(t *testing.T) {
	_, c := newFake(t, nil)
	ctx := context.Background()
	var changes, exts []string
	for it, err := range c.ChangeIntents.All(ctx, sparetech.ListParams{Status: sparetech.StatusReady}) {
		if err != nil {
			t.Fatal(err)
		}
		changes = append(changes, it.ID+"/"+it.MaterialNumber)
	}
	for it, err := range c.ExtensionIntents.All(ctx, sparetech.ListParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		exts = append(exts, it.ID+"/"+it.MaterialNumber)
	}
	if strings.Join(changes, ",") != "904210/MAT-000101,904211/MAT-000102" || strings.Join(exts, ",") != "904310/MAT-000101,904311/MAT-000999" {
		t.Errorf("changes %v, extensions %v", changes, exts)
	}
}

func TestAllStopsAtTheFirstError(t *testing.T) {
	srv, c := newFake(t, nil, sparetech.WithRetry(0, 0, 0))
	srv.InjectFault(sparetechtest.Fault{Status: 500, PathPrefix: "/v1/creation-intents"}, 1)
	n := 0
	var gotErr error
	for _, err := range c.CreationIntents.All(context.Background(), sparetech.ListParams{}) {
		n++
		gotErr = err
	}
	if n != 1 || !errors.Is(gotErr, sparetech.ErrServer) {
		t.Errorf("yielded %d times, last error %v", n, gotErr)
	}
}

func TestCreatedDatesAreSentAsInclusiveDates(t *testing.T) {
	srv, c := newFake(t, nil)
	srv.ClearRequests()
	loc := time.FixedZone("CET", 3600)
	p, err := c.CreationIntents.List(context.Background(), sparetech.ListParams{
		CreatedFrom: time.Date(2022, 12, 11, 0, 30, 0, 0, loc), CreatedTo: time.Date(2022, 12, 12, 23, 0, 0, 0, loc)})
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	q := reqs[len(reqs)-1].Query
	if q.Get("created.gt") != "2022-12-11" || q.Get("created.lt") != "2022-12-12" {
		t.Errorf("query = %v", url.Values(q).Encode())
	}
	if p.TotalCount != 2 || p.Items[0].ID != "904135" || p.Items[1].ID != "904136" {
		t.Errorf("inclusive range: %+v", p)
	}
}
