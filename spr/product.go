package spr

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Product is one product as Products.Get returns it. Which fields arrive
// depends on the web user's permissions; a field the user may not read is
// absent and stays nil here, while a readable but empty list is non-nil and
// empty:
//
//   - Price00 (list price): price read and a telemarketing account
//   - Price01 (the user's price): price read
//   - Stock: stock read, and only the branches enabled for the user
//   - Apps: application read
//   - Props, OEMs, Interchanges: attribute, OEM and conversion read
type Product struct {
	// Code is the product code, e.g. "RT-510056".
	Code string
	// DetailedDescription is the product's most relevant information.
	DetailedDescription string
	// PictureURL is the product's main picture on the vendor's server.
	PictureURL string
	// Price00 is the list (base) price.
	Price00 *Price
	// Price01 is the price for the authenticated customer.
	Price01 *Price
	// Stock is the quantity available per branch.
	Stock []Stock
	// Apps is the vehicle compatibility tree: make, then model, then vehicles,
	// e.g. Apps["FORD"]["FIESTA"].
	Apps map[string]map[string][]Application
	// Category is the product's category and line.
	Category *Category
	// Props are the product's attributes ("Diámetro exterior": "72").
	Props []Property
	// OEMs are the vehicle manufacturers' part numbers.
	OEMs []CrossReference
	// Interchanges are other sellers' equivalent part numbers.
	Interchanges []CrossReference
}

// ProductSummary is a product as the catalog and the search list it: the
// product without Apps, Props and Interchanges.
type ProductSummary struct {
	// The fields mean what they mean in Product.
	Code                string
	DetailedDescription string
	PictureURL          string
	Price00             *Price
	Price01             *Price
	Stock               []Stock
	Category            *Category
	OEMs                []CrossReference
}

// Summary is the product as a catalog or search item.
func (p Product) Summary() ProductSummary {
	return ProductSummary{
		Code: p.Code, DetailedDescription: p.DetailedDescription, PictureURL: p.PictureURL,
		Price00: p.Price00, Price01: p.Price01, Stock: p.Stock, Category: p.Category, OEMs: p.OEMs,
	}
}

// TotalStock is the sum of Stock over the branches the user may see.
func (p ProductSummary) TotalStock() int { return totalStock(p.Stock) }

// TotalStock is the sum of Stock over the branches the user may see.
func (p Product) TotalStock() int { return totalStock(p.Stock) }

func totalStock(st []Stock) int {
	n := 0
	for _, s := range st {
		n += s.Quantity
	}
	return n
}

// Price is an amount with its currency, as the vendor sends it.
type Price struct {
	// Value is the amount.
	Value float64
	// Prefix is the currency symbol, e.g. "$".
	Prefix string
	// Sufix is the ISO currency code, e.g. "MXN" (the vendor's spelling).
	Sufix string
	// Factor, when sent, is the conversion factor to the local currency.
	Factor *float64
}

// String formats the price as the vendor's site shows it: "$889.85 MXN".
func (p Price) String() string {
	s := p.Prefix + strconv.FormatFloat(p.Value, 'f', 2, 64)
	if p.Sufix != "" {
		s += " " + p.Sufix
	}
	return s
}

// Stock is the quantity of a product in one branch.
type Stock struct {
	// BranchID identifies the branch.
	BranchID int
	// BranchName is the branch's name, e.g. "Monterrey, NL".
	BranchName string
	// Quantity is the number of pieces available there.
	Quantity int
}

// Application is one vehicle a product fits.
type Application struct {
	// Make and Model name the vehicle, e.g. "FORD", "FIESTA".
	Make, Model string
	// Year is a year or a range as sent, e.g. "2003-2013".
	Year string
	// Engine is e.g. "L4 1.6L".
	Engine string
	// FuelType is e.g. "GAS" (the vendor's "fueltype").
	FuelType string
	// DriveType is e.g. "FWD" (the vendor's "drivetype").
	DriveType string
	// Position is where on the vehicle, e.g. "DEL" (front).
	Position string
}

