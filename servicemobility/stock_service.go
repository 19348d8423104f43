package servicemobility

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// Inventory is the stock NewStockService orders from: an in-memory one
// (MemoryInventory) or an ERP's. Implementations must be safe for
// concurrent use.
type Inventory interface {
	// Lookup describes prodNum; ok is false when the part is unknown.
	Lookup(ctx context.Context, prodNum string) (item StockItem, ok bool, err error)
	// Take removes up to qty of prodNum from stock and returns how much it
	// removed (between 0 and qty). The rest is back-ordered.
	Take(ctx context.Context, prodNum string, qty float64) (taken float64, err error)
}

// StockItem describes a part of an Inventory.
type StockItem struct {
	ProdNum string
	// Attrs is sent back as the part's ProdAttrs.
	Attrs ProdAttrs
	// ReplacedBy names the part that supersedes this one: an order for this
	// part is filled with that part, listing this one in SupersededParts.
	ReplacedBy string
	// RestockLead is how long a back order of this part takes to arrive;
	// 0 means StockConfig.BackorderLead.
	RestockLead time.Duration
}

// StockConfig configures NewStockService. The zero value is usable.
type StockConfig struct {
	// ShipLead is when parts in stock arrive (default one day).
	ShipLead time.Duration
	// BackorderLead is when back-ordered parts arrive unless the item says
	// otherwise (default seven days).
	BackorderLead time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// OrderNumber names an order (delivery); default "SO-000001", counting up.
	OrderNumber func(ctx context.Context, o *PartsOrder) string
	// The Status values the service answers with. ServiceMobility does not
	// publish its values; the defaults are this SDK's choice: "1000" every
	// part ordered (some possibly back-ordered), "1001" some parts not
	// ordered, "2001" nothing ordered (the vendor's example failure code).
	StatusOrdered, StatusPartial, StatusNotOrdered Status
}

