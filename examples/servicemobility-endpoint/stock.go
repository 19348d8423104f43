package main

import (
	"time"

	"github.com/partsync/partsync-go/servicemobility"
)

// demoStock is the endpoint's warehouse. BLT-220 was replaced by BLT-221;
// PMP-300 is out of stock and takes two weeks to restock.
func demoStock() *servicemobility.MemoryInventory {
	inv := servicemobility.NewMemoryInventory()
	put := func(num, desc, price string, onHand float64, replacedBy string, lead time.Duration) {
		inv.Put(servicemobility.StockItem{
			ProdNum:     num,
			Attrs:       servicemobility.ProdAttrs{Desc: desc, Price: servicemobility.MustDecimal(price), ProdType: "1001", IsInvCtrl: true},
			ReplacedBy:  replacedBy,
			RestockLead: lead,
		}, onHand)
	}
	put("FLT-100", "Air filter", "12.50", 40, "", 0)
	put("GSK-140", "Door gasket", "7.95", 10, "", 0)
	put("BRG-510", "Drum bearing", "31.00", 4, "", 3*24*time.Hour)
	put("BLT-220", "Drive belt (old)", "18.00", 0, "BLT-221", 0)
	put("BLT-221", "Drive belt", "19.50", 25, "", 0)
	put("PMP-300", "Drain pump", "64.90", 0, "", 14*24*time.Hour)
	// The conformance check's sample order asks for these.
	put("P-100", "Filter", "5.00", 1000, "", 0)
	put("P-200", "Seal", "2.00", 1000, "", 0)
	return inv
}
