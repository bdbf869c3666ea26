package core

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
)

// testdataJSNumber holds strings and what JavaScript's Number() makes of
// them, printed by node (NaN, ±Inf, -0 or the number's shortest form).
var testdataJSNumber = []struct{ in, want string }{
	{"0x1p4", "NaN"},
	{"1_000", "NaN"},
	{"Infinity", "+Inf"},
	{" 12 ", "12"},
	{"0x10", "16"},
	{"1e3", "1000"},
	{".5", "0.5"},
	{"5.", "5"},
	{"", "0"},
	{"  ", "0"},
	{"-0", "-0"},
	{"+.5", "0.5"},
	{".", "NaN"},
	{"e5", "NaN"},
	{"1e", "NaN"},
	{"1e+", "NaN"},
	{"1e-3", "0.001"},
	{"-Infinity", "-Inf"},
	{"+Infinity", "+Inf"},
	{"infinity", "NaN"},
	{"INFINITY", "NaN"},
	{"inf", "NaN"},
	{"NaN", "NaN"},
	{"-0x10", "NaN"},
	{"0X1F", "31"},
	{"0o17", "15"},
	{"0O8", "NaN"},
	{"0b101", "5"},
	{"0B2", "NaN"},
	{"0x", "NaN"},
	{"0b", "NaN"},
	{"00x1", "NaN"},
	{"012", "12"},
	{"1.2.3", "NaN"},
	{"1e400", "+Inf"},
	{"-1e400", "-Inf"},
	{"1e-400", "0"},
	{"\u00a012\u2028", "12"},
	{"\ufeff7", "7"},
	{"\u00857", "NaN"},
	{"12abc", "NaN"},
	{"$12", "NaN"},
	{"1,000", "NaN"},
	{"0x1_0", "NaN"},
	{"1__0", "NaN"},
	{" +1.5e+2 ", "150"},
	{"0.1e-5", "0.000001"},
	{"9007199254740993", "9007199254740992"},
	{"0x20000000000001", "9007199254740992"},
	{"0b111111111111111111111111111111111111111111111111111111111111", "1152921504606847000"},
	{"0o777777777777777777777777777777", "1.2379400392853803e+27"},
	{"0xFFFFFFFFFFFFFFFFFFFFFFFFFF", "2.028240960365167e+31"},
	{"5e", "NaN"},
	{"+", "NaN"},
	{"-", "NaN"},
	{"++1", "NaN"},
	{"1e5.5", "NaN"},
	{"\u0661\u0662", "NaN"},
	{"\t\n\u000b\f\r 1 ", "1"},
	{"1\u0000", "NaN"},
}

// jsNumberString formats jsNumber's result as the table writes it.
func jsNumberString(s string) string {
	f, ok := jsNumber(s)
	switch {
	case !ok:
		return "NaN"
	case f == 0 && math.Signbit(f):
		return "-0"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func TestJSNumber(t *testing.T) {
	for _, tc := range testdataJSNumber {
		want := tc.want
		if f, err := strconv.ParseFloat(want, 64); err == nil && !math.IsInf(f, 0) && want != "-0" {
			want = strconv.FormatFloat(f, 'g', -1, 64) // node's 1e-6 is 0.000001
		}
		assert.Equal(t, want, jsNumberString(tc.in), "Number(%q)", tc.in)
	}
}

func TestFiniteNumber(t *testing.T) {
	for in, want := range map[string]bool{"12": true, " 0x10 ": true, "": false, " \u2028": false, "Infinity": false, "1e400": false, "1_000": false} {
		_, ok := finiteNumber(in)
		assert.Equal(t, want, ok, "%q", in)
	}
}

// The grammar of ECMAScript's StringNumericLiteral, spelled as a regular
// expression: the oracle of FuzzJSNumber.
var (
	jsDecimalRE = regexp.MustCompile(`^[+-]?(Infinity|([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)$`)
	jsRadixRE   = regexp.MustCompile(`^0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$`)
)

// jsNumberOracle is Number(s) computed with regexp and math/big.
func jsNumberOracle(s string) (float64, bool) {
	s = strings.TrimFunc(s, func(c rune) bool {
		return strings.ContainsRune("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff", c) || '\u2000' <= c && c <= '\u200a'
	})
	switch {
	case s == "":
		return 0, true
	case jsRadixRE.MatchString(s):
		base := map[byte]int{'x': 16, 'o': 8, 'b': 2}[s[1]|0x20]
		n, _ := new(big.Int).SetString(s[2:], base)
		f, _ := new(big.Float).SetInt(n).Float64()
		return f, true
	case jsDecimalRE.MatchString(s):
		if strings.HasSuffix(s, "Infinity") {
			return math.Inf(map[bool]int{true: -1, false: 1}[s[0] == '-']), true
		}
		f, _ := strconv.ParseFloat(s, 64)
		return f, true
	}
	return 0, false
}

func FuzzJSNumber(f *testing.F) {
	for _, tc := range testdataJSNumber {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := jsNumber(s)
		want, wantOK := jsNumberOracle(s)
		if ok != wantOK || ok && math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("jsNumber(%q) = %v, %t; want %v, %t", s, got, ok, want, wantOK)
		}
	})
}

// TestIsSpace: isSpace is unicode.IsSpace for every rune, and trimSpace
// strings.TrimSpace.
func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Errorf("isSpace(%U) = %t", r, isSpace(r))
		}
	}
	for _, s := range []string{"", " ", "\u0085a b\u3000", "\u00a0\t", "\ufeffx\u2000", "\xffa\x85 ", "a\u200a\u200b"} {
		assert.Equal(t, strings.TrimSpace(s), trimSpace(s), "%q", s)
	}
}
