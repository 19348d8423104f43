package servicemobility

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/servicemobility/internal/oapi"
)

const opLogin = "createjwt"

// loginGrant logs in at Create JWT. The token's expiry is its exp claim,
// read without verification: the client does not hold the signing key, and
// it only decides when to log in again (ServiceMobility decides validity).
func loginGrant(hc *http.Client, base, tokenURL *url.URL, login Login) auth.Grant {
	return func(ctx context.Context, _ *auth.Token) (*auth.Token, error) {
		user, pass := login.Username, login.Password
		req, err := oapi.NewCreateJWTRequest(base.String(), oapi.Authentication{Username: &user, Password: &pass})
		if err != nil {
			return nil, fmt.Errorf("servicemobility: createjwt: building the request: %w", err)
		}
		req.URL, req.Host = tokenURL, ""
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req.WithContext(transport.WithOp(ctx, opLogin)))
		if err != nil {
			return nil, transport.AsError(err)
		}
		if resp.StatusCode != http.StatusOK {
			e := apierror.FromResponse(resp, vendor, decodeError)
			e.Op = opLogin
			// The stack reports a token failure under the call that needed the
			// token, so the message says that it was the login.
			e.Message = "login at Create JWT failed: " + e.Message
			// A refusal may quote the password in prose, out of reach of pattern redaction.
			e.RedactValues(login.Password)
			transport.Discard(resp)
			return nil, e
		}
		var out oapi.TokenResponse
		if err := transport.DecodeJSON(resp, &out); err != nil {
			return nil, err
		}
		if out.Token == nil || *out.Token == "" {
			return nil, &apierror.Error{Vendor: vendor, Op: opLogin, Method: req.Method, URL: apierror.SafeURL(tokenURL),
				StatusCode: resp.StatusCode, Kind: apierror.ErrDecode, Err: errors.New("the response has no token")}
		}
		return &auth.Token{AccessToken: *out.Token, TokenType: "JWT", Expiry: tokenExpiry(*out.Token)}, nil
	}
}
