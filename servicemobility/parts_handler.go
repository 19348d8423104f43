package servicemobility

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// PartsOrderingService places parts orders: it is what a customer writes to
// implement the Parts Ordering REST API Interface. Return a response with a
// Status for business outcomes (nothing in stock, unknown account: still a
// 200), ErrInvalidLogon for a 401, and any other error for a 500 whose text
// is the error's.
type PartsOrderingService interface {
	SubmitPartsOrder(ctx context.Context, o *PartsOrder) (*PartsOrderResponse, error)
}

// PartsOrderingFunc adapts a function to PartsOrderingService.
type PartsOrderingFunc func(ctx context.Context, o *PartsOrder) (*PartsOrderResponse, error)

// SubmitPartsOrder calls f.
func (f PartsOrderingFunc) SubmitPartsOrder(ctx context.Context, o *PartsOrder) (*PartsOrderResponse, error) {
	return f(ctx, o)
}

// NewPartsOrderingHandler serves the Parts Ordering REST API Interface: the
// endpoint configured in ServiceMobility as PartsOrdering.EntityServiceURI.
//
// It accepts POST only (405 with Allow: POST otherwise); with WithJWTSecret
// it verifies x-access-token (401 "Invalid Logon." when it fails); it
// decodes the Parts Ordering Object from a body of at most
// DefaultMaxBodyBytes (or WithMaxBodyBytes), rejecting anything after it;
// then it calls svc and answers 200 with the Parts Ordering Response Object.
// ErrInvalidLogon from svc is a 401. Everything else, a malformed order,
// an oversized body, a service error or a panic in svc, is a 500 with a
// text body describing the cause, as the interface asks.
func NewPartsOrderingHandler(svc PartsOrderingService, opts ...HandlerOption) http.Handler {
	return &partsHandler{svc: svc, cfg: newHandlerConfig(opts)}
}

type partsHandler struct {
	svc PartsOrderingService
	cfg *handlerConfig
}

// ServeHTTP implements the Parts Ordering REST API Interface.
func (h *partsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	log := h.cfg.log
	answered := false
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		// The panic value is not logged: it may hold anything, secrets included.
		log.LogAttrs(r.Context(), slog.LevelError, "servicemobility: parts ordering service panicked",
			slog.String("panic_type", fmt.Sprintf("%T", v)), slog.String("stack", string(debug.Stack())))
		if !answered {
			writeText(w, http.StatusInternalServerError, "internal error: the parts ordering service failed unexpectedly")
		}
	}()

	if r.Method != http.MethodPost {
		answered = true
		methodNotAllowed(w)
		return
	}
	ctx := r.Context()
	token := r.Header.Get("x-access-token")
	if h.cfg.verifyJWT {
		claims, err := verifyJWT(token, h.cfg.jwtKey)
		if err != nil {
			log.LogAttrs(ctx, slog.LevelWarn, "servicemobility: parts order refused: x-access-token not accepted",
				slog.String("reason", err.Error()))
			answered = true
			writeText(w, http.StatusUnauthorized, invalidLogonText)
			return
		}
		ctx = ContextWithClaims(ctx, claims)
	}
	if token != "" {
		ctx = context.WithValue(ctx, accessTokenKey{}, token)
	}

	order, status, msg := readOrder(w, r, h.cfg.maxBody)
	if status != 0 {
		log.LogAttrs(ctx, slog.LevelWarn, "servicemobility: parts order refused", slog.String("reason", msg))
		answered = true
		writeText(w, status, msg)
		return
	}

	resp, err := h.svc.SubmitPartsOrder(ctx, order)
	answered = true
	switch {
	case errors.Is(err, ErrInvalidLogon):
		log.LogAttrs(ctx, slog.LevelWarn, "servicemobility: parts order refused by the service: invalid logon")
		writeText(w, http.StatusUnauthorized, invalidLogonText)
		return
	case err != nil:
		log.LogAttrs(ctx, slog.LevelError, "servicemobility: parts ordering service failed", slog.String("error", err.Error()))
		writeText(w, http.StatusInternalServerError, "parts order failed: "+err.Error())
		return
	case resp == nil:
		log.LogAttrs(ctx, slog.LevelError, "servicemobility: parts ordering service returned no response")
		writeText(w, http.StatusInternalServerError, "parts order failed: the service returned no response")
		return
	}
	if err := writeJSON(w, resp); err != nil {
		log.LogAttrs(ctx, slog.LevelError, "servicemobility: parts order response not encodable", slog.String("error", err.Error()))
		writeText(w, http.StatusInternalServerError, "parts order failed: the response could not be encoded: "+err.Error())
		return
	}
	log.LogAttrs(ctx, slog.LevelDebug, "servicemobility: parts order processed",
		slog.String("status", string(resp.Status)), slog.Int("orders", len(resp.Orders)),
		slog.Int("parts", len(order.Parts)), slog.Duration("took", time.Since(start)))
}

// readOrder reads and decodes the body. A non-zero status is the answer to
// give, with its text.
func readOrder(w http.ResponseWriter, r *http.Request, limit int64) (*PartsOrder, int, string) {
	body, err := readBody(w, r, limit)
	if err != nil {
		return nil, http.StatusInternalServerError, err.Error()
	}
	order := new(PartsOrder)
	if err := decodeBody(body, order); err != nil {
		return nil, http.StatusInternalServerError, "malformed Parts Ordering Object: " + err.Error()
	}
	return order, 0, ""
}

func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, fmt.Errorf("request body too large: the limit is %d bytes", limit)
		}
		return nil, errors.New("the request body could not be read")
	}
	return body, nil
}

// decodeBody decodes one JSON object and nothing after it (json.Unmarshal
// rejects trailing data other than white space).
func decodeBody(body []byte, v any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return errors.New("the body is empty")
	}
	if trimmed[0] != '{' {
		return fmt.Errorf("expected a JSON object, got %s", describeJSON(trimmed))
	}
	return json.Unmarshal(trimmed, v)
}
