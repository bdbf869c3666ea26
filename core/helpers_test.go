package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testSettings returns settings for family f as ParseSettings would give
// them with only an API key set, changed by opts.
func testSettings(f Family, opts ...func(*Settings)) *Settings {
	s := &Settings{APIKey: "k", Family: f, AutomaticallyDisplayMessages: true, AppboyCompat: true, ReadyTimeoutMs: 5000}
	switch f {
	case FamilyAppboyAB:
		s.Version, s.Major, s.Minor = "2.7", 2, 7
	case FamilyAppboy:
		s.Version, s.Major, s.Minor = "3.5", 3, 5
	default:
		s.Version, s.Major, s.Minor = "6.13", 6, 13
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// started returns a Mapper past its page load, with no user.
func started(t testing.TB, s *Settings) *Mapper {
	m := NewMapper(s, nil)
	m.Start("")
	require.True(t, m.Started())
	return m
}

func codes(ws []Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Field+" "+w.Code)
	}
	return out
}

func call(method string, args ...any) Call {
	if args == nil {
		args = []any{}
	}
	return Call{Method: method, Args: args}
}

func nan() float64 { z := 0.0; return z / z }

// mapCase is one event mapped by a started Mapper with the family's
// default settings (FamilyBraze when zero), and what it must become.
type mapCase struct {
	name   string
	family Family
	event  map[string]any
	want   []Call
	warns  []string
}

func runMapCases(t *testing.T, cases []mapCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.family
			if f == 0 {
				f = FamilyBraze
			}
			r := started(t, testSettings(f)).Handle(tc.event)
			assert.Equal(t, tc.want, r.Calls)
			assert.Equal(t, tc.warns, codes(r.Warnings))
		})
	}
}
