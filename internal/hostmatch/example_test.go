package hostmatch_test

import (
	"fmt"
	"net/url"

	"github.com/partsync/partsync-go/internal/hostmatch"
)

func Example() {
	api := hostmatch.New("api.example.com")
	for _, raw := range []string{"https://api.example.com:443/v1", "https://cdn.example.com/v1"} {
		u, _ := url.Parse(raw)
		fmt.Println(raw, api.Matches(u))
	}
	fmt.Println(hostmatch.Loopback("127.0.0.1"), hostmatch.Loopback("api.localhost"))
	// Output:
	// https://api.example.com:443/v1 true
	// https://cdn.example.com/v1 false
	// true false
}
