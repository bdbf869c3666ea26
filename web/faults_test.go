package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBackend_FaultsWithoutCountLastUntilClear(t *testing.T) {
	fs := &Faults{}
	fs.Add(Fault{Status: 503})
	for range 5 {
		f, ok := fs.take("/api/v3/data/")
		require.True(t, ok)
		assert.Equal(t, 503, f.Status)
	}
	fs.Clear()
	_, ok := fs.take("/api/v3/data/")
	assert.False(t, ok)
	var none *Faults
	_, ok = none.take("/x")
	assert.False(t, ok, "a nil Faults has none")
}

func TestBackend_FaultsTakenInOrder(t *testing.T) {
	fs := &Faults{}
	fs.Add(Fault{Path: "/api/v3/data/", Status: 500, Count: 1})
	fs.Add(Fault{Path: "/api/v3/", Status: 502, Count: 1})
	var got []int
	for range 3 {
		f, _ := fs.take("/api/v3/data/")
		got = append(got, f.Status)
	}
	assert.Equal(t, []int{500, 502, 0}, got)
}
