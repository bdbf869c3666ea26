package core

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestStrs: the helpers of strs.go are the strings functions they stand
// for, invalid UTF-8 included.
func TestStrs(t *testing.T) {
	ins := []string{"", "a", "ab", "a:b:c", "https://x/y", "://", "a:/", "reading it: circular structure", "cycli",
		"6.13", " \u00a0x y\u3000", "\ufeff\u2028 a \u0085", "\xff \xe2\x80", "\xe2\x80 x\xff", "$12", "//api/v3/", "é@é.é"}
	seps := []string{"", "a", "b", ":", "://", ".", "/", "$", "cyclic", "circular structure", "/api/v3", "\xff", "é"}
	for _, s := range ins {
		for _, sep := range seps {
			assert.Equal(t, strings.Index(s, sep), index(s, sep), "index(%q, %q)", s, sep)
			b, a, ok := strings.Cut(s, sep)
			gb, ga, gok := cut(s, sep)
			assert.Equal(t, []any{b, a, ok}, []any{gb, ga, gok}, "cut(%q, %q)", s, sep)
			assert.Equal(t, strings.HasPrefix(s, sep), hasPrefix(s, sep), "hasPrefix(%q, %q)", s, sep)
			assert.Equal(t, strings.HasSuffix(s, sep), hasSuffix(s, sep), "hasSuffix(%q, %q)", s, sep)
			a, ok = strings.CutPrefix(s, sep)
			ga, gok = cutPrefix(s, sep)
			assert.Equal(t, []any{a, ok}, []any{ga, gok}, "cutPrefix(%q, %q)", s, sep)
			if len(sep) == 1 {
				assert.Equal(t, strings.IndexByte(s, sep[0]), indexByte(s, sep[0]), "indexByte(%q, %q)", s, sep)
			}
		}
		for _, f := range []func(rune) bool{isSpace, func(r rune) bool { return r == '\ufffd' || r == 'x' }} {
			assert.Equal(t, strings.IndexFunc(s, f), indexFunc(s, f), "indexFunc(%q)", s)
			assert.Equal(t, strings.TrimFunc(s, f), trimFunc(s, f), "trimFunc(%q)", s)
		}
	}
}

func TestMethodTarget(t *testing.T) {
	for _, tc := range []struct{ method, member, name string }{
		{MethodInitialize, "", "initialize"},
		{MethodAutoShowV1V3, "display", "automaticallyShowNewInAppMessages"},
		{MethodSetEmail, "", "setEmail"},
	} {
		member, name, user := MethodTarget(tc.method)
		assert.Equal(t, []any{tc.member, tc.name, strings.HasPrefix(tc.method, UserMethodPrefix)}, []any{member, name, user}, tc.method)
	}
}
