package jsonread_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segment-braze-wasm/segment-braze-wasm/core/jsonread"
)

// FuzzParse checks Parse against encoding/json: the same verdict on every
// input, the same value on what both accept; and, with limits, that
// nothing beyond them is kept, the syntax verdict does not change, and an
// input nothing was cut from reads as without limits.
func FuzzParse(f *testing.F) {
	for _, tc := range testdata {
		if len(tc.in) > 4096 {
			continue // the nesting bound is tested by the table; big seeds slow the fuzzer down
		}
		f.Add([]byte(tc.in), uint8(tc.lim.MaxDepth), uint8(tc.lim.MaxKeys), uint8(tc.lim.MaxString), uint8(tc.lim.MaxNodes))
	}
	f.Add([]byte(benchEvent), uint8(3), uint8(10), uint8(20), uint8(30))
	f.Fuzz(func(t *testing.T, data []byte, depth, keys, str, nodes uint8) {
		got, issues, err := jsonread.Parse(data, jsonread.Limits{})
		if !json.Valid(data) {
			require.Error(t, err, "encoding/json rejects %q", data)
			return
		}
		require.NoError(t, err)
		var want any
		if json.Unmarshal(data, &want) != nil {
			// Valid syntax that encoding/json cannot hold: a number out of
			// float64's range, which Parse cuts.
			assert.Contains(t, codes(issues), "invalid_value")
		} else {
			assert.Equal(t, want, got)
			for i, is := range issues {
				if i < 100 {
					assert.Equal(t, "invalid_unicode", is.Code, "%+v", is)
				}
			}
		}
		if utf8.Valid(data) && !bytes.Contains(bytes.ToLower(data), []byte(`\ud`)) {
			assert.NotContains(t, codes(issues), "invalid_unicode")
		}

		lim := jsonread.Limits{MaxDepth: int(depth), MaxKeys: int(keys), MaxString: int(str), MaxNodes: int(nodes)}
		cut, cutIssues, err := jsonread.Parse(data, lim)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(cutIssues), 101)
		n := within(t, lim, cut, 1)
		if lim.MaxNodes > 0 {
			assert.LessOrEqual(t, n, lim.MaxNodes)
		}
		if !cutAny(cutIssues) {
			assert.Equal(t, got, cut)
		}
	})
}

// within checks v, at depth, keeps to lim, and returns how many values it
// holds.
func within(t *testing.T, lim jsonread.Limits, v any, depth int) int {
	n := 1
	switch v := v.(type) {
	case string:
		if lim.MaxString > 0 {
			assert.LessOrEqual(t, len(v), lim.MaxString)
		}
	case map[string]any:
		if lim.MaxDepth > 0 {
			assert.LessOrEqual(t, depth, lim.MaxDepth)
		}
		if lim.MaxKeys > 0 {
			assert.LessOrEqual(t, len(v), lim.MaxKeys)
		}
		for k, e := range v {
			if lim.MaxString > 0 {
				assert.LessOrEqual(t, len(k), lim.MaxString)
			}
			n += within(t, lim, e, depth+1)
		}
	case []any:
		if lim.MaxDepth > 0 {
			assert.LessOrEqual(t, depth, lim.MaxDepth)
		}
		if lim.MaxKeys > 0 {
			assert.LessOrEqual(t, len(v), lim.MaxKeys)
		}
		for _, e := range v {
			n += within(t, lim, e, depth+1)
		}
	}
	return n
}

func codes(issues []jsonread.Issue) []string {
	var c []string
	for _, is := range issues {
		c = append(c, is.Code)
	}
	return c
}

// cutAny says whether issues report a value cut by a limit.
func cutAny(issues []jsonread.Issue) bool {
	for _, is := range issues {
		switch is.Code {
		case "too_deep", "too_many_keys", "payload_too_large":
			return true
		}
	}
	return false
}
