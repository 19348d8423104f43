package sparetechtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// Seed the intents an adapter test needs, run the adapter, then check what
// the fake received.
func Example() {
	srv := sparetechtest.NewServer(sparetechtest.WithoutSeed())
	defer srv.Close()
	it := srv.SeedCreationIntent(sparetech.CreationIntent{
		CreatedAt: time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC),
		Metadata:  map[string]any{"[MANU]": "SKF", "[ART_NUM]": "6205-2RSH"},
	})

	client, err := sparetech.NewClient(srv.Credentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.CreationIntents.Confirm(context.Background(), it.ID, "MAT-42"); err != nil {
		log.Fatal(err)
	}

	o, _ := srv.Outcome(it.ID)
	status, _ := srv.IntentStatus(it.ID)
	fmt.Println(it.ID, o.Confirmed, o.MaterialNumber, status, srv.TokenRequests())
	// Output:
	// 904001 true MAT-42 Done 1
}

func ExampleServer_InjectFault() {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	client, err := sparetech.NewClient(srv.Credentials(), append(srv.Options(), sparetech.WithRetry(0, 0, 0))...)
	if err != nil {
		log.Fatal(err)
	}
	srv.InjectFault(sparetechtest.Fault{Status: 503, RetryAfter: "30", PathPrefix: "/v1/creation-intents"}, 1)
	_, err = client.CreationIntents.List(context.Background(), sparetech.ListParams{})
	var e *sparetech.Error
	fmt.Println(errors.As(err, &e), e.StatusCode, e.RetryAfter)
	_, err = client.CreationIntents.List(context.Background(), sparetech.ListParams{})
	fmt.Println(err)
	// Output:
	// true 503 30s
	// <nil>
}
