package core

import (
	"strings"
	"testing"
)

// normalizeKey is the facade's key normalisation, spelled out: every
// character but letters, digits and dots removed, the rest lower-cased.
// keyMatches must agree with comparing its results.
func normalizeKey(k string) string {
	var b strings.Builder
	for _, c := range k {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.':
			b.WriteRune(c)
		case 'A' <= c && c <= 'Z':
			b.WriteRune(c + 'a' - 'A')
		}
	}
	return b.String()
}

func FuzzKeyMatches(f *testing.F) {
	f.Add("First_Name", "firstName")
	f.Add("product-ID", "product_id")
	f.Add("é.x", ".X")
	f.Add("", "_")
	f.Fuzz(func(t *testing.T, k, name string) {
		if want := normalizeKey(k) == normalizeKey(name); keyMatches(k, name) != want {
			t.Fatalf("keyMatches(%q, %q) = %t", k, name, !want)
		}
	})
}
