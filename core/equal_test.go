package core

import (
	"hash/fnv"
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDeepEqualMatchesReflect(t *testing.T) {
	now := utc(2020, 1, 2, 3, 4, 5, 0)
	values := []any{
		nil, true, false, "", "a", 1.0, 2.0, math.NaN(), 1, int64(1),
		now, now + 1,
		[]any(nil), []any{}, []any{"a"}, []any{"a", 1.0}, []any{[]any{map[string]any{"x": 1.0}}},
		[]string(nil), []string{}, []string{"a"},
		map[string]any(nil), map[string]any{}, map[string]any{"a": 1.0}, map[string]any{"a": 2.0},
		map[string]any{"a": 1.0, "b": nil}, map[string]any{"a": map[string]any{"t": now}},
		map[string]any{"a": map[string]any{"t": now + 2}},
		map[string]string{"a": "b"}, Options{{Key: "k", Value: 1.0}}, Undefined{}, GenderMale,
	}
	for i, a := range values {
		for j, b := range values {
			assert.Equal(t, reflect.DeepEqual(a, b), deepEqual(a, b), "%d %#v vs %d %#v", i, a, j, b)
		}
	}
}

// TestFingerprintIsFNV1a pins the attribute memory's hash to hash/fnv's
// FNV-1a 64: values stored in localStorage by earlier versions must still
// match.
func TestFingerprintIsFNV1a(t *testing.T) {
	args := []any{"a", 1.5, map[string]any{"k": true}}
	h := fnv.New64a()
	for _, a := range args {
		h.Write(appendCanonical(nil, a))
	}
	assert.Equal(t, strconv.FormatUint(h.Sum64(), 36), fingerprint(args))
}
