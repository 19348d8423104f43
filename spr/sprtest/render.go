package sprtest

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/partsync/partsync-go/spr"
)

// renderProduct is the product as user u may see it: fields the user lacks
// the permission for are left out. Catalog and search items (full false)
// never carry apps, props or interchanges.
func (s *Server) renderProduct(p *spr.Product, u *User, full bool) map[string]any {
	m := map[string]any{"code": p.Code}
	if p.DetailedDescription != "" {
		m["detailed_description"] = p.DetailedDescription
	}
	if p.PictureURL != "" {
		m["picture_url"] = p.PictureURL
	}
	if p.Category != nil {
		m["category"] = p.Category
	}
	perm := u.Permissions
	if perm.ListPrice && p.Price00 != nil {
		m["price_00"] = s.renderPrice(p.Price00)
	}
	if perm.CustomerPrice && p.Price01 != nil {
		m["price_01"] = s.renderPrice(p.Price01)
	}
	if perm.Stock && p.Stock != nil {
		stock := []any{}
		for _, st := range p.Stock {
			if u.Branches == nil || slices.Contains(u.Branches, st.BranchID) {
				stock = append(stock, map[string]any{"branch_id": s.num(st.BranchID), "branch_name": st.BranchName, "quantity": s.num(st.Quantity)})
			}
		}
		m["stock"] = stock
	}
	if perm.OEMs && p.OEMs != nil {
		m["oems"] = p.OEMs
	}
	if !full {
		return m
	}
	if perm.Apps && p.Apps != nil {
		m[s.appsKey] = p.Apps
	}
	if perm.Props && p.Props != nil {
		m["props"] = p.Props
	}
	if perm.Interchanges && p.Interchanges != nil {
		m["interchanges"] = p.Interchanges
	}
	return m
}

func (s *Server) renderPrice(p *spr.Price) map[string]any {
	m := map[string]any{"value": p.Value, "prefix": p.Prefix, "sufix": p.Sufix}
	if s.strNums {
		m["value"] = strconv.FormatFloat(p.Value, 'f', 2, 64)
	}
	if p.Factor != nil {
		m["factor"] = *p.Factor
	}
	return m
}

// catalogMatches are the indexes of the products that fit the vehicle: one
// application with that make, model (when given) and year, in the category
// (when given). Make, model and category ignore case. The caller holds s.mu.
func (s *Server) catalogMatches(year int, mk, model, category string) []int {
	mk, model, category = strings.TrimSpace(mk), strings.TrimSpace(model), strings.TrimSpace(category)
	var out []int
	for i := range s.products {
		p := &s.products[i]
		if category != "" && !inCategory(p.Category, category) {
			continue
		}
		if fits(p, year, mk, model) {
			out = append(out, i)
		}
	}
	return out
}

func fits(p *spr.Product, year int, mk, model string) bool {
	for _, models := range p.Apps {
		for _, apps := range models {
			for _, a := range apps {
				if strings.EqualFold(a.Make, mk) && (model == "" || strings.EqualFold(a.Model, model)) && a.Fits(year) {
					return true
				}
			}
		}
	}
	return false
}

func inCategory(c *spr.Category, q string) bool {
	if c == nil {
		return false
	}
	if strings.EqualFold(c.Singular, q) || strings.EqualFold(c.Plural, q) {
		return true
	}
	if c.Line != nil && (strings.EqualFold(c.Line.NameShort, q) || strings.EqualFold(c.Line.NameLong, q)) {
		return true
	}
	return false
}

// searchMatches are the indexes of the products whose text contains every
// term, ignoring case. The caller holds s.mu.
func (s *Server) searchMatches(terms string) []int {
	words := strings.Fields(strings.ToLower(terms))
	var out []int
	for i := range s.products {
		text := searchText(&s.products[i])
		ok := len(words) > 0
		for _, w := range words {
			if !strings.Contains(text, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return out
}

func searchText(p *spr.Product) string {
	parts := []string{p.Code, p.DetailedDescription}
	if c := p.Category; c != nil {
		parts = append(parts, c.Singular, c.Plural, c.Keywords)
		if c.Line != nil {
			parts = append(parts, c.Line.NameShort, c.Line.NameLong)
		}
	}
	for mk, models := range p.Apps {
		parts = append(parts, mk)
		for model := range models {
			parts = append(parts, model)
		}
	}
	for _, r := range p.OEMs {
		parts = append(parts, r.Code)
	}
	for _, r := range p.Interchanges {
		parts = append(parts, r.Code)
	}
	return strings.ToLower(strings.Join(parts, " "))
}

// inventoryFilters are the documented filters. Descriptions match by
// substring ignoring case, numbers by value, the rest exactly.
var inventoryFilters = []string{
	"CORRELATIVODUCAING", "FECHAINGRECINTO", "DESCMERCAINGRESO", "CANTBULTOSING",
	"NUMLOTEEGRESO", "DESCMERCAENGRESO", "BULTOSEGRESO", "INVBULTOS",
}

func inventoryMatches(rec spr.InventoryRecord, q url.Values) bool {
	for _, f := range inventoryFilters {
		want := strings.TrimSpace(q.Get(f))
		if want == "" {
			continue
		}
		have := rec[f]
		switch f {
		case "DESCMERCAINGRESO", "DESCMERCAENGRESO":
			if !strings.Contains(strings.ToLower(have), strings.ToLower(want)) {
				return false
			}
		case "CANTBULTOSING", "BULTOSEGRESO", "INVBULTOS":
			a, errA := strconv.ParseFloat(have, 64)
			b, errB := strconv.ParseFloat(want, 64)
			if errA != nil || errB != nil || a != b {
				return false
			}
		case "FECHAINGRECINTO":
			if !strings.HasPrefix(have, want) {
				return false
			}
		default:
			if have != want {
				return false
			}
		}
	}
	return true
}
