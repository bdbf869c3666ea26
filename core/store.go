package core

// Store is the attribute memory behind sendOnlyChangedTraits. The browser
// backs it with localStorage so that it outlives the page; tests use
// MemoryStore. Keys and values are short strings.
type Store interface {
	Get(key string) (string, bool)
	Set(key, value string)
}

// MemoryStore is a Store in memory.
type MemoryStore map[string]string

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() MemoryStore { return MemoryStore{} }

// Get returns the value stored under key.
func (s MemoryStore) Get(key string) (string, bool) {
	v, ok := s[key]
	return v, ok
}

// Set stores value under key.
func (s MemoryStore) Set(key, value string) { s[key] = value }
