package sparetech

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/partsync/partsync-go/internal/apierror"
	"github.com/partsync/partsync-go/sparetech/internal/oapi"
)

// UpsertMaterial is the v2 material payload: SAP MATMAS-style segments with
// SAP's field names (MATNR, WERKS, ...). Optional fields are pointers and
// left out of the JSON when nil. The structs are generated from
// openapi.yaml, which follows the vendor's v2 reference field by field.
type UpsertMaterial = oapi.UpsertMaterial

// The v2 segments (SAP table names). MARA is the general data and holds the
// others; MARC the plant data, with its own nested segments.
type (
	// MARA is the general material data; MATNR is required.
	MARA = oapi.MARA
	// MARA1 holds MARA's extended (long) material number fields.
	MARA1 = oapi.MARA1
	// MAKT is a short text in one language (SPRAS).
	MAKT = oapi.MAKT
	// MARC is the plant data; WERKS is required.
	MARC = oapi.MARC
	// MARC1 holds MARC's extended material number fields.
	MARC1 = oapi.MARC1
	// MARD is the storage location data; LGORT is required.
	MARD = oapi.MARD
	// MFHM is production resource/tool data.
	MFHM = oapi.MFHM
	// MPGD is planning group data.
	MPGD = oapi.MPGD
	// MPOP is forecast parameters.
	MPOP = oapi.MPOP
	// MPRW is forecast values.
	MPRW = oapi.MPRW
	// MVEG is total consumption.
	MVEG = oapi.MVEG
	// MVEU is unplanned consumption.
	MVEU = oapi.MVEU
	// MKAL is a production version; VERID is required.
	MKAL = oapi.MKAL
	// MARM is a unit of measure; MEINH is required.
	MARM = oapi.MARM
	// MEAN is an EAN of a unit of measure.
	MEAN = oapi.MEAN
	// MBEW is valuation data; BWKEY is required (BWTAR may be empty).
	MBEW = oapi.MBEW
	// MLGN is warehouse number data; LGNUM is required.
	MLGN = oapi.MLGN
	// MLGT is storage type data; LGTYP is required.
	MLGT = oapi.MLGT
	// MVKE is sales data; VKORG and VTWEG are required.
	MVKE = oapi.MVKE
	// MLAN is tax classification per country; ALAND is required.
	MLAN = oapi.MLAN
	// MTXH is a long text header; MTXL its lines.
	MTXH = oapi.MTXH
	// MTXL is one line of a long text.
	MTXL = oapi.MTXL
	// CUCFG is configuration data, with CUINS, CUVAL and CUCOM.
	CUCFG = oapi.CUCFG
	// CUINS is a configuration instance.
	CUINS = oapi.CUINS
	// CUVAL is a configuration characteristic value.
	CUVAL = oapi.CUVAL
	// CUCOM is a configuration profile.
	CUCOM = oapi.CUCOM
	// UPSLINK links the material to its ALE distribution packet.
	UPSLINK = oapi.UPSLINK
)

// MaterialV2Service upserts materials through the v2 root ("Made for SAP").
type MaterialV2Service struct{ c *core }

// Upsert creates the material, or updates it and its plants when MATNR
// exists. Key fields of every segment (MATNR, WERKS, LGORT, SPRAS, ...) are
// checked before sending. Like every material write it is resent only
// after a 429.
func (s *MaterialV2Service) Upsert(ctx context.Context, m UpsertMaterial) error {
	if err := checkUpsert(&m); err != nil {
		return err
	}
	return s.c.write(ctx, request{op: opMaterialUpsert, v2: true, method: http.MethodPost, path: "/material", body: m})
}

// checkUpsert rejects a payload whose segment keys are empty: the v2
// reference requires them, and an empty key would create a nameless record.
func checkUpsert(m *UpsertMaterial) error {
	var missing []string
	need := func(path, v string) {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, path)
		}
	}
	need("MARA.MATNR", m.MARA.MATNR)
	each(m.MARA.MAKT, func(i int, x MAKT) { need(fmt.Sprintf("MARA.MAKT[%d].SPRAS", i), x.SPRAS) })
	each(m.MARA.MARC, func(i int, x MARC) {
		p := fmt.Sprintf("MARA.MARC[%d]", i)
		need(p+".WERKS", x.WERKS)
		each(x.MARD, func(j int, y MARD) { need(fmt.Sprintf("%s.MARD[%d].LGORT", p, j), y.LGORT) })
		each(x.MKAL, func(j int, y MKAL) { need(fmt.Sprintf("%s.MKAL[%d].VERID", p, j), y.VERID) })
	})
	each(m.MARA.MARM, func(i int, x MARM) {
		need(fmt.Sprintf("MARA.MARM[%d].MEINH", i), x.MEINH)
		each(x.MEAN, func(j int, y MEAN) { need(fmt.Sprintf("MARA.MARM[%d].MEAN[%d].MEINH", i, j), y.MEINH) })
	})
	each(m.MARA.MBEW, func(i int, x MBEW) { need(fmt.Sprintf("MARA.MBEW[%d].BWKEY", i), x.BWKEY) })
	each(m.MARA.MLGN, func(i int, x MLGN) {
		need(fmt.Sprintf("MARA.MLGN[%d].LGNUM", i), x.LGNUM)
		each(x.MLGT, func(j int, y MLGT) { need(fmt.Sprintf("MARA.MLGN[%d].MLGT[%d].LGTYP", i, j), y.LGTYP) })
	})
	each(m.MARA.MVKE, func(i int, x MVKE) {
		need(fmt.Sprintf("MARA.MVKE[%d].VKORG", i), x.VKORG)
		need(fmt.Sprintf("MARA.MVKE[%d].VTWEG", i), x.VTWEG)
	})
	each(m.MARA.MLAN, func(i int, x MLAN) { need(fmt.Sprintf("MARA.MLAN[%d].ALAND", i), x.ALAND) })
	each(m.MARA.MTXH, func(i int, x MTXH) {
		p := fmt.Sprintf("MARA.MTXH[%d]", i)
		need(p+".TDOBJECT", x.TDOBJECT)
		need(p+".TDNAME", x.TDNAME)
		need(p+".TDID", x.TDID)
		need(p+".TDSPRAS", x.TDSPRAS)
	})
	if len(missing) > 0 {
		return apierror.Invalid(vendor, "UpsertMaterial", "required fields are empty: %s", strings.Join(missing, ", "))
	}
	return nil
}

func each[T any](xs *[]T, f func(int, T)) {
	if xs == nil {
		return
	}
	for i, x := range *xs {
		f(i, x)
	}
}
