package eryxontest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"time"
)

type webhook struct {
	id, url, secret string
	events          []string
}

// Delivery is the record of one webhook delivery, all attempts included.
type Delivery struct {
	WebhookID string
	URL       string
	Event     string
	// Body is the signed payload: {"event","timestamp","data"}.
	Body []byte
	// Signature is the X-Eryxon-Signature header sent ("sha256=<hex>").
	Signature string
	// Attempts is how many times it was sent (at most 3).
	Attempts int
	// Status is the last answer's status, 0 when none arrived.
	Status int
	// Delivered is true when an attempt got a 2xx.
	Delivered bool
}

// maxAttempts is the vendor's retry.ts: 3 attempts.
const maxAttempts = 3

// RegisterWebhook subscribes url to events ("*" for all) with secret as the
// signing key, like POST /api-webhooks, and returns the webhook's id.
func (s *Server) RegisterWebhook(u, secret string, events ...string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := &webhook{id: s.newIDLocked(), url: u, secret: secret, events: events}
	s.hooks = append(s.hooks, h)
	return h.id
}

// createWebhook is POST /api-webhooks: url, events and secret_key required.
func (s *Server) createWebhook(w http.ResponseWriter, body []byte) {
	var req struct {
		URL       string   `json:"url"`
		Events    []string `json:"events"`
		SecretKey string   `json:"secret_key"`
	}
	if json.Unmarshal(body, &req) != nil {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "Invalid JSON in request body", nil)
		return
	}
	var details []validationDetail
	if u, err := url.Parse(req.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		details = append(details, validationDetail{Field: "url", Message: "url must be a valid http(s) URL", Constraint: "TYPE", EntityType: "webhook"})
	}
	if len(req.Events) == 0 {
		details = append(details, validationDetail{Field: "events", Message: "events must be a non-empty array", Constraint: "NOT_NULL", EntityType: "webhook"})
	}
	if req.SecretKey == "" {
		details = append(details, validationDetail{Field: "secret_key", Message: "secret_key is required", Constraint: "NOT_NULL", EntityType: "webhook"})
	}
	if len(details) > 0 {
		writeError(w, http.StatusUnprocessableEntity, "VALIDATION_ERROR", "Validation failed", details)
		return
	}
	id := s.RegisterWebhook(req.URL, req.SecretKey, req.Events...)
	writeData(w, http.StatusCreated, map[string]any{"webhook": map[string]any{"id": id, "url": req.URL, "events": req.Events, "active": true}})
}

// Emit delivers event with data to every webhook subscribed to it, in the
// background; WaitDeliveries waits for them. The fake emits the
// sync.<entity>.completed and sync.batch.completed events of ERP sync itself.
func (s *Server) Emit(event string, data any) {
	if s.closed.Load() {
		return
	}
	payload, err := json.Marshal(map[string]any{"event": event, "timestamp": isoTime(s.cfg.now()), "data": data})
	if err != nil {
		return
	}
	s.mu.Lock()
	var targets []*webhook
	for _, h := range s.hooks {
		if slices.Contains(h.events, event) || slices.Contains(h.events, "*") {
			targets = append(targets, h)
		}
	}
	s.mu.Unlock()
	for _, h := range targets {
		s.hookWG.Add(1)
		go func() {
			defer s.hookWG.Done()
			s.deliver(h, event, payload)
		}()
	}
}

// deliver sends one payload with the vendor's retries: on network errors,
// 408, 429 and 5xx, waiting 500 ms, then 1000 ms (at most 2000 ms).
func (s *Server) deliver(h *webhook, event string, payload []byte) {
	mac := hmac.New(sha256.New, []byte(h.secret))
	mac.Write(payload)
	sig := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	d := Delivery{WebhookID: h.id, URL: h.url, Event: event, Body: payload, Signature: sig}
	wait := s.cfg.hookBackoff
	for d.Attempts < maxAttempts {
		d.Attempts++
		req, err := http.NewRequest(http.MethodPost, h.url, bytes.NewReader(payload))
		if err != nil {
			break
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Eryxon-Signature", sig)
		req.Header.Set("X-Eryxon-Event", event)
		req.Header.Set("User-Agent", "Eryxon-Webhooks/1.0")
		resp, err := s.cfg.hookClient.Do(req)
		retry := true
		if err == nil {
			d.Status = resp.StatusCode
			_ = resp.Body.Close()
			d.Delivered = resp.StatusCode >= 200 && resp.StatusCode < 300
			retry = resp.StatusCode == 408 || resp.StatusCode == 429 || resp.StatusCode >= 500
		}
		if d.Delivered || !retry || d.Attempts == maxAttempts {
			break
		}
		if wait > 0 {
			time.Sleep(wait)
			wait = min(wait*2, 2*time.Second)
		}
	}
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
}

// WaitDeliveries waits until every emitted webhook has been delivered or
// has used its attempts.
func (s *Server) WaitDeliveries() { s.hookWG.Wait() }

// Deliveries returns the finished webhook deliveries, in order of completion.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Delivery, len(s.deliveries))
	for i, d := range s.deliveries {
		d.Body = bytes.Clone(d.Body)
		out[i] = d
	}
	return out
}
