package eryxontest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/partsync/partsync-go/eryxon"
	"github.com/partsync/partsync-go/eryxon/eryxontest"
)

func Example() {
	// A free plan: 100 requests a day. Use it up.
	srv := eryxontest.NewServer(eryxontest.WithPlan(eryxontest.Free), eryxontest.WithDailyLimit(2))
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for i := range 3 {
		_, err := c.Cells.Sync(ctx, eryxon.Cell{ExternalID: fmt.Sprint("WC-", i), ExternalSource: "SAP", Name: fmt.Sprint("Cell ", i)})
		fmt.Println(i, errors.Is(err, eryxon.ErrRateLimited))
	}
	fmt.Println("cells stored:", len(srv.Rows("cells")), "requests:", srv.RequestCount())
	// Output:
	// 0 false
	// 1 false
	// 2 true
	// cells stored: 2 requests: 3
}

func ExampleServer_FailNext() {
	srv := eryxontest.NewServer()
	defer srv.Close()
	c, err := eryxon.NewClient(srv.APIKey(), eryxon.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}
	// A 500 is never retried: on Eryxon it usually means a bad column.
	srv.FailNext(1, eryxontest.Fault{Status: 500, Message: "Failed to sync jobs: boom"})
	_, err = c.Jobs.Sync(context.Background(), eryxon.Job{ExternalID: "SO-1", ExternalSource: "SAP", JobNumber: "J-1"})
	fmt.Println(errors.Is(err, eryxon.ErrServer), srv.RequestCount())
	// Output:
	// true 1
}
