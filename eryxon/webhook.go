package eryxon

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
)

// ErrBadSignature matches a webhook whose X-Eryxon-Signature is missing or
// does not match the body.
var ErrBadSignature = errors.New("eryxon: webhook signature does not match")

// SignatureHeader is the header Eryxon signs webhook deliveries in.
const SignatureHeader = "X-Eryxon-Signature"

// MaxWebhookBody is the largest webhook body NewWebhookHandler accepts.
const MaxWebhookBody = 1 << 20

// WebhookEvent is one webhook delivery.
type WebhookEvent struct {
	// Event is the event type, e.g. "job.created" or "sync.jobs.completed".
	Event string `json:"event"`
	// Timestamp is when Eryxon emitted the event.
	Timestamp time.Time `json:"timestamp"`
	// Data is the event's payload, undecoded.
	Data json.RawMessage `json:"data"`
	// TenantID is set by deliveries in the documented (website) variant.
	TenantID string `json:"tenant_id,omitempty"`
}

// VerifyWebhook checks signatureHeader (the X-Eryxon-Signature value) against
// the HMAC-SHA256 of the raw body under secret, in constant time. The server
// sends "sha256=<hex>"; the vendor's docs show bare hex; both are accepted.
func VerifyWebhook(secret, body []byte, signatureHeader string) error {
	if len(secret) == 0 {
		return errors.New("eryxon: VerifyWebhook: the secret is empty")
	}
	sig := strings.TrimSpace(signatureHeader)
	if len(sig) > 7 && strings.EqualFold(sig[:7], "sha256=") {
		sig = sig[7:]
	}
	got, err := hex.DecodeString(sig)
	if err != nil || len(got) != sha256.Size {
		return ErrBadSignature
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return ErrBadSignature
	}
	return nil
}

// webhookPayload accepts the server's {event,timestamp,data} and the
// documented {event_type,tenant_id,timestamp,data}.
type webhookPayload struct {
	Event     string          `json:"event"`
	EventType string          `json:"event_type"`
	TenantID  string          `json:"tenant_id"`
	Timestamp string          `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// ParseWebhook decodes a verified webhook body.
func ParseWebhook(body []byte) (WebhookEvent, error) {
	var p webhookPayload
	if err := json.Unmarshal(body, &p); err != nil {
		return WebhookEvent{}, errors.New("eryxon: webhook body is not JSON: " + err.Error())
	}
	e := WebhookEvent{Event: p.Event, TenantID: p.TenantID, Data: p.Data}
	if e.Event == "" {
		e.Event = p.EventType
	}
	if e.Event == "" {
		return WebhookEvent{}, errors.New("eryxon: webhook body names no event")
	}
	if p.Timestamp != "" {
		e.Timestamp = parseTime(&p.Timestamp)
	}
	return e, nil
}

// NewWebhookHandler returns an http.Handler for Eryxon's webhook deliveries.
// It answers 405 to anything but POST, 413 to bodies over MaxWebhookBody, 401
// when the signature does not verify, 400 when the body is not an event, 500
// when fn fails (Eryxon retries 5xx, up to 3 attempts) and 200 otherwise.
// fn runs with the request's context.
func NewWebhookHandler(secret []byte, fn func(ctx context.Context, e WebhookEvent) error) http.Handler {
	secret = append([]byte(nil), secret...)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBody))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		if err := VerifyWebhook(secret, body, r.Header.Get(SignatureHeader)); err != nil {
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		e, err := ParseWebhook(body)
		if err != nil {
			http.Error(w, "invalid event", http.StatusBadRequest)
			return
		}
		if err := fn(r.Context(), e); err != nil {
			http.Error(w, "handler failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
