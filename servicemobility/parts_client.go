package servicemobility

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/internal/transport"
	"github.com/partsync/partsync-go/servicemobility/internal/oapi"
)

// PartsOrderingClient submits parts orders to ServiceMobility's Parts
// Ordering REST API, which passes them to the entity's Parts Ordering
// endpoint (PartsOrdering.EntityServiceURI) and relays its answer.
type PartsOrderingClient struct {
	c *Client
}

// Submit posts o to /seiapi/v3/mobile/PartsOrdering and returns the Parts
// Ordering Response Object. A 200 means "processed": read Status for whether
// parts were ordered. o is not modified; an unset Command is sent as
// CommandPlaceOrder.
//
// Submit is never retried automatically: a second POST could order the
// parts twice. When the connection fails after the order was sent, the error
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
	body, err := json.Marshal(order)
	if err != nil {
		return nil, apierror.Invalid(vendor, "PartsOrder", "cannot be encoded: %v", err)
	}
	req, err := oapi.NewSubmitPartsOrderRequestWithBody(p.c.base.String(), &oapi.SubmitPartsOrderParams{}, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("servicemobility: parts-ordering.submit: building the request: %w", err)
	}
	ctx = transport.WithOp(ctx, "parts-ordering.submit")
	resp, err := p.c.stack.HTTPClient().Do(req.WithContext(ctx))
	if err != nil {
		return nil, transport.AsError(err)
	}
	var out PartsOrderResponse
	if err := transport.DecodeJSON(resp, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