// Years parses Year: "2003-2013" is 2003 to 2013, "2011" is 2011 to 2011.
func (a Application) Years() (from, to int, err error) {
	first, last, isRange := strings.Cut(strings.TrimSpace(a.Year), "-")
	if from, err = strconv.Atoi(strings.TrimSpace(first)); err != nil {
		return 0, 0, fmt.Errorf("spr: application year %q is not a year or range", a.Year)
	}
	if !isRange {
		return from, from, nil
	}
	if to, err = strconv.Atoi(strings.TrimSpace(last)); err != nil {
		return 0, 0, fmt.Errorf("spr: application year %q is not a year or range", a.Year)
	}
	return from, to, nil
}

// Fits reports whether the application covers year.
func (a Application) Fits(year int) bool {
	from, to, err := a.Years()
	return err == nil && from <= year && year <= to
}

// Category is a product's category, in the region's language.
type Category struct {
	Singular, Plural string
	// Keywords are words that identify the category, space separated.
	Keywords string
	Line     *Line
}

// Line is the product line (brand) a category belongs to.
type Line struct {
	// NameShort is the line's identifier, e.g. "rodatech".
	NameShort string
	// NameLong is its descriptive name, e.g. "Rodatech Automotive".
	NameLong    string
	Description string
}

// Property is one product attribute.
type Property struct {
	Name, Content string
}

// CrossReference is another manufacturer's code for the product: an OEM
// number or an interchange. On the wire the maker is {"make": {"value": ...}}.
type CrossReference struct {
	// Code is the other manufacturer's part number.
	Code string
	// Make is that manufacturer ("make.value" on the wire).
	Make string
}

// The wire shapes, decoded leniently and copied into the public types.

type wirePrice struct {
	Value  flexFloat  `json:"value"`
	Prefix flexString `json:"prefix"`
	Sufix  flexString `json:"sufix"`
	Factor *flexFloat `json:"factor"`
}

// UnmarshalJSON decodes the vendor's price object.
func (p *Price) UnmarshalJSON(b []byte) error {
	var w wirePrice
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*p = Price{Value: float64(w.Value), Prefix: string(w.Prefix), Sufix: string(w.Sufix)}
	if w.Factor != nil {
		f := float64(*w.Factor)
		p.Factor = &f
	}
	return nil
}

// MarshalJSON encodes the vendor's price object (with "sufix").
func (p Price) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Value  float64  `json:"value"`
		Prefix string   `json:"prefix"`
		Sufix  string   `json:"sufix"`
		Factor *float64 `json:"factor,omitempty"`
	}{p.Value, p.Prefix, p.Sufix, p.Factor})
}

