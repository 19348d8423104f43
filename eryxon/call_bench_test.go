package eryxon_test

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
	"github.com/partsync/partsync-go/internal/benchkit"
)

// callEnv is a server answering GET /api-parts?id= with what the fake
// answered to a Get, and GET /api-parts?limit=&offset= with pages of parts
// generated on the fly; an SDK client and a plain client pointed at it.
type callEnv struct {
	url   string // the functions root
	sdk   *eryxon.Client
	plain *http.Client
	auth  string
	id    string // the part Get asks for
}

func newCallEnv(b *testing.B, items int) *callEnv {
	b.Helper()
	fake := eryxontest.NewServer()
	defer fake.Close()
	rec := &benchkit.Recorder{Base: &http.Transport{}}
	defer rec.Base.(*http.Transport).CloseIdleConnections()
	c, err := eryxon.NewClient(fake.APIKey(), eryxon.WithBaseURL(fake.URL()), eryxon.WithHTTPClient(&http.Client{Transport: rec}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	job, err := c.Jobs.Sync(ctx, eryxon.Job{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "J-1", Customer: "Acme"})
	if err != nil {
		b.Fatal(err)
	}
	part, err := c.Parts.Sync(ctx, eryxon.Part{ExternalID: "SO-1-10", ExternalSource: "SAP", JobID: job.Item.ID,
		PartNumber: "PN-1", Material: "S235JR", Quantity: 3, Notes: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.Parts.Get(ctx, part.Item.ID); err != nil {
		b.Fatal(err)
	}
	get, ok := rec.Last(http.MethodGet, eryxontest.Root+"/api-parts")
	if !ok {
		b.Fatal("no GET recorded")
	}
	e := &callEnv{plain: benchkit.PlainClient(b), auth: get.Header.Get("Authorization"), id: part.Item.ID}
	srv := benchkit.NewReplay(b)
	srv.Handle("GET "+eryxontest.Root+"/api-parts", partsHandler(get, items))
	e.url = srv.URL() + eryxontest.Root
	tr := &http.Transport{}
	b.Cleanup(tr.CloseIdleConnections)
	e.sdk, err = eryxon.NewClient(fake.APIKey(), eryxon.WithBaseURL(e.url), eryxon.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// partsHandler answers ?id= with the recorded Get and ?limit=&offset= with
// a page of total parts in the fake's wire format.
func partsHandler(get benchkit.Exchange, total int) http.HandlerFunc {
	auth := get.Header.Get("Authorization")
	pool := sync.Pool{New: func() any { return new([]byte) }}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != auth {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		q := r.URL.Query()
		if q.Get("id") != "" {
			_, _ = w.Write(get.RespBody)
			return
		}
		limit, _ := strconv.Atoi(q.Get("limit"))
		offset, _ := strconv.Atoi(q.Get("offset"))
		bp := pool.Get().(*[]byte)
		buf := append((*bp)[:0], `{"data":{"pagination":{"limit":`...)
		buf = strconv.AppendInt(buf, int64(limit), 10)
		buf = append(buf, `,"offset":`...)
		buf = strconv.AppendInt(buf, int64(offset), 10)
		buf = append(buf, `,"total":`...)
		buf = strconv.AppendInt(buf, int64(total), 10)
		buf = append(buf, `},"parts":[`...)
		first, last := min(offset, total), min(offset+limit, total)
		for i := first; i < last; i++ {
			if i > first {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"created_at":"2026-11-23T00:49:42.658Z","external_id":"SO-`...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, `-10","external_source":"SAP","id":"00000000-0000-4000-9000-`...)
			buf = append(buf, strconv.FormatInt(1_000_000_000_000+int64(i), 10)[1:]...)
			buf = append(buf, `","job_id":"00000000-0000-4000-8000-000000000001","material":"S235JR","notes":"bench","part_number":"PN-`...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, `","quantity":3,"status":"not_started","sync_hash":"71649d0e18741ca8d7eb7e6184e3c09b","synced_at":"2026-11-23T00:49:42.658Z","tenant_id":"00000000-0000-4000-8000-0000000000aa","updated_at":"2026-11-23T00:49:42.658Z"}`...)
		}
		buf = append(buf, `]},"success":true}`...)
		_, _ = w.Write(buf)
		*bp = buf
		pool.Put(bp)
	}
}

// plainPart is what a hand-written client decodes a part into.
type plainPart struct {
	ID             string `json:"id"`
	ExternalID     string `json:"external_id"`
	ExternalSource string `json:"external_source"`
	JobID          string `json:"job_id"`
	PartNumber     string `json:"part_number"`
	Material       string `json:"material"`
	Quantity       int    `json:"quantity"`
	Notes          string `json:"notes"`
}

// BenchmarkCall is one part Get (GET /api-parts?id=) through the SDK against
// the same GET with net/http + encoding/json, both against a replay of the
// fake's answer.
func BenchmarkCall(b *testing.B) {
	e := newCallEnv(b, 0)
	ctx := context.Background()
	url := e.url + "/api-parts?id=" + e.id
	benchkit.Compare(b, func(b *testing.B) {
		p, err := e.sdk.Parts.Get(ctx, e.id)
		if err != nil || p.ID != e.id {
			b.Fatal(err)
		}
	}, func(b *testing.B) {
		var env struct {
			Data struct {
				Part plainPart `json:"part"`
			} `json:"data"`
		}
		err := benchkit.PlainJSON(ctx, e.plain, http.MethodGet, url, nil, &env, "Authorization", e.auth, "Accept", "application/json")
		if err != nil || env.Data.Part.ID != e.id {
			b.Fatal(err)
		}
	})
}

// BenchmarkIterate walks parts with Parts.List (pages of 1000, generated on
// the fly) and with a plain loop over the same pages (see
// benchkit.IterateCompare).
func BenchmarkIterate(b *testing.B) {
	benchkit.IterateCompare(b, func(b *testing.B, n int) (sdk, plain benchkit.Walk) {
		e := newCallEnv(b, n)
		ctx := context.Background()
		sdk = func() (int, error) {
			seen := 0
			for p, err := range e.sdk.Parts.List(ctx, eryxon.ListParams{Limit: eryxon.MaxListLimit}) {
				if err != nil {
					return seen, err
				}
				if p.ID != "" {
					seen++
				}
			}
			return seen, nil
		}
		plain = func() (int, error) {
			seen := 0
			for offset := 0; ; offset += eryxon.MaxListLimit {
				var env struct {
					Data struct {
						Parts []plainPart `json:"parts"`
					} `json:"data"`
				}
				url := e.url + "/api-parts?limit=1000&offset=" + strconv.Itoa(offset)
				if err := benchkit.PlainJSON(ctx, e.plain, http.MethodGet, url, nil, &env, "Authorization", e.auth, "Accept", "application/json"); err != nil {
					return seen, err
				}
				for _, p := range env.Data.Parts {
					if p.ID != "" {
						seen++
					}
				}
				if len(env.Data.Parts) < eryxon.MaxListLimit {
					return seen, nil
				}
			}
		}
		return sdk, plain
	})
}
