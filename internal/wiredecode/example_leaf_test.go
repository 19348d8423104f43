package wiredecode_test

import (
	"encoding/json"
	"fmt"

	"github.com/partsync/partsync-go/internal/wiredecode"
)

// A wire struct reads a body with the pointer fields' semantics but
// without an allocation per field: a null clears a field, a missing one
// stays unset, and a value of the wrong type is encoding/json's error.
func Example_leafTypes() {
	type customer struct {
		Name    wiredecode.String       `json:"name"`
		Email   wiredecode.String       `json:"email"`
		Total   wiredecode.Int32        `json:"total"`
		Created wiredecode.UnusedString `json:"created"`
	}
	var c customer
	err := json.Unmarshal([]byte(`{"name":"Acme AB","email":"ap@acme.example","email":null,"created":"2026-01-01"}`), &c)
	fmt.Printf("%q %q total set: %v, %v\n", c.Name, c.Email, c.Total.Set, err)

	err = json.Unmarshal([]byte(`{"total":"12"}`), &c)
	fmt.Println(err)
	// Output:
	// "Acme AB" "" total set: false, <nil>
	// json: cannot unmarshal string into Go struct field customer.total of type int32
}
