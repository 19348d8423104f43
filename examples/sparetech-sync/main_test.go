package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func noCredentials(t *testing.T) {
	t.Setenv("SPARETECH_CLIENT_ID", "")
	t.Setenv("SPARETECH_CLIENT_SECRET", "")
	t.Setenv("SPARETECH_ENV", "")
	t.Setenv("SPARETECH_BASE_URL", "")
	t.Setenv("SPARETECH_TOKEN_URL", "")
}

// configuredFake points the program's environment at srv as if it were the
// real API, with creds, and keeps its token cache in a temporary directory.
func configuredFake(t *testing.T, srv *sparetechtest.Server, creds sparetech.Credentials) {
	noCredentials(t)
	t.Setenv("SPARETECH_CLIENT_ID", creds.ClientID)
	t.Setenv("SPARETECH_CLIENT_SECRET", creds.ClientSecret)
	t.Setenv("SPARETECH_BASE_URL", srv.URL())
	t.Setenv("SPARETECH_TOKEN_URL", srv.TokenURL())
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache)
}

// TestRunAgainstAConfiguredAPI: with SPARETECH_BASE_URL and
// SPARETECH_TOKEN_URL the program talks to that API, not to the fake it
// would start itself, and a second run reuses the cached token (SPARETECH
// rations tokens per day).
func TestRunAgainstAConfiguredAPI(t *testing.T) {
	creds := sparetech.Credentials{ClientID: "erp-prod", ClientSecret: "Configured-CS-77d0e1"}
	srv := sparetechtest.NewServer(sparetechtest.WithCredentials(creds))
	defer srv.Close()
	configuredFake(t, srv, creds)
	erp := filepath.Join(t.TempDir(), "erp.json")
	var out bytes.Buffer
	for i := range 2 {
		if err := run(context.Background(), []string{"-erp", erp}, &out); err != nil {
			t.Fatalf("run %d: %v\n%s", i+1, err, out.String())
		}
	}
	if !strings.Contains(out.String(), "SPARETECH at "+srv.URL()) {
		t.Errorf("the output does not name the configured API:\n%s", out.String())
	}
	if n := srv.TokenRequests(); n != 1 {
		t.Errorf("%d token requests over two runs, want 1 (the cached token)", n)
	}
	var gets int
	for _, r := range srv.Requests() {
		if r.Method == "GET" {
			gets++
		}
	}
	if gets == 0 {
		t.Error("no API request reached the configured server")
	}
}

func TestRunOnTheFake(t *testing.T) {
	noCredentials(t)
	path := filepath.Join(t.TempDir(), "erp.json")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-erp", path}, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{
		"in-process fake SPARETECH",
		"created  MAT-000103  creation intent 904134 confirmed (Sparetech SED1234)",
		"created  MAT-000105  creation intent 904136 confirmed",
		"changed  MAT-000101  change intent 904210 confirmed (DESC)",
		"changed  MAT-000102 plant 1000  change intent 904211 confirmed (DISGR, EKGRP)",
		"extended MAT-000101 to plant 2000  extension intent 904310 confirmed",
		"rejected extension intent 904311: material MAT-000999: not in the ERP",
		"summary: 3 created, 2 changed, 1 extended, 6 confirmed, 1 rejected, 0 failed; ERP has 5 materials",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	var data erpData
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	byNumber := map[string]erpMaterial{}
	for _, m := range data.Materials {
		byNumber[m.Number] = m
	}
	if m := byNumber["MAT-000103"]; m.Source != "sparetech:creation:904134" || m.Fields["ART_NUM"] != "SED1234" {
		t.Errorf("created material: %+v", m)
	}
	if m := byNumber["MAT-000101"]; m.Fields["DESC"] != "Proximity sensor M12, PNP" || m.Plants["2000"]["EKGRP"] != "HH" {
		t.Errorf("changed and extended material: %+v", m)
	}
	if m := byNumber["MAT-000102"]; m.Plants["1000"]["EKGRP"] != "HR" || m.Fields["MANU"] != "Pepperl+Fuchs" {
		t.Errorf("plant change: %+v", m)
	}
	if data.NextNumber != 106 {
		t.Errorf("nextNumber = %d", data.NextNumber)
	}
	if !json.Valid(sampleERP) || bytes.Contains(sampleERP, []byte("MAT-000103")) {
		t.Error("the embedded sample must stay untouched")
	}
}

