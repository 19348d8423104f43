package sparetech

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// quotaSource turns a 403 from the token endpoint into ErrTokenQuota.
// Quirk: SPARETECH rations tokens per day and says so with a 403, which
// means "quota spent", not "bad credentials".
type quotaSource struct{ auth.Source }

// Token returns the cached token, or the quota error.
func (q quotaSource) Token(ctx context.Context) (*auth.Token, error) {
	t, err := q.Source.Token(ctx)
	if err != nil {
		return nil, tokenError(err)
	}
	return t, nil
}

// Invalidate forwards to the cache, so that a 401 renews the token.
func (q quotaSource) Invalidate(t *auth.Token) {
	if inv, ok := q.Source.(auth.Invalidator); ok {
		inv.Invalidate(t)
	}
}

// tokenError turns a refusal from the token endpoint into an *Error with
// its status, so that errors.Is works (ErrTokenQuota for 403,
// ErrUnauthorized for 401) and the HTTP stack does not retry what a retry
// cannot fix. The cache's own backoff decides when to ask again.
func tokenError(err error) error {
	var ae *apierror.Error
	if errors.As(err, &ae) {
		// A copy: the cache hands the same error to every waiting goroutine.
		cp := *ae
		if cp.StatusCode == http.StatusForbidden {
			cp.Kind = ErrTokenQuota
		}
		if cp.Op == "" {
			cp.Op = opToken
		}
		if err != error(ae) && cp.Err == nil {
			cp.Err = err
		}
		return &cp
	}
	var re *auth.RetrieveError
	if !errors.As(err, &re) || re.StatusCode == 0 {
		return err
	}
	msg := re.Description
	if msg == "" {
		msg = re.Message
	}
	e := &apierror.Error{Vendor: vendor, Op: opToken, StatusCode: re.StatusCode, Code: re.ErrorCode, Message: msg, Err: err}
	if re.StatusCode == http.StatusForbidden {
		// Quirk: a 403 from the token endpoint means the daily quota is spent.
		e.Kind = ErrTokenQuota
		e.RetryAfter = quotaWait(msg, time.Now())
	}
	return e
}

// quotaWait reads the {timestamp} at the end of "You have exceeded your
// token quota and cannot create any more tokens until {timestamp}". Its
// format is unpublished: RFC 3339 and RFC 1123 are tried, else 0.
func quotaWait(msg string, now time.Time) time.Duration {
	_, ts, ok := strings.Cut(msg, " until ")
	if !ok {
		return 0
	}
	ts = strings.TrimRight(strings.TrimSpace(ts), ".")
	for _, layout := range []string{time.RFC3339Nano, time.RFC1123, time.RFC1123Z} {
		if t, err := time.Parse(layout, ts); err == nil {
			return max(t.Sub(now), 0)
		}
	}
	return 0
}

// legacyGrant fetches tokens from the deprecated JSON endpoint /auth.
// Quirk: the reference says camelCase clientId/clientSecret, the overview
// snake_case client_id/client_secret; both are sent and both spellings of
// the answer are read.
func legacyGrant(hc *http.Client, tokenURL string, creds Credentials) auth.Grant {
	return func(ctx context.Context, _ *auth.Token) (*auth.Token, error) {
		target, err := url.Parse(tokenURL)
		if err != nil {
			return nil, apierror.Invalid(vendor, "WithTokenURL", "%q is not a URL", tokenURL)
		}
		body := oapi.LegacyTokenRequest{
			ClientId: &creds.ClientID, ClientSecret: &creds.ClientSecret,
			SnakeClientID: &creds.ClientID, SnakeClientSecret: &creds.ClientSecret,
		}
		req, err := oapi.NewGetLegacyTokenV1Request(docServer, body)
		if err != nil {
			return nil, fmt.Errorf("sparetech: token: building the request: %w", err)
		}
		req.URL, req.Host = target, target.Host
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req.WithContext(transport.WithOp(ctx, opToken)))
		if err != nil {
			return nil, transport.AsError(err)
		}
		if resp.StatusCode >= 300 {
			defer resp.Body.Close()
			raw, _ := io.ReadAll(io.LimitReader(resp.Body, apierror.MaxExcerpt))
			msg := strings.TrimSpace(string(raw))
			e := &apierror.Error{Vendor: vendor, Op: opToken, Method: req.Method, URL: target.Redacted(), StatusCode: resp.StatusCode, Message: msg}
			decodeError(e, resp, raw)
			// The endpoint may echo the request: never show the credentials.
			e.RedactValues(creds.ClientSecret, creds.ClientID)
			if resp.StatusCode == http.StatusForbidden {
				e.Kind = ErrTokenQuota
				e.RetryAfter = quotaWait(e.Message, time.Now())
			}
			return nil, e
		}
		var tok oapi.LegacyToken
		if err := transport.DecodeJSON(resp, &tok); err != nil {
			return nil, err
		}
		t := &auth.Token{AccessToken: first(tok.AccessToken, tok.SnakeAccessToken), TokenType: first(tok.TokenType, tok.SnakeTokenType)}
		if t.AccessToken == "" {
			return nil, &apierror.Error{Vendor: vendor, Op: opToken, StatusCode: resp.StatusCode, Message: "token response has no accessToken", Err: apierror.ErrDecode}
		}
		if t.TokenType == "" {
			t.TokenType = "Bearer"
		}
		exp := tok.ExpiresIn
		if exp == nil {
			exp = tok.SnakeExpiresIn
		}
		if exp != nil && *exp > 0 {
			t.Expiry = time.Now().Add(time.Duration(*exp * float64(time.Second)))
		}
		return t, nil
	}
}

func first(ps ...*string) string {
	for _, p := range ps {
		if p != nil && *p != "" {
			return *p
		}
	}
	return ""
}