// NewStockService is a PartsOrderingService that fills orders from inv: what
// is in stock ships in one order (delivery), what is short is back-ordered in
// further orders by arrival date, and a superseded part is replaced by its
// successor. Unknown parts and quantities that are not positive are not
// ordered and named in StatusMsg, so every requested part is accounted for.
// Any Command is treated as "place order".
func NewStockService(inv Inventory, cfg StockConfig) PartsOrderingService {
	if cfg.ShipLead <= 0 {
		cfg.ShipLead = 24 * time.Hour
	}
	if cfg.BackorderLead <= 0 {
		cfg.BackorderLead = 7 * 24 * time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.OrderNumber == nil {
		var n atomic.Int64
		cfg.OrderNumber = func(context.Context, *PartsOrder) string { return fmt.Sprintf("SO-%06d", n.Add(1)) }
	}
	if cfg.StatusOrdered == "" {
		cfg.StatusOrdered = "1000"
	}
	if cfg.StatusPartial == "" {
		cfg.StatusPartial = "1001"
	}
	if cfg.StatusNotOrdered == "" {
		cfg.StatusNotOrdered = "2001"
	}
	return &stockService{inv: inv, cfg: cfg}
}

type stockService struct {
	inv Inventory
	cfg StockConfig
}

// maxSupersession bounds a chain of replacements (and breaks cycles).
const maxSupersession = 16

// SubmitPartsOrder fills o from stock.
func (s *stockService) SubmitPartsOrder(ctx context.Context, o *PartsOrder) (*PartsOrderResponse, error) {
	now := s.cfg.Now()
	shipped := Order{EstimatedDelivery: now.Add(s.cfg.ShipLead)}
	backOrders := map[time.Duration]*Order{}
	var notOrdered []string
	ordered := 0
	for i, p := range o.Parts {
		qty := p.Qty.Float64()
		if p.ProdNum == "" || !(qty > 0) {
			notOrdered = append(notOrdered, fmt.Sprintf("line %d (%s): quantity %q is not a positive number", i+1, nonEmpty(p.ProdNum), p.Qty))
			continue
		}
		item, superseded, err := s.resolve(ctx, p.ProdNum)
		if err != nil {
			return nil, err
		}
		if item == nil {
			notOrdered = append(notOrdered, fmt.Sprintf("line %d (%s): unknown part", i+1, p.ProdNum))
			continue
		}
		taken, err := s.inv.Take(ctx, item.ProdNum, qty)
		if err != nil {
			return nil, fmt.Errorf("taking %s from stock: %w", item.ProdNum, err)
		}
		taken = min(max(taken, 0), qty)
		line := OrderedPart{ProdNum: item.ProdNum, ProdAttrs: item.Attrs, ShipToLocation: p.ShipToLocation, Urgency: p.Urgency}
		for _, old := range superseded {
			line.SupersededParts = append(line.SupersededParts, OrderedPart{
				ProdNum: old.ProdNum, ProdAttrs: old.Attrs, Qty: p.Qty, PartStatus: "Superseded by " + item.ProdNum,
			})
		}
		if taken > 0 {
			l := line
			l.Qty, l.PartStatus = quantity(p.Qty, taken, qty), "Shipped from stock"
			shipped.Parts = append(shipped.Parts, l)
		}
		if rest := qty - taken; rest > 0 {
			lead := item.RestockLead
			if lead <= 0 {
				lead = s.cfg.BackorderLead
			}
			bo := backOrders[lead]
			if bo == nil {
				bo = &Order{EstimatedDelivery: now.Add(lead)}
				backOrders[lead] = bo
			}
			l := line
			l.Qty, l.PartStatus = quantity(p.Qty, rest, qty), "Back-ordered"
			bo.Parts = append(bo.Parts, l)
		}
		ordered++
	}

	resp := &PartsOrderResponse{}
	if len(shipped.Parts) > 0 {
		resp.Orders = append(resp.Orders, shipped)
	}
	leads := make([]time.Duration, 0, len(backOrders))
	for d := range backOrders {
		leads = append(leads, d)
	}
	slices.Sort(leads)
	for _, d := range leads {
		resp.Orders = append(resp.Orders, *backOrders[d])
	}
	for i := range resp.Orders {
		resp.Orders[i].PartOrderNum = s.cfg.OrderNumber(ctx, o)
	}

	switch {
	case ordered == 0:
		resp.Status = s.cfg.StatusNotOrdered
		resp.StatusMsg = "No parts ordered"
	case len(notOrdered) > 0:
		resp.Status = s.cfg.StatusPartial
		resp.StatusMsg = fmt.Sprintf("%d of %d lines ordered", ordered, len(o.Parts))
	default:
		resp.Status = s.cfg.StatusOrdered
		resp.StatusMsg = fmt.Sprintf("%s ordered in %s", plural(ordered, "line"), plural(len(resp.Orders), "delivery"))
	}
	if len(notOrdered) > 0 {
		resp.StatusMsg += "; not ordered: " + strings.Join(notOrdered, "; ")
	}
	return resp, nil
}

// resolve follows ReplacedBy from prodNum to the part that is supplied; it
// returns nil when prodNum is unknown, and the replaced parts in order.
func (s *stockService) resolve(ctx context.Context, prodNum string) (*StockItem, []StockItem, error) {
	var chain []StockItem
	seen := map[string]bool{}
	for range maxSupersession {
		item, ok, err := s.inv.Lookup(ctx, prodNum)
		if err != nil {
			return nil, nil, fmt.Errorf("looking up %s: %w", prodNum, err)
		}
		if !ok {
			if len(chain) > 0 {
				return nil, nil, fmt.Errorf("%s is replaced by %s, which is unknown", chain[len(chain)-1].ProdNum, prodNum)
			}
			return nil, nil, nil
		}
		if item.ProdNum == "" {
			item.ProdNum = prodNum
		}
		if item.ReplacedBy == "" || seen[item.ReplacedBy] {
			return &item, chain, nil
		}
		seen[prodNum] = true
		chain = append(chain, item)
		prodNum = item.ReplacedBy
	}
	return nil, nil, fmt.Errorf("supersession of %s is longer than %d parts", chain[0].ProdNum, maxSupersession)
}

// quantity keeps the requested text when the whole quantity is in one line.
func quantity(requested Decimal, part, whole float64) Decimal {
	if part == whole {
		return requested
	}
	return DecimalFromFloat(part)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func nonEmpty(s string) string {
	if s == "" {
		return "no part number"
	}
	return s
}
