package watch

import "sync"

// DefaultSeenLimit is the capacity NewSeen uses when given a limit below 1.
const DefaultSeenLimit = 10000

// Seen is a bounded set of item keys (GUIDs, links) already handed to the
// ingester. When it holds more than its limit, the keys added earliest are
// forgotten first. It is safe for concurrent use.
type Seen struct {
	mu    sync.Mutex
	limit int
	keys  map[string]struct{}
	order []string // ring buffer of keys in insertion order
	head  int      // index in order of the oldest key once full
}

// NewSeen returns an empty set that remembers at most limit keys.
func NewSeen(limit int) *Seen {
	if limit < 1 {
		limit = DefaultSeenLimit
	}
	return &Seen{limit: limit, keys: make(map[string]struct{})}
}

// Add records key and reports whether it was new. Adding a key already
// present does not change its age.
func (s *Seen) Add(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.keys[key]; ok {
		return false
	}
	if len(s.order) < s.limit {
		s.order = append(s.order, key)
	} else {
		delete(s.keys, s.order[s.head])
		s.order[s.head] = key
		s.head = (s.head + 1) % s.limit
	}
	s.keys[key] = struct{}{}
	return true
}

// Has reports whether key is in the set.
func (s *Seen) Has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.keys[key]
	return ok
}

// Len returns the number of keys held.
func (s *Seen) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.keys)
}

// Keys returns the keys held, oldest first, so the caller can save them
// and Add them back in the same order later.
func (s *Seen) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.order))
	out = append(out, s.order[s.head:]...)
	return append(out, s.order[:s.head]...)
}
