package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/partsync/partsync-go/internal/apierror"
)

// maxTokenResponse bounds how much of a token endpoint's answer is read.
const maxTokenResponse = 1 << 20

// oauthClient sends RFC 6749 token requests: a form POST with the client
// authenticated as cfg.ClientAuth says, answered in JSON.
type oauthClient struct {
	cfg Config
	hc  *http.Client
	log *slog.Logger
}

func newOAuthClient(cfg Config) *oauthClient {
	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	}
	// A token request carries credentials in its body; a 307/308 to another
	// host would send them along. Token endpoints do not redirect.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &oauthClient{cfg: cfg, hc: &hc, log: log}
}

// do posts form (plus client authentication and scope, if withScope) and
// decodes the token. secrets are the values in form that must not appear in
// an error.
func (o *oauthClient) do(ctx context.Context, form url.Values, withScope bool, secrets ...string) (*Token, error) {
	cfg := &o.cfg
	if cfg.ClientAuth == InParams || cfg.ClientAuth == InBoth {
		if cfg.ClientID != "" {
			form.Set("client_id", cfg.ClientID)
		}
		if cfg.ClientSecret != "" {
			form.Set("client_secret", cfg.ClientSecret)
		}
	}
	if withScope && len(cfg.Scopes) > 0 {
		form.Set("scope", strings.Join(cfg.Scopes, " "))
	}
	secrets = secretForms(append(secrets, cfg.ClientSecret)...)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("auth: building the token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if cfg.ClientAuth == InHeader || cfg.ClientAuth == InBoth {
		req.SetBasicAuth(url.QueryEscape(cfg.ClientID), url.QueryEscape(cfg.ClientSecret))
	}
	start := time.Now()
	resp, err := o.hc.Do(req)
	if err != nil {
		err = o.transportError(req, err, secrets)
		o.log.Debug("auth: token request", "grant_type", form.Get("grant_type"), "url", redactURL(req.URL), "error", err.Error(), "duration", time.Since(start))
		return nil, err
	}
	defer resp.Body.Close()
	o.log.Debug("auth: token request", "grant_type", form.Get("grant_type"), "url", redactURL(req.URL), "status", resp.StatusCode, "duration", time.Since(start))
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse))
	if err != nil {
		return nil, fmt.Errorf("auth: reading the token response from %s: %w", redactURL(req.URL), err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, decodeRetrieveError(resp.StatusCode, resp.Header, body, secrets)
	}
	return decodeTokenResponse(resp.StatusCode, resp.Header, body, start, secrets)
}

// transportError describes a request that got no usable answer. A vendor
// token client may turn statuses >= 400 into *apierror.Error: those become
// *RetrieveError again, so that refresh-token rejection is still seen.
func (o *oauthClient) transportError(req *http.Request, err error, secrets []string) error {
	var ae *apierror.Error
	if errors.As(err, &ae) && ae.StatusCode != 0 {
		re := decodeRetrieveError(ae.StatusCode, nil, ae.Body, secrets)
		if re.ErrorCode == "" {
			re.ErrorCode = clean(redactSecrets(ae.Code, secrets), 64)
		}
		if re.Message == "" && re.Description == "" {
			re.Message = clean(redactSecrets(ae.Message, secrets), maxErrorText)
		}
		re.RetryAfter = ae.RetryAfter
		return re
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &requestError{url: redactURL(req.URL), err: err}
}

// requestError is a token request that got no answer: the URL without query,
// and the cause (errors.Is finds context errors in it).
type requestError struct {
	url string
	err error
}

// Error names the URL (without query) and the cause.
func (e *requestError) Error() string {
	return "auth: token request to " + e.url + ": " + e.err.Error()
}

// Unwrap returns the cause.
func (e *requestError) Unwrap() error { return e.err }

// redactURL drops user info, query and fragment.
func redactURL(u *url.URL) string {
	c := *u
	c.User, c.RawQuery, c.ForceQuery, c.Fragment, c.RawFragment = nil, "", false, "", ""
	return c.String()
}

// ClientCredentials is the OAuth client-credentials grant.
func ClientCredentials(cfg Config) Source {
	if err := cfg.validate(); err != nil {
		return errSource{err}
	}
	o := newOAuthClient(cfg)
	grant := func(ctx context.Context, _ *Token) (*Token, error) {
		return o.do(ctx, url.Values{"grant_type": {"client_credentials"}}, true)
	}
	return NewCachedSource(grant, cfg.cacheOptions())
}
