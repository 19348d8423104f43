package main

import (
	"github.com/partsync/partsync-go/spr"
	"github.com/partsync/partsync-go/spr/sprtest"
)

// newSPRFake starts the SPR fake with products for the sample ERP's
// automotive part numbers. The industrial parts (sensors, the timing belt
// kit) are deliberately not in SPR's catalog, as in real life.
func newSPRFake(a *adapter) *sprtest.Server {
	srv := sprtest.NewServer()
	price := func(v float64) *spr.Price { return &spr.Price{Value: v, Prefix: "$", Sufix: " MXN"} }
	stock := func(cdmx, mty, gdl int) []spr.Stock {
		return []spr.Stock{
			{BranchID: 1, BranchName: "CDMX", Quantity: cdmx},
			{BranchID: 2, BranchName: "Monterrey", Quantity: mty},
			{BranchID: 3, BranchName: "Guadalajara", Quantity: gdl},
		}
	}
	for _, p := range []spr.Product{
		{Code: "RT-510056", DetailedDescription: "Maza de rueda delantera", Price00: price(1890), Price01: price(1450.5), Stock: stock(14, 3, 0)},
		{Code: "DE-814", DetailedDescription: "Disco de freno ventilado delantero", Price00: price(980), Price01: price(760), Stock: stock(0, 22, 8)},
		{Code: "PC1269K", DetailedDescription: "Juego de balatas delanteras", Price00: price(1120), Price01: price(890), Stock: stock(40, 12, 5)},
		{Code: "RT-512490", DetailedDescription: "Maza de rueda trasera", Price00: price(2650), Price01: price(2300), Stock: stock(2, 0, 1)},
		// KT-4410 arrives through a SPARETECH creation intent in the same run.
		{Code: "KT-4410", DetailedDescription: "Kit de bomba de agua", Price00: price(1540), Price01: price(1215), Stock: stock(9, 4, 6)},
		{Code: "6S4Z-1215-B", DetailedDescription: "Birlo de rueda M12x1.5", Price00: price(45), Price01: price(35), Stock: stock(500, 260, 120)},
	} {
		srv.AddProduct(p)
	}
	return srv
}
