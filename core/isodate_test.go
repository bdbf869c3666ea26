package core

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

var testdataISODate = []struct {
	in   string
	want time.Time
	ok   bool
}{
	{"2021-05-06", time.Date(2021, 5, 6, 0, 0, 0, 0, time.UTC), true},
	{"2021-05-06T10:20", time.Date(2021, 5, 6, 10, 20, 0, 0, time.UTC), true},
	{"2021-05-06T10:20:30Z", time.Date(2021, 5, 6, 10, 20, 30, 0, time.UTC), true},
	{"2021-05-06T10:20:30.123456Z", time.Date(2021, 5, 6, 10, 20, 30, 123e6, time.UTC), true},
	{"2021-05-06T10:20:30,5Z", time.Date(2021, 5, 6, 10, 20, 30, 500e6, time.UTC), true},
	{"1991-09-16T00:30:00+02:00", time.Date(1991, 9, 15, 22, 30, 0, 0, time.UTC), true},
	{"1991-09-16T00:30:00-0130", time.Date(1991, 9, 16, 2, 0, 0, 0, time.UTC), true},
	{"1991-09-16T00:30:00+02", time.Date(1991, 9, 15, 22, 30, 0, 0, time.UTC), true},
	{"2021-05-06 10:20:30", time.Date(2021, 5, 6, 10, 20, 30, 0, time.UTC), true},
	{"2017-04-25T14", time.Time{}, false},
	{"20170425", time.Time{}, false},
	{"2021-05", time.Time{}, false},
	{"x2021-05-06", time.Time{}, false},
	{"2021-05-06x", time.Time{}, false},
	{"2021-02-30", time.Time{}, false},
	{"2021-13-01", time.Time{}, false},
	{"2021-05-06T25:00", time.Time{}, false},
	{"2021-05-06T10:20:30.Z", time.Time{}, false},
	{"09/16/1991", time.Time{}, false},
	{"", time.Time{}, false},
}

func TestParseISODate(t *testing.T) {
	for _, tc := range testdataISODate {
		got, ok := parseISODate(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.True(t, tc.want.Equal(got), "%s: got %v", tc.in, got)
	}
}

func FuzzParseISODate(f *testing.F) {
	for _, tc := range testdataISODate {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseISODate(s)
		if !ok {
			return
		}
		if len(s) < 10 || s[4] != '-' || s[7] != '-' {
			t.Fatalf("%q accepted without a dashed date", s)
		}
		if d.Location() != time.UTC {
			t.Fatalf("%q: not UTC", s)
		}
	})
}
