package core

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// utc is the Date of a UTC time, written with time for readability.
func utc(year int, month time.Month, day, hour, minute, sec, nsec int) Date {
	return Date(time.Date(year, month, day, hour, minute, sec, nsec, time.UTC).UnixMilli())
}

var testdataISODate = []struct {
	in   string
	want Date
	ok   bool
}{
	{"2021-05-06", utc(2021, 5, 6, 0, 0, 0, 0), true},
	{"2021-05-06T10:20", utc(2021, 5, 6, 10, 20, 0, 0), true},
	{"2021-05-06T10:20:30Z", utc(2021, 5, 6, 10, 20, 30, 0), true},
	{"2021-05-06T10:20:30.123456Z", utc(2021, 5, 6, 10, 20, 30, 123e6), true},
	{"2021-05-06T10:20:30,5Z", utc(2021, 5, 6, 10, 20, 30, 500e6), true},
	{"1991-09-16T00:30:00+02:00", utc(1991, 9, 15, 22, 30, 0, 0), true},
	{"1991-09-16T00:30:00-0130", utc(1991, 9, 16, 2, 0, 0, 0), true},
	{"1991-09-16T00:30:00+02", utc(1991, 9, 15, 22, 30, 0, 0), true},
	{"2021-05-06 10:20:30", utc(2021, 5, 6, 10, 20, 30, 0), true},
	{"2017-04-25T14", 0, false},
	{"20170425", 0, false},
	{"2021-05", 0, false},
	{"x2021-05-06", 0, false},
	{"2021-05-06x", 0, false},
	{"2021-02-30", 0, false},
	{"2021-13-01", 0, false},
	{"2021-05-06T25:00", 0, false},
	{"2021-05-06T10:20:30.Z", 0, false},
	{"09/16/1991", 0, false},
	{"", 0, false},
}

func TestParseISODate(t *testing.T) {
	for _, tc := range testdataISODate {
		got, ok := parseISODate(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
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
		// time's parser agrees on the instant for the RFC 3339 subset.
		if want, err := time.Parse(time.RFC3339Nano, s); err == nil && want.UnixMilli() != int64(d) {
			t.Fatalf("%q: got %s, time says %s", s, d, want.UTC().Format(time.RFC3339Nano))
		}
	})
}
