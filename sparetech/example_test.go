package sparetech_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

// The usual integration loop: collect the Ready creation intents, create
// each material in the ERP, and confirm it with the ERP's number.
func Example() {
	srv := sparetechtest.NewServer() // the in-process fake; drop for the real API
	defer srv.Close()
	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	var ready []sparetech.CreationIntent
	for it, err := range client.CreationIntents.All(ctx, sparetech.ListParams{Status: sparetech.StatusReady}) {
		if err != nil {
			log.Fatal(err)
		}
		ready = append(ready, it)
	}
	for i, it := range ready {
		number := fmt.Sprintf("MAT-%04d", i+1) // what the ERP assigned
		done, err := client.CreationIntents.Confirm(ctx, it.ID, number)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(it.ID, it.Metadata["ART_NUM"], "->", number, done.Status)
	}
	// Output:
	// 904134 SED1234 -> MAT-0001 Done
	// 904135 6205-2RSH -> MAT-0002 Done
	// 904136 DSNU-25-100-PPV-A -> MAT-0003 Done
}

func ExampleNewClient() {
	// Sandbox credentials work only in the sandbox. A token store keeps the
	// rationed token across restarts (auth.NewFileStore).
	client, err := sparetech.NewClient(
		sparetech.Credentials{ClientID: "my-client-id", ClientSecret: "my-client-secret"},
		sparetech.WithEnvironment(sparetech.Sandbox),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
	fmt.Println(client.BaseURLV2())
	// Output:
	// https://sync.sandbox.sparetech.io/v1
	// https://sync.sandbox.sparetech.io/v2
}

func ExampleChangeIntentService_List() {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	page, err := client.ChangeIntents.List(context.Background(), sparetech.ListParams{Status: sparetech.StatusReady, Limit: 1})
	if err != nil {
		log.Fatal(err)
	}
	it := page.Items[0]
	fmt.Println(it.ID, it.MaterialNumber, it.Metadata)
	fmt.Println("total", page.TotalCount, "more", page.HasMore)
	// Output:
	// 904210 MAT-000101 map[DESC:Proximity sensor M12, PNP]
	// total 2 more true
}

func ExampleExtensionIntentService_Reject() {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	err = client.ExtensionIntents.Reject(ctx, "904311", "")
	fmt.Println(errors.Is(err, sparetech.ErrInvalidInput))
	err = client.ExtensionIntents.Reject(ctx, "904311", "material MAT-000999 is not in the ERP")
	fmt.Println(err)
	o, _ := srv.Outcome("904311")
	fmt.Println(o.Rejected, o.Message)
	// Output:
	// true
	// <nil>
	// true material MAT-000999 is not in the ERP
}

func ExampleMaterialService_Create() {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	m := sparetech.Material{"Materialnummer": "MAT00001", "[MANU]": "Sparetech", "[TYP]": "SPT.1.4541"}
	fmt.Println(client.Materials.Create(ctx, m))
	err = client.Materials.Create(ctx, m)
	fmt.Println(errors.Is(err, sparetech.ErrMaterialExists), errors.Is(err, sparetech.ErrConflict))
	err = client.Materials.Extend(ctx, "MAT00001", sparetech.MaterialExtension{"[WERK]": "1000", "[MANU]": "x"})
	fmt.Println(errors.Is(err, sparetech.ErrMaterialFieldsInExtension))
	// Output:
	// <nil>
	// true true
	// true
}

func ExampleMaterialV2Service_Upsert() {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	text, reorder := "Rillenkugellager 6205", 4.0
	err = client.MaterialsV2.Upsert(context.Background(), sparetech.UpsertMaterial{MARA: sparetech.MARA{
		MATNR: "MAT-000104",
		MAKT:  &[]sparetech.MAKT{{SPRAS: "D", MAKTX: &text}},
		MARC:  &[]sparetech.MARC{{WERKS: "1000", MINBE: &reorder}},
	}})
	fmt.Println(err, len(srv.UpsertsV2()), srv.UpsertsV2()[0].MARA.MATNR)
	// Output:
	// <nil> 1 MAT-000104
}

func ExampleSchemaService_Export() {
	srv := sparetechtest.NewServer(sparetechtest.WithExportSchema("MANU", "ART_NUM", "[CLASS]"))
	defer srv.Close()
	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	names, err := client.Schema.Export(context.Background())
	fmt.Println(names, err)
	// Output:
	// [MANU ART_NUM [CLASS]] <nil>
}

func ExampleErrTokenQuota() {
	srv := sparetechtest.NewServer(sparetechtest.WithTokenQuota(1))
	defer srv.Close()
	ctx := context.Background()
	for i := range 2 {
		// Two clients without a shared token store: the second needs a
		// token of its own and the day's quota is spent.
		client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
		if err != nil {
			log.Fatal(err)
		}
		_, err = client.Schema.Import(ctx)
		fmt.Println(i, errors.Is(err, sparetech.ErrTokenQuota))
	}
	// Output:
	// 0 false
	// 1 true
}

// Applying a change intent: read what changed, write it to the ERP, confirm.
func ExampleChangeIntentService_Confirm() {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	it, err := client.ChangeIntents.Get(ctx, "904210")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(it.MaterialNumber, it.Metadata) // apply these fields in the ERP, then:
	fmt.Println(client.ChangeIntents.Confirm(ctx, it.ID))
	o, _ := srv.Outcome(it.ID)
	fmt.Println(o.Confirmed)
	// Output:
	// MAT-000101 map[DESC:Proximity sensor M12, PNP]
	// <nil>
	// true
}

// Pushing a change made in the ERP back to SPARETECH. An unknown reference
// matches ErrNotFound; the write is sent once, never retried.
func ExampleMaterialService_Update() {
	srv := sparetechtest.NewServer()
	defer srv.Close()
	srv.SeedMaterial(sparetech.Material{"Materialnummer": "MAT-000104", "[DESC]": "Brake disc"})
	client, err := sparetech.NewClient(srv.Credentials(), sparetech.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	err = client.Materials.Update(ctx, "MAT-000104", sparetech.Material{"[DESC]": "Brake disc, front, vented"})
	fmt.Println(err, srv.Materials()["MAT-000104"]["[DESC]"])
	err = client.Materials.Update(ctx, "MAT-999999", sparetech.Material{"[DESC]": "x"})
	fmt.Println(errors.Is(err, sparetech.ErrNotFound))
	// Output:
	// <nil> Brake disc, front, vented
	// true
}
