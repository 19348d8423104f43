//go:build ignore

// gen_sample writes sample_export.json, a deterministic ERP export for the
// example: 6 cells, 8 resources, 200 jobs, 600 parts and 2400 operations.
// Run it with go generate in this directory.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/partsync/partsync-go/eryxon"
)

func main() {
	const src = "SAP"
	cells := []struct{ name, color string }{
		{"Laser", "#ef4444"}, {"Punching", "#f97316"}, {"Bending", "#3b82f6"},
		{"Welding", "#a855f7"}, {"Powder coating", "#22c55e"}, {"Assembly", "#64748b"},
	}
	var d eryxon.Dataset
	for i, c := range cells {
		d.Cells = append(d.Cells, eryxon.Cell{ExternalID: fmt.Sprintf("WC-%02d", i+1), ExternalSource: src,
			Name: c.name, Color: c.color, Sequence: i + 1, Active: eryxon.Bool(true)})
	}
	types := []eryxon.ResourceType{eryxon.ResourceEquipment, eryxon.ResourceEquipment, eryxon.ResourceTooling,
		eryxon.ResourceTooling, eryxon.ResourceFixture, eryxon.ResourceFixture, eryxon.ResourceMold, eryxon.ResourceMaterial}
	for i, t := range types {
		d.Resources = append(d.Resources, eryxon.Resource{ExternalID: fmt.Sprintf("RES-%03d", i+1), ExternalSource: src,
			Name: fmt.Sprintf("%s %d", t, i+1), Type: t, Identifier: fmt.Sprintf("ID-%03d", i+1),
			Location: fmt.Sprintf("Hall %d", 1+i%2), Status: eryxon.ResourceAvailable})
	}
	customers := []string{"Acme Corp", "Nordic Steel AB", "Van Dijk Machinebouw", "Kowalski Sp. z o.o.", "Müller GmbH"}
	materials := []string{"S235JR 3mm", "S355MC 5mm", "AlMg3 2mm", "1.4301 1.5mm", "DC01 1mm"}
	routing := [][]int{{0, 2, 3, 4}, {1, 2, 4, 5}, {0, 3, 4, 5}}
	base := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	for j := range 200 {
		so := fmt.Sprintf("SO-%05d", 40000+j)
		d.Jobs = append(d.Jobs, eryxon.Job{ExternalID: so, ExternalSource: src, JobNumber: fmt.Sprintf("JOB-2027-%04d", j+1),
			Customer: customers[j%len(customers)], DueDate: base.AddDate(0, 0, j%90), Priority: j % 11,
			Notes: "Imported from SAP"})
		for p := range 3 {
			pid := fmt.Sprintf("%s-%02d", so, (p+1)*10)
			d.Parts = append(d.Parts, eryxon.Part{ExternalID: pid, ExternalSource: src, JobExternalID: so,
				PartNumber: fmt.Sprintf("PN-%04d-%c", (j*7+p*13)%5000, 'A'+p), Material: materials[(j+p)%len(materials)],
				Quantity: 1 + (j*3+p)%40})
			for o, cell := range routing[(j+p)%len(routing)] {
				d.Operations = append(d.Operations, eryxon.Operation{ExternalID: fmt.Sprintf("%s-%03d", pid, (o+1)*10),
					ExternalSource: src, PartExternalID: pid, CellName: cells[cell].name,
					OperationName: cells[cell].name, Sequence: o + 1, EstimatedTimeMinutes: 5 + (j+p*3+o*7)%55})
			}
		}
	}
	b, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("sample_export.json", append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}
