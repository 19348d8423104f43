package servicemobility

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/servicemobility/internal/oapi"
)

// PartsOrderingClient submits parts orders to ServiceMobility's Parts
// Ordering REST API, which passes them to the entity's Parts Ordering
// endpoint (PartsOrdering.EntityServiceURI) and relays its answer.
type PartsOrderingClient struct {
	c *Client

	urlOnce sync.Once
	url     string // the operation's URL, resolved once by the generated builder
	urlErr  error
}

// submitURL is where orders are posted. The generated builder parses and
// resolves the base URL on each call; its answer never changes, so it is
// asked once and each request parses only the result.
func (p *PartsOrderingClient) submitURL() (string, error) {
	p.urlOnce.Do(func() {
		req, err := oapi.NewSubmitPartsOrderRequestWithBody(p.c.base.String(), &oapi.SubmitPartsOrderParams{}, "application/json", nil)
		if err != nil {
			p.urlErr = err
			return
		}
		p.url = req.URL.String()
	})
	return p.url, p.urlErr
}

// Submit posts o to /seiapi/v3/mobile/PartsOrdering and returns the Parts
// Ordering Response Object. A 200 means "processed": read Status for whether
// parts were ordered. o is not modified; an unset Command is sent as
// CommandPlaceOrder.
//
// Submit is resent only after a 429 (a refusal before any work): a second
// POST could order the parts twice. When the connection fails after the order was sent, the error
// matches ErrOutcomeUnknown. The one exception is a 401, which means the
// order was refused, not placed: the client logs in again and sends it once
// more. Other failures are an *Error with the status and the endpoint's text.
func (p *PartsOrderingClient) Submit(ctx context.Context, o *PartsOrder) (*PartsOrderResponse, error) {
	if o == nil {
		return nil, apierror.Invalid(vendor, "PartsOrder", "must not be nil")
	}
	order := *o
	if order.Command == 0 {
		order.Command = CommandPlaceOrder
	}
	body, err := marshalOrder(&order)
	if err != nil {
		return nil, apierror.Invalid(vendor, "PartsOrder", "cannot be encoded: %v", err)
	}
	url, err := p.submitURL()
	if err != nil {
		return nil, fmt.Errorf("servicemobility: parts-ordering.submit: building the request: %w", err)
	}
	ctx = transport.WithOp(ctx, "parts-ordering.submit")
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("servicemobility: parts-ordering.submit: building the request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.c.stack.HTTPClient().Do(req)
	if err != nil {
		return nil, transport.AsError(err)
	}
	var out PartsOrderResponse
	if err := transport.DecodeJSON(resp, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