// UnmarshalJSON decodes the vendor's stock object.
func (s *Stock) UnmarshalJSON(b []byte) error {
	var w struct {
		BranchID   flexInt    `json:"branch_id"`
		BranchName flexString `json:"branch_name"`
		Quantity   flexInt    `json:"quantity"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = Stock{BranchID: int(w.BranchID), BranchName: string(w.BranchName), Quantity: int(w.Quantity)}
	return nil
}

// MarshalJSON encodes the vendor's stock object.
func (s Stock) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		BranchID   int    `json:"branch_id"`
		BranchName string `json:"branch_name"`
		Quantity   int    `json:"quantity"`
	}{s.BranchID, s.BranchName, s.Quantity})
}

type wireApplication struct {
	Make      flexString `json:"make"`
	Model     flexString `json:"model"`
	Year      flexString `json:"year"`
	Engine    flexString `json:"engine"`
	FuelType  flexString `json:"fueltype"`
	DriveType flexString `json:"drivetype"`
	Position  flexString `json:"position"`
}

// UnmarshalJSON decodes the vendor's application object.
func (a *Application) UnmarshalJSON(b []byte) error {
	var w wireApplication
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*a = Application{
		Make: string(w.Make), Model: string(w.Model), Year: string(w.Year), Engine: string(w.Engine),
		FuelType: string(w.FuelType), DriveType: string(w.DriveType), Position: string(w.Position),
	}
	return nil
}

// MarshalJSON encodes the vendor's application object.
func (a Application) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Make      string `json:"make"`
		Model     string `json:"model"`
		Year      string `json:"year"`
		Engine    string `json:"engine,omitempty"`
		FuelType  string `json:"fueltype,omitempty"`
		DriveType string `json:"drivetype,omitempty"`
		Position  string `json:"position,omitempty"`
	}{a.Make, a.Model, a.Year, a.Engine, a.FuelType, a.DriveType, a.Position})
}

type wireLine struct {
	NameShort   string `json:"name_short"`
	NameLong    string `json:"name_long"`
	Description string `json:"description"`
}

type wireCategory struct {
	Singular string    `json:"singular"`
	Plural   string    `json:"plural"`
	Keywords string    `json:"keywords,omitempty"`
	Line     *wireLine `json:"line,omitempty"`
}

// UnmarshalJSON decodes the vendor's category object.
func (c *Category) UnmarshalJSON(b []byte) error {
	var w wireCategory
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = Category{Singular: w.Singular, Plural: w.Plural, Keywords: w.Keywords}
	if w.Line != nil {
		c.Line = &Line{NameShort: w.Line.NameShort, NameLong: w.Line.NameLong, Description: w.Line.Description}
	}
	return nil
}

// MarshalJSON encodes the vendor's category object.
func (c Category) MarshalJSON() ([]byte, error) {
	w := wireCategory{Singular: c.Singular, Plural: c.Plural, Keywords: c.Keywords}
	if c.Line != nil {
		w.Line = &wireLine{c.Line.NameShort, c.Line.NameLong, c.Line.Description}
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes the vendor's property object.
func (p *Property) UnmarshalJSON(b []byte) error {
	var w struct {
		Name    flexString `json:"name"`
		Content flexString `json:"content"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*p = Property{Name: string(w.Name), Content: string(w.Content)}
	return nil
}

// MarshalJSON encodes the vendor's property object.
func (p Property) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name    string `json:"name"`
		Content string `json:"content"`
	}{p.Name, p.Content})
}

