package sparetechtest

import (
	"time"

	"github.com/partsync/partsync-go/sparetech"
)

// ServerOption configures NewServer.
type ServerOption func(*config)

type config struct {
	creds        sparetech.Credentials
	tokenTTL     time.Duration
	quota        int
	seed         bool
	now          func() time.Time
	exportSchema []string
	importSchema []string
	referenceKey string
	plantKey     string
	plantFields  []string
}

func defaultConfig() config {
	return config{
		creds:        sparetech.Credentials{ClientID: "sparetechtest-client", ClientSecret: "sparetechtest-secret"},
		tokenTTL:     24 * time.Hour,
		seed:         true,
		now:          time.Now,
		exportSchema: []string{"MANU", "ART_NUM", "TYP", "DESC", "WERK", "EKGRP", "DISGR"},
		importSchema: []string{"Materialnummer", "[ART_NUM]", "[MANU]", "[TYP]", "[DESC]", "[WERK]", "[EKGRP]", "[DISGR]"},
		referenceKey: "Materialnummer",
		plantKey:     "[WERK]",
		plantFields:  []string{"[WERK]", "[EKGRP]", "[DISGR]", "[LGORT]", "[MINBE]"},
	}
}

// WithCredentials sets the only client id and secret the token endpoints accept.
func WithCredentials(c sparetech.Credentials) ServerOption {
	return func(cfg *config) { cfg.creds = c }
}

// WithTokenTTL sets how long issued tokens live (expires_in); default 24 h.
func WithTokenTTL(d time.Duration) ServerOption { return func(cfg *config) { cfg.tokenTTL = d } }

// WithTokenQuota limits the tokens issued per UTC day; once spent, the token
// endpoints answer 403 "You have exceeded your token quota ...". 0 (the
// default) is unlimited.
func WithTokenQuota(n int) ServerOption { return func(cfg *config) { cfg.quota = n } }

// WithoutSeed starts with no intents instead of the default set.
func WithoutSeed() ServerOption { return func(cfg *config) { cfg.seed = false } }

// WithClock replaces time.Now for token expiry, the quota day and the
// CreatedAt of seeded intents without one.
func WithClock(now func() time.Time) ServerOption { return func(cfg *config) { cfg.now = now } }

// WithExportSchema sets what GET /schema/export returns.
func WithExportSchema(names ...string) ServerOption {
	return func(cfg *config) { cfg.exportSchema = names }
}

// WithImportSchema sets what GET /schema/import returns.
func WithImportSchema(names ...string) ServerOption {
	return func(cfg *config) { cfg.importSchema = names }
}

// WithReferenceKey names the material field holding the material reference
// (default "Materialnummer").
func WithReferenceKey(key string) ServerOption { return func(cfg *config) { cfg.referenceKey = key } }

// WithPlantFields sets the plant key (default "[WERK]") and the fields an
// extension may carry (default [WERK], [EKGRP], [DISGR], [LGORT], [MINBE]);
// any other field in an extension is a 422.
func WithPlantFields(plantKey string, fields ...string) ServerOption {
	return func(cfg *config) {
		cfg.plantKey = plantKey
		cfg.plantFields = append([]string{plantKey}, fields...)
	}
}
