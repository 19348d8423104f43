package sparetech_test

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/partsync/partsync-go/internal/benchkit"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// benchEnv is a replay server answering what the fake answered to one Get
// (and its token request), plus generated intent pages; an SDK client and
// a plain client pointed at it.
type benchEnv struct {
	srv   *benchkit.Replay
	sdk   *sparetech.Client
	plain *http.Client
	auth  string // the Authorization header the SDK sent
}

const benchIntentID = "904134"

func newBenchEnv(b *testing.B, items int) *benchEnv {
	b.Helper()
	fake := sparetechtest.NewServer()
	defer fake.Close()
	rec := &benchkit.Recorder{Base: &http.Transport{}}
	defer rec.Base.(*http.Transport).CloseIdleConnections()
	c, err := sparetech.NewClient(fake.Credentials(), append(fake.Options(), sparetech.WithHTTPClient(&http.Client{Transport: rec}))...)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.CreationIntents.Get(context.Background(), benchIntentID); err != nil {
		b.Fatal(err)
	}
	get, ok := rec.Last(http.MethodGet, "/v1/creation-intents/"+benchIntentID)
	if !ok {
		b.Fatal("no GET recorded")
	}
	e := &benchEnv{srv: benchkit.NewReplay(b, rec.Exchanges()...), plain: benchkit.PlainClient(b), auth: get.Header.Get("Authorization")}
	e.srv.Handle("GET /v1/creation-intents", intentPages(items, e.auth))
	tr := &http.Transport{}
	b.Cleanup(tr.CloseIdleConnections)
	e.sdk, err = sparetech.NewClient(fake.Credentials(), sparetech.WithBaseURL(e.srv.URL()+"/v1"),
		sparetech.WithTokenURL(e.srv.URL()+"/v1/oauth/token"), sparetech.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// intentPages generates the pages of total intents on the fly (?limit=,
// ?page= zero-based), in the fake's wire format.
func intentPages(total int, auth string) http.HandlerFunc {
	pool := sync.Pool{New: func() any { return new([]byte) }}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != auth {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		page, _ := strconv.Atoi(q.Get("page"))
		if limit == 0 {
			limit = 10
		}
		bp := pool.Get().(*[]byte)
		buf := append((*bp)[:0], `{"creationIntents":[`...)
		first, last := page*limit, min((page+1)*limit, total)
		for i := first; i < last; i++ {
			if i > first {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"id":"`...)
			buf = strconv.AppendInt(buf, int64(1_000_000+i), 10)
			buf = append(buf, `","createdAt":"2022-12-10T12:05:12Z","createdBy":{"email":"alice@example.com"},"approvedBy":{"email":"bob@example.com"},"status":"Ready","metadata":{"ART_NUM":"SED`...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, `","DESC":"Material Description","MANU":"Sparetech","TYP":"TYP_1234"}}`...)
		}
		buf = append(buf, `],"hasMore":`...)
		buf = strconv.AppendBool(buf, last < total)
		buf = append(buf, `,"limit":`...)
		buf = strconv.AppendInt(buf, int64(limit), 10)
		buf = append(buf, `,"page":`...)
		buf = strconv.AppendInt(buf, int64(page), 10)
		buf = append(buf, `,"totalCount":`...)
		buf = strconv.AppendInt(buf, int64(total), 10)
		buf = append(buf, '}')
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(buf)
		*bp = buf
		pool.Put(bp)
	}
}

// plainIntent is what a hand-written client would decode an intent into.
type plainIntent struct {
	ID         string         `json:"id"`
	CreatedAt  time.Time      `json:"createdAt"`
	CreatedBy  plainUser      `json:"createdBy"`
	ApprovedBy plainUser      `json:"approvedBy"`
	Status     string         `json:"status"`
	Metadata   map[string]any `json:"metadata"`
}

type plainUser struct {
	Email string `json:"email"`
}

type plainPage struct {
	CreationIntents []plainIntent `json:"creationIntents"`
	HasMore         bool          `json:"hasMore"`
}

// BenchmarkCall is one creation intent Get through the SDK against the same
// GET with net/http + encoding/json (same Authorization, Accept), both
// against a replay of the fake's answer.
func BenchmarkCall(b *testing.B) {
	e := newBenchEnv(b, 0)
	ctx := context.Background()
	url := e.srv.URL() + "/v1/creation-intents/" + benchIntentID
	benchkit.Compare(b, func(b *testing.B) {
		it, err := e.sdk.CreationIntents.Get(ctx, benchIntentID)
		if err != nil || it.ID != benchIntentID {
			b.Fatal(err)
		}
	}, func(b *testing.B) {
		var it plainIntent
		err := benchkit.PlainJSON(ctx, e.plain, http.MethodGet, url, nil, &it, "Authorization", e.auth, "Accept", "application/json")
		if err != nil || it.ID != benchIntentID {
			b.Fatal(err)
		}
	})
}

// BenchmarkIterate walks creation intents with All (pages of 99, generated
// on the fly) and with a plain loop over the same pages (see
// benchkit.IterateCompare).
func BenchmarkIterate(b *testing.B) {
	benchkit.IterateCompare(b, func(b *testing.B, n int) (sdk, plain benchkit.Walk) {
		e := newBenchEnv(b, n)
		ctx := context.Background()
		sdk = func() (int, error) {
			seen := 0
			for it, err := range e.sdk.CreationIntents.All(ctx, sparetech.ListParams{}) {
				if err != nil {
					return seen, err
				}
				if it.ID != "" {
					seen++
				}
			}
			return seen, nil
		}
		plain = func() (int, error) {
			seen := 0
			for page := 0; ; page++ {
				var pg plainPage
				url := e.srv.URL() + "/v1/creation-intents?limit=99&page=" + strconv.Itoa(page)
				if err := benchkit.PlainJSON(ctx, e.plain, http.MethodGet, url, nil, &pg, "Authorization", e.auth, "Accept", "application/json"); err != nil {
					return seen, err
				}
				for _, it := range pg.CreationIntents {
					if it.ID != "" {
						seen++
					}
				}
				if !pg.HasMore {
					return seen, nil
				}
			}
		}
		return sdk, plain
	})
}
