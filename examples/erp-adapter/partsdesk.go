package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/partsync/partsync-go/servicemobility"
)

// Parts Ordering Response Status codes the adapter answers with.
// ServiceMobility does not publish its list of Status values; its docs use
// "2001" as the example of an order that failed, so the adapter answers
// "2001" when a part could not be sourced and "0" when every part was.
const (
	statusAllSourced    servicemobility.Status = "0"
	statusNotAllSourced servicemobility.Status = "2001"
)

// partsDesk answers ServiceMobility's parts orders from the ERP: a part is
// taken from ERP stock when a storage location has enough, otherwise
// ordered from the SPR branch with the most stock (as the SPR job last
// recorded it), otherwise reported unavailable. Every order is written to
// the ERP before the answer goes back.
type partsDesk struct {
	a *adapter
}

// SubmitPartsOrder implements servicemobility.PartsOrderingService.
func (p *partsDesk) SubmitPartsOrder(_ context.Context, o *servicemobility.PartsOrder) (*servicemobility.PartsOrderResponse, error) {
	now := p.a.now().UTC()
	var resp *servicemobility.PartsOrderResponse
	err := p.a.erp.Update(func(d *Data) error {
		so := &ServiceOrder{Number: fmt.Sprintf("SM-%05d", len(d.ServiceOrders)+1), WorkOrder: o.WorkOrder,
			Account: o.AccountNum, Technician: o.UserName, ReceivedAt: now}
		fromERP := servicemobility.Order{PartOrderNum: so.Number + "-ERP", EstimatedDelivery: now.Add(4 * time.Hour)}
		fromSPR := servicemobility.Order{PartOrderNum: so.Number + "-SPR", EstimatedDelivery: now.Add(48 * time.Hour)}
		var missing servicemobility.Order
		for _, part := range o.Parts {
			qty := part.Qty.Float64()
			if part.Qty.IsZero() {
				qty = 1
			}
			m := findPart(d, part.ProdNum)
			line := ServiceOrderLine{Part: part.ProdNum, Quantity: qty, Source: "unavailable"}
			out := servicemobility.OrderedPart{ProdNum: part.ProdNum, Qty: servicemobility.DecimalFromFloat(qty),
				ShipToLocation: part.ShipToLocation, Urgency: part.Urgency}
			if m != nil {
				out.ProdAttrs = servicemobility.ProdAttrs{Desc: m.Description, IsInvCtrl: true}
				if m.SPR != nil && m.SPR.Price != nil {
					out.ProdAttrs.Price = servicemobility.DecimalFromFloat(m.SPR.Price.Value)
				}
			}
			switch loc, branch := source(m, qty, o.Location.StorageLocationID); {
			case loc != "":
				take(m, loc, qty)
				d.LogChange(EntityMaterial, m.Number, "servicemobility", now)
				line.Source = "erp:" + loc
				out.PartStatus = "Picked from ERP stock at " + loc
				fromERP.Parts = append(fromERP.Parts, out)
			case branch != "":
				line.Source = "spr:" + branch
				out.PartStatus = "Ordered from SPR Automotive, branch " + branch
				fromSPR.Parts = append(fromSPR.Parts, out)
			default:
				out.PartStatus = "Not available"
				missing.Parts = append(missing.Parts, out)
			}
			so.Lines = append(so.Lines, line)
		}
		d.ServiceOrders = append(d.ServiceOrders, so)

		resp = &servicemobility.PartsOrderResponse{Status: statusAllSourced, StatusMsg: "All parts sourced (ERP order " + so.Number + ")"}
		for _, ord := range []servicemobility.Order{fromERP, fromSPR, missing} {
			if len(ord.Parts) > 0 {
				resp.Orders = append(resp.Orders, ord)
			}
		}
		if len(missing.Parts) > 0 {
			var names []string
			for _, mp := range missing.Parts {
				names = append(names, mp.ProdNum)
			}
			resp.Status = statusNotAllSourced
			resp.StatusMsg = fmt.Sprintf("ERP order %s: not available: %s", so.Number, strings.Join(names, ", "))
		}
		return nil
	})
	if err != nil {
		// A 500 with the reason, as the interface asks.
		return nil, err
	}
	return resp, nil
}

// findPart matches a ServiceMobility product number against the ERP's
// material numbers, then against manufacturer part numbers.
func findPart(d *Data, prodNum string) *Material {
	if m := d.Material(prodNum); m != nil {
		return m
	}
	for _, m := range d.Materials {
		if m.MPN != "" && strings.EqualFold(m.MPN, prodNum) {
			return m
		}
	}
	return nil
}

// source picks an ERP storage location with qty on hand (the requested one
// first), else the SPR branch with the most stock if it covers qty.
func source(m *Material, qty float64, preferred string) (location, branch string) {
	if m == nil {
		return "", ""
	}
	for _, s := range m.Stock {
		if s.Location == preferred && s.Quantity >= qty {
			return s.Location, ""
		}
	}
	for _, s := range m.Stock {
		if s.Quantity >= qty {
			return s.Location, ""
		}
	}
	if m.SPR != nil {
		best := -1
		for i, s := range m.SPR.Stock {
			if float64(s.Quantity) >= qty && (best < 0 || s.Quantity > m.SPR.Stock[best].Quantity) {
				best = i
			}
		}
		if best >= 0 {
			return "", m.SPR.Stock[best].BranchName
		}
	}
	return "", ""
}

func take(m *Material, location string, qty float64) {
	for i := range m.Stock {
		if m.Stock[i].Location == location {
			m.Stock[i].Quantity -= qty
		}
	}
}
