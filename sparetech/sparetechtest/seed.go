package sparetechtest

import (
	"fmt"
	"maps"
	"time"

	"github.com/partsync/partsync-go/sparetech"
)

// SeedCreationIntent adds a creation intent and returns it as stored: an
// empty ID gets the next free number, a zero CreatedAt the clock's now, an
// empty Status Ready, an empty CreatedBy a placeholder address. It panics
// on an ID that is already taken (by an intent of any kind).
func (s *Server) SeedCreationIntent(it sparetech.CreationIntent) sparetech.CreationIntent {
	r := s.seed(&intent{kind: creationKind, id: it.ID, createdAt: it.CreatedAt, createdBy: it.CreatedBy.Email,
		approvedBy: it.ApprovedBy.Email, status: it.Status, metadata: maps.Clone(it.Metadata)})
	return sparetech.CreationIntent{ID: r.id, CreatedAt: r.createdAt, CreatedBy: sparetech.User{Email: r.createdBy},
		ApprovedBy: sparetech.User{Email: r.approvedBy}, Status: r.status, Metadata: maps.Clone(r.metadata)}
}

// SeedChangeIntent adds a change intent (see SeedCreationIntent). Its
// Metadata holds the changed fields; unchanged (may be nil) holds the
// material's other fields, which only changes.only=false returns.
func (s *Server) SeedChangeIntent(it sparetech.ChangeIntent, unchanged map[string]any) sparetech.ChangeIntent {
	r := s.seed(&intent{kind: changeKind, id: it.ID, createdAt: it.CreatedAt, createdBy: it.CreatedBy.Email,
		approvedBy: it.ApprovedBy.Email, status: it.Status, materialNumber: it.MaterialNumber, plant: it.Plant,
		metadata: maps.Clone(it.Metadata), unchanged: maps.Clone(unchanged)})
	return sparetech.ChangeIntent{ID: r.id, CreatedAt: r.createdAt, CreatedBy: sparetech.User{Email: r.createdBy},
		ApprovedBy: sparetech.User{Email: r.approvedBy}, Status: r.status, MaterialNumber: r.materialNumber,
		Plant: r.plant, Metadata: maps.Clone(r.metadata)}
}

// SeedExtensionIntent adds an extension intent (see SeedCreationIntent).
func (s *Server) SeedExtensionIntent(it sparetech.ExtensionIntent) sparetech.ExtensionIntent {
	r := s.seed(&intent{kind: extensionKind, id: it.ID, createdAt: it.CreatedAt, createdBy: it.CreatedBy.Email,
		approvedBy: it.ApprovedBy.Email, status: it.Status, materialNumber: it.MaterialNumber, metadata: maps.Clone(it.Metadata)})
	return sparetech.ExtensionIntent{ID: r.id, CreatedAt: r.createdAt, CreatedBy: sparetech.User{Email: r.createdBy},
		ApprovedBy: sparetech.User{Email: r.approvedBy}, Status: r.status, MaterialNumber: r.materialNumber,
		Metadata: maps.Clone(r.metadata)}
}

func (s *Server) seed(it *intent) *intent {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it.id == "" {
		for {
			s.idSeq++
			it.id = fmt.Sprint(904000 + s.idSeq)
			if s.intents[it.id] == nil {
				break
			}
		}
	}
	if s.intents[it.id] != nil {
		panic("sparetechtest: intent id " + it.id + " is already taken")
	}
	if it.createdAt.IsZero() {
		it.createdAt = s.cfg.now().UTC().Truncate(time.Second)
	}
	if it.status == "" {
		it.status = sparetech.StatusReady
	}
	if it.createdBy == "" {
		it.createdBy = "creator@example.com"
	}
	if it.metadata == nil {
		it.metadata = map[string]any{}
	}
	s.intents[it.id] = it
	return it
}

