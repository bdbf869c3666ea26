package core

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSprintfMatchesFmt checks sprintf against fmt.Sprintf for every verb
// and argument type the messages use.
func TestSprintfMatchesFmt(t *testing.T) {
	cases := []struct {
		format string
		args   []any
	}{
		{"plain", nil},
		{"%s and %q", []any{"a\"b", "c\n\u2028"}},
		{"%d.%d of %d", []any{6, 13, -1}},
		{"%g %g %g %g %g", []any{1.5, 1e6, 1e21, math.Inf(1), math.NaN()}},
		{"%g", []any{0.000001}},
		{"%t %t", []any{true, false}},
		{"%v", []any{"text"}},
		{"%v %v", []any{42, 2.5}},
		{"%s", []any{optionBool}},
		{"%T %T %T %T", []any{nil, "s", 1.0, []any{}}},
		{"%T %T", []any{map[string]any{}, []string{}}},
		{"100%% %s", []any{"x"}},
		{"%s %s", []any{"one"}},
		{"%d", []any{int64(7)}},
	}
	for _, tc := range cases {
		assert.Equal(t, fmt.Sprintf(tc.format, tc.args...), sprintf(tc.format, tc.args...), tc.format)
	}
}

// TestTypeName checks typeName against fmt's %T.
func TestTypeName(t *testing.T) {
	for _, v := range []any{Date(0), Options{}, Undefined{}, map[string]string{}} {
		assert.Equal(t, fmt.Sprintf("%T", v), typeName(v))
	}
}

// TestPanicText checks PanicText against fmt's %v for what panics carry.
func TestPanicText(t *testing.T) {
	var runtimeErr error
	func() {
		defer func() { runtimeErr = recover().(error) }()
		var m map[string]int
		m["x"] = 1
	}()
	for _, p := range []any{errors.New("boom"), runtimeErr, "text"} {
		assert.Equal(t, fmt.Sprintf("%v", p), PanicText(p))
	}
	assert.Equal(t, "unknown panic", PanicText(42))
}

func FuzzAppendQuote(f *testing.F) {
	for _, s := range []string{"", "price", "a\"b", "c\\d", "\x7f", "~ ", "é", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendQuote(nil, s)), strconv.Quote(s); got != want {
			t.Fatalf("appendQuote(%q) = %s, want %s", s, got, want)
		}
	})
}
