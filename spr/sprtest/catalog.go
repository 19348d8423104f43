package sprtest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/partsync/partsync-go/spr"
)

// The generated catalog is built from fixed tables and a seeded generator:
// the same seed always gives the same products, in the same order.

type vehicleMake struct {
	name   string
	weight int
	models []string
}

var makes = []vehicleMake{
	{"FORD", 24, []string{"FIESTA", "FOCUS", "RANGER", "ESCAPE", "F-150"}},
	{"CHEVROLET", 20, []string{"AVEO", "SPARK", "SILVERADO", "MALIBU", "CRUZE"}},
	{"NISSAN", 16, []string{"TSURU", "SENTRA", "VERSA", "TIIDA", "NP300"}},
	{"VOLKSWAGEN", 12, []string{"JETTA", "GOL", "VENTO", "POLO"}},
	{"TOYOTA", 10, []string{"COROLLA", "HILUX", "YARIS"}},
	{"HONDA", 7, []string{"CIVIC", "ACCORD", "CR-V"}},
	{"DODGE", 6, []string{"ATTITUDE", "RAM 1500", "NEON"}},
	{"MAZDA", 5, []string{"MAZDA 3", "PROTEGE", "CX-5"}},
}

type productKind struct {
	line                       *spr.Line
	prefix                     string
	singular, plural, keywords string
	basePrice                  float64
	props                      []string
}

var (
	rodatech = &spr.Line{NameShort: "rodatech", NameLong: "Rodatech Automotive", Description: "Mazas, distribución y rodamientos"}
	partech  = &spr.Line{NameShort: "partech", NameLong: "Partech", Description: "Autopartes hidráulicas y sistema de frenado"}
	shark    = &spr.Line{NameShort: "shark", NameLong: "Shark Suspensión", Description: "Suspensión y dirección"}
)

var kinds = []productKind{
	{rodatech, "RT-51", "Maza de Rueda", "Mazas de Rueda", "maza mazas rueda masa hub", 889.85, []string{"Número de birlos", "Diámetro exterior"}},
	{rodatech, "RT-52", "Balero de Maza", "Baleros de Maza", "cojinete cojinetes rodamiento rodamientos", 412.30, []string{"Diámetro exterior", "Diámetro interior"}},
	{rodatech, "RT-53", "Kit de Distribución", "Kits de Distribución", "banda tiempo distribucion tensor", 1540.00, []string{"Número de dientes"}},
	{partech, "PC1", "Pastillas de Frenos", "Pastillas de Frenos", "balatas balata frenos pastillas", 326.94, []string{"Largo", "Espesor"}},
	{partech, "PT-11", "Bomba de Clutch", "Bombas de Clutch", "clutch embrague bomba", 455.10, []string{"Diámetro de pistón"}},
	{partech, "PT-12", "Cilindro de Rueda", "Cilindros de Rueda", "cilindro frenos tambor", 198.75, []string{"Diámetro de pistón"}},
	{shark, "SK-21", "Amortiguador", "Amortiguadores", "suspension amortiguador gas", 720.40, []string{"Tipo", "Largo extendido"}},
	{shark, "SK-22", "Rótula", "Rótulas", "rotula suspension horquilla", 265.60, []string{"Tipo"}},
}

var engines = []string{"L4 1.6L", "L4 1.8L", "L4 2.0L", "L4 2.5L", "V6 3.5L", "V8 5.0L"}

var branches = []spr.Stock{
	{BranchID: 1, BranchName: "Fresnillo, Zac"},
	{BranchID: 2, BranchName: "CDMX"},
	{BranchID: 3, BranchName: "Guadalajara, Jal"},
	{BranchID: 4, BranchName: "Monterrey, NL"},
}

var oemMakers = []string{"FORD", "GM", "NISSAN", "VW", "TOYOTA"}
var sellers = []string{"MOOG", "TIMKEN", "SKF", "BOSCH", "MONROE"}

// generateCatalog builds n products from seed.
func generateCatalog(n int, seed uint64) []spr.Product {
	rng := rand.New(rand.NewPCG(seed, 0x5eed5e7))
	out := make([]spr.Product, 0, n)
	for i := range n {
		out = append(out, generateProduct(rng, i))
	}
	return out
}

func pickMake(rng *rand.Rand) vehicleMake {
	total := 0
	for _, m := range makes {
		total += m.weight
	}
	r := rng.IntN(total)
	for _, m := range makes {
		if r < m.weight {
			return m
		}
		r -= m.weight
	}
	return makes[0]
}

func generateProduct(rng *rand.Rand, i int) spr.Product {
	k := kinds[rng.IntN(len(kinds))]
	code := fmt.Sprintf("%s%04d", k.prefix, 1000+i)
	position := []string{"DEL", "TRAS"}[rng.IntN(2)]
	apps := map[string]map[string][]spr.Application{}
	var first spr.Application
	for j := range 1 + rng.IntN(4) {
		mk := pickMake(rng)
		model := mk.models[rng.IntN(len(mk.models))]
		from := 2000 + rng.IntN(19)
		to := min(from+4+rng.IntN(11), 2024)
		a := spr.Application{
			Make: mk.name, Model: model, Year: fmt.Sprintf("%d-%d", from, to),
			Engine: engines[rng.IntN(len(engines))], FuelType: "GAS",
			DriveType: []string{"FWD", "RWD", "4WD"}[rng.IntN(3)], Position: position,
		}
		if j == 0 {
			first = a
		}
		if apps[mk.name] == nil {
			apps[mk.name] = map[string][]spr.Application{}
		}
		apps[mk.name][model] = append(apps[mk.name][model], a)
	}
	from, to, _ := first.Years()
	desc := fmt.Sprintf("%s %s. %s %s %s %02d-%02d", strings.ToUpper(k.singular), position, first.DriveType,
		first.Make, first.Model, from%100, to%100)

	list := math.Round(k.basePrice*(0.7+0.6*rng.Float64())*100) / 100
	customer := math.Round(list*(0.8+0.2*rng.Float64())*100) / 100
	stock := make([]spr.Stock, 0, len(branches))
	for _, b := range branches {
		b.Quantity = rng.IntN(200)
		stock = append(stock, b)
	}
	props := make([]spr.Property, 0, len(k.props))
	for _, name := range k.props {
		props = append(props, spr.Property{Name: name, Content: fmt.Sprint(20 + rng.IntN(80))})
	}
	oems := []spr.CrossReference{{Code: fmt.Sprintf("%X-%04d-%c", rng.Uint32()&0xFFFFF, rng.IntN(10000), 'A'+rune(rng.IntN(6))), Make: oemMakers[rng.IntN(len(oemMakers))]}}
	inter := []spr.CrossReference{{Code: fmt.Sprintf("%s%06d", strings.ToUpper(sellers[i%len(sellers)][:2]), rng.IntN(1000000)), Make: sellers[i%len(sellers)]}}
	return spr.Product{
		Code:                code,
		DetailedDescription: desc,
		PictureURL:          "https://sprautomotive.com/storage/products/" + code + ".jpg",
		Price00:             &spr.Price{Value: list, Prefix: "$", Sufix: "MXN"},
		Price01:             &spr.Price{Value: customer, Prefix: "$", Sufix: "MXN"},
		Stock:               stock,
		Apps:                apps,
		Category:            &spr.Category{Singular: k.singular, Plural: k.plural, Keywords: k.keywords, Line: k.line},
		Props:               props,
		OEMs:                oems,
		Interchanges:        inter,
	}
}
