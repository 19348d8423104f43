package servicemobility

import (
	"context"
	"sync"
)

// MemoryInventory is an in-memory Inventory, for examples and tests. The
// zero value is empty and ready to use.
type MemoryInventory struct {
	mu    sync.Mutex
	items map[string]memoryItem
}

type memoryItem struct {
	item   StockItem
	onHand float64
}

// NewMemoryInventory returns an empty MemoryInventory.
func NewMemoryInventory() *MemoryInventory { return &MemoryInventory{} }

// Put adds or replaces item with onHand units in stock.
func (m *MemoryInventory) Put(item StockItem, onHand float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.items == nil {
		m.items = map[string]memoryItem{}
	}
	m.items[item.ProdNum] = memoryItem{item: item, onHand: onHand}
}

// OnHand is how much of prodNum is in stock.
func (m *MemoryInventory) OnHand(prodNum string) float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.items[prodNum].onHand
}

// Lookup implements Inventory.
func (m *MemoryInventory) Lookup(_ context.Context, prodNum string) (StockItem, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	it, ok := m.items[prodNum]
	return it.item, ok, nil
}

// Take implements Inventory.
func (m *MemoryInventory) Take(_ context.Context, prodNum string, qty float64) (float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	it, ok := m.items[prodNum]
	if !ok || it.onHand <= 0 || qty <= 0 {
		return 0, nil
	}
	taken := min(qty, it.onHand)
	it.onHand -= taken
	m.items[prodNum] = it
	return taken, nil
}
