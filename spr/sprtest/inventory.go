package sprtest

import (
	"fmt"
	"math/rand/v2"

	"github.com/partsync/partsync-go/spr"
)

var warehouses = []string{
	"ZZ1 - Zona Franca Parque Industrial Zeta La Union, S.A.",
	"ZZ2 - Almacenadora Integrada, S.A.",
	"ZZ3 - Almacenes de Depósito del Pacífico, S.A.",
}

var goods = map[string][]string{
	"rodatech": {"MAZA DE RUEDA", "BALERO DE MAZA", "KIT DE DISTRIBUCION"},
	"partech":  {"BOMBA DE CLUTCH", "PASTILLAS DE FRENOS", "CILINDRO DE RUEDA"},
	"shark":    {"AMORTIGUADOR", "ROTULA"},
}

// generateInventory builds each enterprise's records from a fixed seed, with
// the vendor's string shapes ("6.0", "2023-10-31 00:00:00.000", "C20").
func generateInventory() map[string][]spr.InventoryRecord {
	rng := rand.New(rand.NewPCG(7, 0x1a7e))
	counts := map[string]int{"rodatech": 250, "partech": 120, "shark": 35}
	out := map[string][]spr.InventoryRecord{}
	for _, ent := range []string{"rodatech", "partech", "shark"} {
		recs := make([]spr.InventoryRecord, 0, counts[ent])
		for i := range counts[ent] {
			item := goods[ent][rng.IntN(len(goods[ent]))]
			desc := fmt.Sprintf("%d %s", 100000+rng.IntN(900000), item)
			in := 1 + rng.IntN(20)
			outQty := rng.IntN(in + 1)
			month, day := 1+rng.IntN(12), 1+rng.IntN(28)
			rec := spr.InventoryRecord{
				"NOMBRECINTO":        warehouses[rng.IntN(len(warehouses))],
				"CORRELATIVODUCAING": fmt.Sprintf("SAT-ZZ1-%d-2023", 100+i),
				"NUMORDENDUCA":       "",
				"CONSIGNATARIO":      "AH GUATEMALA, SOCIEDAD ANONIMA",
				"FECHAINGRECINTO":    fmt.Sprintf("2023-%02d-%02d 00:00:00.000", month, day),
				"PLACAS":             "",
				"NUMCONTENEDOR":      "",
				"CARTACUPO":          "",
				"DESCMERCAINGRESO":   desc,
				"CANTBULTOSING":      fmt.Sprintf("%d.0", in),
				"NUMLOTEEGRESO":      "",
				"DUA":                "",
				"DESCMERCAENGRESO":   desc,
				"BULTOSEGRESO":       fmt.Sprintf("%d.0", outQty),
				"INVBULTOS":          fmt.Sprintf("%d.0", in-outQty),
				"NUMORDEN":           "",
				"IMPUESTOS":          fmt.Sprintf("%.16f", float64(rng.IntN(100000))/10000),
				"UBICACIONBODEGA":    fmt.Sprintf("%d-%d", 1+rng.IntN(40), 1+rng.IntN(40)),
				"OBSBODEGA":          item,
				"FECHAABANDONO":      "C20",
				"ESTATUS":            "C21",
			}
			if outQty > 0 {
				rec["NUMLOTEEGRESO"] = fmt.Sprintf("327-%07d-%04d-0780-23", rng.IntN(10000000), rng.IntN(10000))
			}
			if rng.IntN(3) == 0 {
				rec["FECHAABANDONO"] = fmt.Sprintf("2024-%02d-%02d 00:00:00.000", month, day)
			}
			recs = append(recs, rec)
		}
		out[ent] = recs
	}
	return out
}