// seedDefaults adds the deterministic default set: three Ready and one Done
// creation intents, two Ready change intents and two Ready extension
// intents (the second for a material number no sample ERP has).
func (s *Server) seedDefaults() {
	day := func(d, h int) time.Time { return time.Date(2022, 12, d, h, 5, 12, 0, time.UTC) }
	alice, bob := sparetech.User{Email: "alice@example.com"}, sparetech.User{Email: "bob@example.com"}
	s.SeedCreationIntent(sparetech.CreationIntent{ID: "904134", CreatedAt: day(10, 12), CreatedBy: alice, ApprovedBy: bob,
		Metadata: map[string]any{"MANU": "Sparetech", "ART_NUM": "SED1234", "TYP": "TYP_1234", "DESC": "Material Description"}})
	s.SeedCreationIntent(sparetech.CreationIntent{ID: "904135", CreatedAt: day(11, 9), CreatedBy: alice, ApprovedBy: bob,
		Metadata: map[string]any{"MANU": "SKF", "ART_NUM": "6205-2RSH", "TYP": "Deep groove ball bearing", "DESC": "Ball bearing 25x52x15"}})
	s.SeedCreationIntent(sparetech.CreationIntent{ID: "904136", CreatedAt: day(12, 15), CreatedBy: bob,
		Metadata: map[string]any{"MANU": "Festo", "ART_NUM": "DSNU-25-100-PPV-A", "DESC": "Round cylinder"}})
	s.SeedCreationIntent(sparetech.CreationIntent{ID: "904100", CreatedAt: day(1, 8), CreatedBy: alice, ApprovedBy: bob, Status: sparetech.StatusDone,
		Metadata: map[string]any{"MANU": "Siemens", "ART_NUM": "6ES7214-1AG40-0XB0", "DESC": "PLC CPU 1214C"}})
	s.SeedChangeIntent(sparetech.ChangeIntent{ID: "904210", CreatedAt: day(13, 10), CreatedBy: bob, ApprovedBy: alice,
		MaterialNumber: "MAT-000101", Metadata: map[string]any{"DESC": "Proximity sensor M12, PNP"}},
		map[string]any{"MANU": "ifm", "ART_NUM": "IFS204"})
	s.SeedChangeIntent(sparetech.ChangeIntent{ID: "904211", CreatedAt: day(13, 11), CreatedBy: bob, ApprovedBy: alice,
		MaterialNumber: "MAT-000102", Plant: "1000", Metadata: map[string]any{"EKGRP": "HR", "DISGR": "HR2"}},
		map[string]any{"WERK": "1000"})
	s.SeedExtensionIntent(sparetech.ExtensionIntent{ID: "904310", CreatedAt: day(14, 9), CreatedBy: alice, ApprovedBy: bob,
		MaterialNumber: "MAT-000101", Metadata: map[string]any{"WERK": "2000", "EKGRP": "HH", "DISGR": "HR1"}})
	s.SeedExtensionIntent(sparetech.ExtensionIntent{ID: "904311", CreatedAt: day(14, 10), CreatedBy: alice,
		MaterialNumber: "MAT-000999", Metadata: map[string]any{"WERK": "3000", "EKGRP": "HH"}})
}

// CreationIntent returns the stored creation intent id.
func (s *Server) CreationIntent(id string) (sparetech.CreationIntent, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.find(creationKind, id)
	if it == nil {
		return sparetech.CreationIntent{}, false
	}
	return sparetech.CreationIntent{ID: it.id, CreatedAt: it.createdAt, CreatedBy: sparetech.User{Email: it.createdBy},
		ApprovedBy: sparetech.User{Email: it.approvedBy}, Status: it.status, Metadata: maps.Clone(it.metadata)}, true
}

// IntentStatus returns the status of intent id (of any kind).
func (s *Server) IntentStatus(id string) (sparetech.Status, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.intents[id]
	if it == nil {
		return "", false
	}
	return it.status, true
}
