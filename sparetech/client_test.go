package sparetech_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

func TestEnvironmentsAndRoots(t *testing.T) {
	creds := sparetech.Credentials{ClientID: "id", ClientSecret: "secret"}
	for _, tc := range []struct {
		name   string
		opts   []sparetech.Option
		v1, v2 string
	}{
		{"default", nil, "https://sync.sparetech.io/v1", "https://sync.sparetech.io/v2"},
		{"production", []sparetech.Option{sparetech.WithEnvironment(sparetech.Production)}, "https://sync.sparetech.io/v1", "https://sync.sparetech.io/v2"},
		{"sandbox", []sparetech.Option{sparetech.WithEnvironment(sparetech.Sandbox)}, "https://sync.sandbox.sparetech.io/v1", "https://sync.sandbox.sparetech.io/v2"},
		{"custom v1 derives v2", []sparetech.Option{sparetech.WithBaseURL("https://proxy.example.com/sparetech/v1/")}, "https://proxy.example.com/sparetech/v1/", "https://proxy.example.com/sparetech/v2"},
		{"custom v1 without /v1", []sparetech.Option{sparetech.WithBaseURL("https://proxy.example.com/st")}, "https://proxy.example.com/st", ""},
		{"explicit v2", []sparetech.Option{sparetech.WithBaseURL("https://a.example.com/x"), sparetech.WithBaseURLV2("https://b.example.com/y")}, "https://a.example.com/x", "https://b.example.com/y"},
	} {
		c, err := sparetech.NewClient(creds, tc.opts...)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if c.BaseURL() != tc.v1 || c.BaseURLV2() != tc.v2 {
			t.Errorf("%s: roots %q %q, want %q %q", tc.name, c.BaseURL(), c.BaseURLV2(), tc.v1, tc.v2)
		}
	}
	if _, err := sparetech.NewClient(creds, sparetech.WithBaseURL("http://sync.example.com/v1"), sparetech.WithInsecureHTTP()); err != nil {
		t.Errorf("plain http with WithInsecureHTTP: %v", err)
	}
	if sparetech.Sandbox.BaseURL() != "https://sync.sandbox.sparetech.io/v1" || sparetech.Production.BaseURLV2() != "https://sync.sparetech.io/v2" {
		t.Error("environment URLs")
	}
}

func TestNewClientRejectsBadConfiguration(t *testing.T) {
	good := sparetech.Credentials{ClientID: "id", ClientSecret: "secret"}
	for name, tc := range map[string]struct {
		creds sparetech.Credentials
		opts  []sparetech.Option
	}{
		"no id":        {sparetech.Credentials{ClientSecret: "s"}, nil},
		"no secret":    {sparetech.Credentials{ClientID: "i"}, nil},
		"bad env":      {good, []sparetech.Option{sparetech.WithEnvironment("staging")}},
		"bad base":     {good, []sparetech.Option{sparetech.WithBaseURL("sync.sparetech.io/v1")}},
		"base query":   {good, []sparetech.Option{sparetech.WithBaseURL("https://h/v1?x=1")}},
		"bad v2":       {good, []sparetech.Option{sparetech.WithBaseURLV2("ftp://h/v2")}},
		"bad tokenurl": {good, []sparetech.Option{sparetech.WithTokenURL("::")}},
		"http token":   {good, []sparetech.Option{sparetech.WithTokenURL("http://sync.example.com/v1/oauth/token")}},
		"http base":    {good, []sparetech.Option{sparetech.WithBaseURL("http://sync.example.com/v1")}},
	} {
		if _, err := sparetech.NewClient(tc.creds, tc.opts...); !errors.Is(err, sparetech.ErrInvalidInput) {
			t.Errorf("%s: %v, want ErrInvalidInput", name, err)
		}
	}
}

func TestV2NeedsARoot(t *testing.T) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	// A v1 root not ending in /v1: v2 calls fail before sending.
	c2, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(strings.TrimSuffix(srv.URL(), "/v1")+"/custom"), sparetech.WithTokenURL(srv.TokenURL()))
	if err != nil {
		t.Fatal(err)
	}
	err = c2.MaterialsV2.Upsert(context.Background(), sparetech.UpsertMaterial{MARA: sparetech.MARA{MATNR: "M"}})
	if !errors.Is(err, sparetech.ErrInvalidInput) || !strings.Contains(err.Error(), "WithBaseURLV2") {
		t.Errorf("err = %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestCredentialsNeverPrintTheSecret(t *testing.T) {
	c := sparetech.Credentials{ClientID: "id-1", ClientSecret: "s3cr3t-value"}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), c.String()} {
		if strings.Contains(s, "s3cr3t") || !strings.Contains(s, "id-1") {
			t.Errorf("%q", s)
		}
	}
}
