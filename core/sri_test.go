package core

import (
	"strings"
	"testing"
)

// TestValidSRI: validSRI splits as strings.Fields does.
func TestValidSRI(t *testing.T) {
	fields := func(s string) bool {
		for _, tok := range strings.Fields(s) {
			for _, alg := range []string{"sha256-", "sha384-", "sha512-"} {
				if strings.HasPrefix(tok, alg) && len(tok) > len(alg) {
					return true
				}
			}
		}
		return false
	}
	for _, s := range []string{"", " ", "abc", "sha384-", "sha384-a", " sha512-AAAA", "x sha256-", "sha256- sha256-b",
		"md5-x\u3000sha256-y", "sha256-\u00a0", "a\u0085sha384-z", "\xffsha256-x", "sha256-x\xff", "sha1-x\tsha384-"} {
		if got, want := validSRI(s), fields(s); got != want {
			t.Errorf("validSRI(%q) = %t, want %t", s, got, want)
		}
	}
}