// TestSyncerIsIdempotentAcrossRuns: an intent applied but not confirmed
// (the confirmation failed) is applied again without a duplicate material.
func TestSyncerIsIdempotentAcrossRuns(t *testing.T) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	c, err := sparetech.NewClient(srv.Credentials(), append(srv.Options(), sparetech.WithRetry(0, 0, 0))...)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "erp.json")
	if err := prepareERP(path, true); err != nil {
		t.Fatal(err)
	}
	erp, err := openFileERP(path)
	if err != nil {
		t.Fatal(err)
	}
	srv.InjectFault(sparetechtest.Fault{Status: 503, PathPrefix: "/v1/creation-intents/904135/confirm"}, 1)
	var out bytes.Buffer
	s := &Syncer{Client: c, ERP: erp, Out: &out}
	sum, err := s.Run(context.Background())
	if err != nil || sum.Failed != 1 || sum.Created != 3 || sum.Confirmed != 5 {
		t.Fatalf("first run: %+v %v\n%s", sum, err, out.String())
	}
	if st, _ := srv.IntentStatus("904135"); st != sparetech.StatusReady {
		t.Fatalf("904135 is %s, want Ready after the failed confirmation", st)
	}
	out.Reset()
	sum, err = s.Run(context.Background())
	if err != nil || sum.Failed != 0 || sum.Created != 0 || sum.Confirmed != 1 {
		t.Fatalf("second run: %+v %v\n%s", sum, err, out.String())
	}
	if !strings.Contains(out.String(), "existing MAT-000104  creation intent 904135 confirmed") {
		t.Errorf("second run output:\n%s", out.String())
	}
	if o, ok := srv.Outcome("904135"); !ok || o.MaterialNumber != "MAT-000104" {
		t.Errorf("outcome %+v", o)
	}
	if n := len(erp.Numbers()); n != 5 {
		t.Errorf("ERP has %d materials, want 5 (no duplicate)", n)
	}
}

func TestRunNeedsBothCredentials(t *testing.T) {
	noCredentials(t)
	t.Setenv("SPARETECH_CLIENT_ID", "only-the-id")
	err := run(context.Background(), []string{"-erp", filepath.Join(t.TempDir(), "erp.json")}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "SPARETECH_CLIENT_SECRET") {
		t.Errorf("err = %v", err)
	}
}

func TestRunRejectsUnknownEnvironment(t *testing.T) {
	t.Setenv("SPARETECH_CLIENT_ID", "id")
	t.Setenv("SPARETECH_CLIENT_SECRET", "secret")
	t.Setenv("SPARETECH_ENV", "prod")
	err := run(context.Background(), []string{"-erp", filepath.Join(t.TempDir(), "erp.json")}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `SPARETECH_ENV="prod"`) {
		t.Errorf("err = %v, want one naming SPARETECH_ENV", err)
	}
}

func TestRunReportsAListingFailure(t *testing.T) {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	c, err := sparetech.NewClient(srv.Credentials(), append(srv.Options(), sparetech.WithRetry(0, 0, 0))...)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "erp.json")
	if err := prepareERP(path, true); err != nil {
		t.Fatal(err)
	}
	erp, err := openFileERP(path)
	if err != nil {
		t.Fatal(err)
	}
	srv.InjectFault(sparetechtest.Fault{Status: 500, PathPrefix: "/v1/change-intents"}, 1)
	_, err = (&Syncer{Client: c, ERP: erp, Out: &bytes.Buffer{}}).Run(context.Background())
	if !errors.Is(err, sparetech.ErrServer) || !strings.Contains(err.Error(), "change intents") {
		t.Errorf("err = %v", err)
	}
}
