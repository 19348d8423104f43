package auth_test

import (
	"context"
	"fmt"

	"github.com/partsync/partsync-go/auth"
	"golang.org/x/oauth2"
)

// Code built on golang.org/x/oauth2 can use any Source of this package; the
// other way round, FromOAuth2 brings an x/oauth2 flow to the vendor clients.
func ExampleOAuth2TokenSource() {
	src := auth.Static("eryx-demo-key")
	ts := auth.OAuth2TokenSource(context.Background(), src)
	tok, err := ts.Token()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.Type(), tok.Valid())

	back := auth.FromOAuth2(oauth2.StaticTokenSource(tok))
	t2, err := back.Token(context.Background())
	fmt.Println(t2.TokenType, err == nil)
	// Output:
	// Bearer true
	// Bearer true
}
