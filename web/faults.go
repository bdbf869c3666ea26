package main

import (
	"strings"
	"sync"
	"time"
)

// Fault is a failure that the Braze backend injects, for the tests of retries
// and of slow networks.
type Fault struct {
	// Path is a prefix of the request paths it applies to, like
	// "/api/v3/data/"; empty applies to every backend request.
	Path string
	// Status is answered instead of 200; 0 keeps 200, for a delay alone.
	Status int
	// Count is how many requests the fault applies to; 0 means every request
	// until Clear.
	Count int
	// Delay holds the answer back. The request is recorded when it arrives,
	// before the delay.
	Delay time.Duration
}

// Faults is a queue of faults, taken in the order they were added. It is safe
// for concurrent use.
type Faults struct {
	mu   sync.Mutex
	list []Fault
}

// Add queues f.
func (fs *Faults) Add(f Fault) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.list = append(fs.list, f)
}

// Clear removes every fault.
func (fs *Faults) Clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.list = nil
}

// take returns the first fault that applies to path and uses up one of its
// requests. A nil Faults has none.
func (fs *Faults) take(path string) (Fault, bool) {
	if fs == nil {
		return Fault{}, false
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.list {
		if !strings.HasPrefix(path, f.Path) {
			continue
		}
		if f.Count > 0 {
			fs.list[i].Count--
			if fs.list[i].Count == 0 {
				fs.list = append(fs.list[:i], fs.list[i+1:]...)
			}
		}
		return f, true
	}
	return Fault{}, false
}
