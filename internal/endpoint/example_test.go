package endpoint_test

import (
	"fmt"
	"strconv"

	"github.com/partsync/partsync-go/internal/endpoint"
)

// A client resolves its operations' URLs once; each call then appends its
// query.
func Example() {
	urls, err := endpoint.Resolve("https://gks.example/api/", "/v1/customers", "/v1/salesorders")
	if err != nil {
		fmt.Println(err)
		return
	}
	var q endpoint.Query
	q.Start(urls[0], 64)
	q.Add("name", "Acme & Co")
	q.Add("page", strconv.Itoa(2))
	fmt.Println(q.String())
	fmt.Println(urls[1])
	// Output:
	// https://gks.example/api/v1/customers?name=Acme+%26+Co&page=2
	// https://gks.example/api/v1/salesorders
}