// UnmarshalJSON decodes {"code": ..., "make": {"value": ...}}; a plain
// string make is accepted too.
func (r *CrossReference) UnmarshalJSON(b []byte) error {
	var w struct {
		Code flexString      `json:"code"`
		Make json.RawMessage `json:"make"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = CrossReference{Code: string(w.Code)}
	if len(w.Make) == 0 || w.Make[0] != '{' {
		s, err := rawText(w.Make)
		r.Make = s
		return err
	}
	var mk struct {
		Value flexString `json:"value"`
	}
	if err := json.Unmarshal(w.Make, &mk); err != nil {
		return err
	}
	r.Make = string(mk.Value)
	return nil
}

// MarshalJSON encodes the vendor's {"code", "make": {"value"}} shape.
func (r CrossReference) MarshalJSON() ([]byte, error) {
	type mk struct {
		Value string `json:"value"`
	}
	return json.Marshal(struct {
		Code string `json:"code"`
		Make mk     `json:"make"`
	}{r.Code, mk{r.Make}})
}

// wireProduct is every documented product key; permission-dependent keys
// stay raw so that absent (nil) and empty are told apart.
type wireProduct struct {
	Code                flexString      `json:"code"`
	DetailedDescription string          `json:"detailed_description"`
	PictureURL          string          `json:"picture_url"`
	Price00             *Price          `json:"price_00"`
	Price01             *Price          `json:"price_01"`
	Stock               json.RawMessage `json:"stock"`
	Apps                json.RawMessage `json:"apps"`
	Applications        json.RawMessage `json:"applications"`
	Category            *Category       `json:"category"`
	Props               json.RawMessage `json:"props"`
	OEMs                json.RawMessage `json:"oems"`
	Interchanges        json.RawMessage `json:"interchanges"`
}

// UnmarshalJSON decodes the vendor's product object.
func (p *Product) UnmarshalJSON(b []byte) error {
	var w wireProduct
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	out := Product{
		Code: string(w.Code), DetailedDescription: w.DetailedDescription, PictureURL: w.PictureURL,
		Price00: w.Price00, Price01: w.Price01, Category: w.Category,
	}
	var err error
	if out.Stock, err = decodeList[Stock](w.Stock); err != nil {
		return fmt.Errorf("spr: product stock: %w", err)
	}
	// Quirk: the newer document calls the vehicle tree "apps", the older one
	// "applications"; either fills Apps.
	tree := w.Apps
	if isAbsent(tree) {
		tree = w.Applications
	}
	if out.Apps, err = decodeApps(tree); err != nil {
		return fmt.Errorf("spr: product apps: %w", err)
	}
	if out.Props, err = decodeList[Property](w.Props); err != nil {
		return fmt.Errorf("spr: product props: %w", err)
	}
	if out.OEMs, err = decodeList[CrossReference](w.OEMs); err != nil {
		return fmt.Errorf("spr: product oems: %w", err)
	}
	if out.Interchanges, err = decodeList[CrossReference](w.Interchanges); err != nil {
		return fmt.Errorf("spr: product interchanges: %w", err)
	}
	*p = out
	return nil
}

// UnmarshalJSON decodes a catalog or search item.
func (p *ProductSummary) UnmarshalJSON(b []byte) error {
	var full Product
	if err := full.UnmarshalJSON(b); err != nil {
		return err
	}
	*p = full.Summary()
	return nil
}

func isAbsent(b json.RawMessage) bool {
	return len(b) == 0 || string(b) == "null"
}

// decodeApps decodes the make -> model -> vehicles tree, tolerating PHP's
// [] for an empty level.
func decodeApps(b []byte) (map[string]map[string][]Application, error) {
	makes, err := decodeMap[json.RawMessage](b)
	if err != nil || makes == nil {
		return nil, err
	}
	out := make(map[string]map[string][]Application, len(makes))
	for mk, raw := range makes {
		models, err := decodeMap[json.RawMessage](raw)
		if err != nil {
			return nil, fmt.Errorf("make %q: %w", mk, err)
		}
		m := make(map[string][]Application, len(models))
		for model, list := range models {
			apps, err := decodeList[Application](list)
			if err != nil {
				return nil, fmt.Errorf("make %q model %q: %w", mk, model, err)
			}
			m[model] = apps
		}
		out[mk] = m
	}
	return out, nil
}

// MarshalJSON encodes the product in the vendor's shape (the tree under
// "apps"), leaving out the fields that are nil.
func (p Product) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Code                string                              `json:"code"`
		DetailedDescription string                              `json:"detailed_description,omitempty"`
		PictureURL          string                              `json:"picture_url,omitempty"`
		Apps                map[string]map[string][]Application `json:"apps,omitempty"`
		Price00             *Price                              `json:"price_00,omitempty"`
		Price01             *Price                              `json:"price_01,omitempty"`
		Stock               []Stock                             `json:"stock,omitempty"`
		Category            *Category                           `json:"category,omitempty"`
		Props               []Property                          `json:"props,omitempty"`
		OEMs                []CrossReference                    `json:"oems,omitempty"`
		Interchanges        []CrossReference                    `json:"interchanges,omitempty"`
	}{p.Code, p.DetailedDescription, p.PictureURL, p.Apps, p.Price00, p.Price01, p.Stock, p.Category, p.Props, p.OEMs, p.Interchanges})
}

// MarshalJSON encodes the item in the vendor's shape.
func (p ProductSummary) MarshalJSON() ([]byte, error) {
	return Product{
		Code: p.Code, DetailedDescription: p.DetailedDescription, PictureURL: p.PictureURL,
		Price00: p.Price00, Price01: p.Price01, Stock: p.Stock, Category: p.Category, OEMs: p.OEMs,
	}.MarshalJSON()
}
