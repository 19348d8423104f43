package sprtest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveAPI routes /{locale}/api/products[/{code}] and /{locale}/api/inventory.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	seg := segments(r)
	if len(seg) < 3 || seg[1] != "api" || (seg[2] != "products" && seg[2] != "inventory") ||
		(seg[2] == "products" && len(seg) > 4) || (seg[2] == "inventory" && len(seg) != 3) {
		routeNotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, r, "GET, HEAD")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.admit(w) {
		return
	}
	user := s.authenticate(r)
	if user == nil {
		laravel(w, http.StatusUnauthorized, "Unauthenticated.")
		return
	}
	locale := seg[0]
	// The locale must be the user's region (the vendor: "ISO code of the
	// authenticated user's region"); the fake refuses another one.
	if locale != user.Locale {
		laravel(w, http.StatusForbidden, "This action is unauthorized.")
		return
	}
	switch {
	case seg[2] == "inventory":
		s.listInventory(w, r, user)
	case len(seg) == 4:
		s.getProduct(w, seg[3], user)
	default:
		s.listProducts(w, r, user)
	}
}

// admit applies WithThrottle: Laravel's fixed-window throttle headers and
// 429. The caller holds s.mu.
func (s *Server) admit(w http.ResponseWriter) bool {
	if s.throttle <= 0 {
		return true
	}
	now := s.now()
	if s.window.IsZero() || !now.Before(s.window.Add(time.Minute)) {
		s.window, s.windowN = now, 0
	}
	s.windowN++
	remaining := max(s.throttle-s.windowN, 0)
	w.Header().Set("X-RateLimit-Limit", strconv.Itoa(s.throttle))
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	if s.windowN <= s.throttle {
		return true
	}
	reset := s.window.Add(time.Minute)
	wait := int(reset.Sub(now).Seconds() + 0.999)
	w.Header().Set("Retry-After", strconv.Itoa(max(wait, 1)))
	w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	laravel(w, http.StatusTooManyRequests, "Too Many Attempts.")
	return false
}

func (s *Server) getProduct(w http.ResponseWriter, code string, u *User) {
	i, ok := s.byCode[strings.ToUpper(code)]
	if !ok {
		laravel(w, http.StatusNotFound, "No query results for model [App\\Models\\Product] "+code)
		return
	}
	writeJSON(w, http.StatusOK, s.renderProduct(&s.products[i], u, true))
}

func (s *Server) listProducts(w http.ResponseWriter, r *http.Request, u *User) {
	q := r.URL.Query()
	var matches []int
	if terms := strings.TrimSpace(q.Get("search")); q.Has("search") {
		if terms == "" {
			validationFailed(w, "search", "The search field is required.")
			return
		}
		matches = s.searchMatches(terms)
	} else {
		var pairs []string
		yearText, mk := strings.TrimSpace(q.Get("year")), strings.TrimSpace(q.Get("make"))
		year, err := strconv.Atoi(yearText)
		switch {
		case yearText == "":
			pairs = append(pairs, "year", "The year field is required.")
		case err != nil:
			pairs = append(pairs, "year", "The year field must be an integer.")
		}
		if mk == "" {
			pairs = append(pairs, "make", "The make field is required.")
		}
		if len(pairs) > 0 {
			validationFailed(w, pairs...)
			return
		}
		matches = s.catalogMatches(year, mk, q.Get("model"), q.Get("category"))
	}
	page := pageParam(q.Get("page"))
	lo, hi := window(len(matches), page, productsPage)
	items := make([]any, 0, hi-lo)
	for _, i := range matches[lo:hi] {
		items = append(items, s.renderProduct(&s.products[i], u, false))
	}
	writeJSON(w, http.StatusOK, s.renderPage(items, page, productsPage, lo, hi, len(matches)))
}

func (s *Server) listInventory(w http.ResponseWriter, r *http.Request, _ *User) {
	// The vendor offers the inventory for Guatemala only.
	if !strings.HasSuffix(segments(r)[0], "_GT") {
		laravel(w, http.StatusNotFound, "Not Found")
		return
	}
	q := r.URL.Query()
	ent := q.Get("enterprise")
	if ent == "" {
		ent = "rodatech"
	}
	recs, ok := s.inventory[ent]
	if !ok {
		validationFailed(w, "enterprise", "The selected enterprise is invalid.")
		return
	}
	var matches []int
	for i, rec := range recs {
		if inventoryMatches(rec, q) {
			matches = append(matches, i)
		}
	}
	page := pageParam(q.Get("page"))
	lo, hi := window(len(matches), page, inventoryPage)
	items := make([]any, 0, hi-lo)
	for _, i := range matches[lo:hi] {
		items = append(items, recs[i])
	}
	writeJSON(w, http.StatusOK, s.renderPage(items, page, inventoryPage, lo, hi, len(matches)))
}

// pageParam is Laravel's resolveCurrentPage: an integer >= 1, else 1.
func pageParam(v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// window is the [lo, hi) slice of n items on a page.
func window(n, page, per int) (lo, hi int) {
	if page > n/per+1 {
		return n, n // also keeps a huge page number from overflowing
	}
	lo = min((page-1)*per, n)
	return lo, min(lo+per, n)
}

// renderPage is Laravel's paginator JSON as the vendor documents it:
// current_page, data, from, to, per_page (last_page and total with
// WithPaginationTotals); from and to are null on an empty page.
func (s *Server) renderPage(items []any, page, per, lo, hi, total int) map[string]any {
	m := map[string]any{
		"current_page": s.num(page),
		"data":         items,
		"per_page":     s.num(per),
		"from":         nil,
		"to":           nil,
	}
	if hi > lo {
		m["from"], m["to"] = s.num(lo+1), s.num(hi)
	}
	if s.totals {
		m["last_page"] = s.num(max((total+per-1)/per, 1))
		m["total"] = s.num(total)
	}
	return m
}

// num renders a number, as a string with WithStringNumbers.
func (s *Server) num(n int) any {
	if s.strNums {
		return strconv.Itoa(n)
	}
	return n
}
