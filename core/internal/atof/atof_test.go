package atof

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// same reports whether f and g are the same float64, -0 apart from 0.
func same(f, g float64) bool { return math.Float64bits(f) == math.Float64bits(g) }

// check compares Decimal with strconv.ParseFloat on a valid number,
// given to ParseFloat in scientific form (sci).
func check(t *testing.T, s string) {
	t.Helper()
	want, err := strconv.ParseFloat(sci(s), 64)
	got, ok := Decimal(s)
	if !same(got, want) || ok != (err == nil) {
		t.Errorf("Decimal(%q) = %v, %t; ParseFloat: %v, %v", s, got, ok, want, err)
	}
}

// sci writes a number with one digit before the point: ParseFloat reads
// over 800 digits before the point as if the ones past 800 were not
// there (Go 1.26; its slow path sets the point from the digits it keeps).
func sci(s string) string {
	sign := ""
	if s[0] == '+' || s[0] == '-' {
		sign, s = s[:1], s[1:]
	}
	mant, e, _ := strings.Cut(strings.ToLower(s), "e")
	exp, _ := strconv.Atoi(e)
	exp = max(min(exp, 1e8), -1e8)
	whole, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(whole+frac, "0")
	if digits == "" {
		return sign + "0"
	}
	exp += len(whole) - (len(whole+frac) - len(digits)) - 1
	return sign + digits[:1] + "." + digits[1:] + "0e" + strconv.Itoa(exp)
}

func TestSci(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "-0.00": "-0", "12.5": "1.250e1", "0.0125": "1.250e-2", "+7e3": "+7.0e3", "5.": "5.0e0", ".5e-1": "5.0e-2",
		"1e99999999999999999999": "1.0e100000000",
	} {
		if got := sci(in); got != want {
			t.Errorf("sci(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecimal(t *testing.T) {
	long := strings.Repeat("9", 900)
	for _, s := range []string{
		"0", "-0", "+0", "0.0", "-0.000e5", "00012", "1", "-1", "+1.5", ".5", "5.", "18.99", "0.1", "0.2", "0.3",
		"0.30000000000000004", "123456789012345", "1234567890123456", "12345678901234567890",
		"9007199254740992", "9007199254740993", "9007199254740995", "1e22", "1e23", "1e-22", "1e-23",
		"1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "-1.7976931348623159e308",
		"1e308", "1e309", "1e310", "1e400", "-1e400", "1e-400", "-1e-400",
		"4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.4703282292062328e-325",
		"2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "2.225073858507201136057409796709131975934819546351645648e-308",
		"5e-324", "1e-324", "3e-324", "7.5e-324",
		"0.000000000000000000000000000000000000000000001", "100000000000000000000000000000000000000000000000000e-50",
		"1e0000000000000000000000001", "1e-0000000000000000000000001", "1e99999999999999999999", "1e-99999999999999999999",
		"0." + strings.Repeat("0", 400) + "1e400", long, "0." + long, long + "e-900", long + "e-1200", "1" + strings.Repeat("0", 850) + "1e-851",
		// Halfway between two float64s, and just off it, past 800 digits.
		"9007199254740993" + strings.Repeat("0", 800), "9007199254740993" + strings.Repeat("0", 800) + "1",
		"0.5000000000000001110223024625156540423631668090820312500000000000000000000001",
		"1.00000000000000011102230246251565404236316680908203125",
		"1.00000000000000011102230246251565404236316680908203124",
		"1.00000000000000011102230246251565404236316680908203126",
		"1.00000000000000033306690738754696212708950042724609375",
		"2.00000000000000044408920985006261616945266723632812500000000000000000000000000000001",
		"6.9294956446009195e15", "3.4835e-317", "1.4e-45", "123456789e-330", "8.533e-309", "7e-10", "3.14159265358979323846264338327950288",
	} {
		check(t, s)
	}
}

// TestDecimalHalfway checks the midpoints between neighbouring float64s,
// written out exactly, and the numbers just beside them.
func TestDecimalHalfway(t *testing.T) {
	for _, f := range []float64{1, 3, 0.1, 1e23, 1e-300, math.MaxFloat64 / 3, math.SmallestNonzeroFloat64, 2.2250738585072014e-308, 8.9e-320, 123.456} {
		next := math.Nextafter(f, math.Inf(1))
		mid := new(big.Float).SetPrec(2000)
		mid.Add(new(big.Float).SetFloat64(f), new(big.Float).SetFloat64(next))
		mid.Quo(mid, big.NewFloat(2))
		s := mid.Text('e', 800)
		check(t, s)
		m, e, _ := strings.Cut(s, "e")
		m = strings.TrimRight(m, "0")
		check(t, m+"1e"+e)
		check(t, m+"e"+e)
	}
}

// TestBinary checks Binary against ParseFloat's reading of hexadecimal.
func TestBinary(t *testing.T) {
	for _, tc := range []struct {
		m       uint64
		exp     int
		inexact bool
	}{
		{0, 0, false}, {1, 0, false}, {1<<53 + 1, 0, false}, {1<<53 + 1, 0, true}, {1<<53 + 3, 0, false},
		{1<<64 - 1, 0, false}, {1<<64 - 1, 960, false}, {1<<64 - 1, 961, false}, {1 << 63, 961, false},
		{1<<63 + 1<<10, 960, false}, {1<<63 + 1<<10 - 1, 960, true}, {1, -1074, false}, {1, -1075, false},
		{3, -1076, false}, {1<<63 + 1, -1138, false}, {1 << 63, -1139, false}, {1<<63 + 1, -1139, false},
		{1 << 63, -1140, true}, {12345, -1080, false},
		// Exponents whose field would wrap when shifted into place.
		{1<<64 - 1, 3200, true}, {1 << 63, 4096, false}, {1, 1 << 20, false},
	} {
		s := "0x" + strconv.FormatUint(tc.m, 16) + "p" + strconv.Itoa(tc.exp)
		if tc.inexact {
			// A bit set far below m.
			s = "0x" + strconv.FormatUint(tc.m, 16) + strings.Repeat("0", 30) + "1p" + strconv.Itoa(tc.exp-124)
		}
		want, err := strconv.ParseFloat(s, 64)
		got, ok := Binary(tc.m, tc.exp, tc.inexact)
		if !same(got, want) || ok != (err == nil) {
			t.Errorf("Binary(%#x, %d, %t) = %v, %t; ParseFloat(%s): %v, %v", tc.m, tc.exp, tc.inexact, got, ok, s, want, err)
		}
	}
}

// FuzzDecimal: Decimal is ParseFloat on every number of the grammar.
func FuzzDecimal(f *testing.F) {
	f.Add("123", "456", true, int16(0))
	f.Add("", "30000000000000004", true, int16(-1))
	f.Add("17976931348623157", "", false, int16(292))
	f.Add("4940656458412465441765687928682213723651", "", false, int16(-363))
	f.Fuzz(func(t *testing.T, whole, frac string, point bool, exp int16) {
		digits := func(s string) string {
			return strings.Map(func(r rune) rune { return '0' + (r & 0xff % 10) }, s)
		}
		whole, frac = digits(whole), digits(frac)
		if whole == "" && frac == "" {
			return
		}
		s := whole
		if point || frac != "" {
			s += "." + frac
		}
		if exp != 0 {
			s += "e" + strconv.Itoa(int(exp))
		}
		check(t, s)
		check(t, "-"+s)
	})
}

// TestDecimalRandom checks numbers of up to 40 digits across the
// float64 range, the shortest forms of random float64s among them.
func TestDecimalRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		var b strings.Builder
		for n := 1 + r.IntN(40); n > 0; n-- {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		check(t, b.String()+"e"+strconv.Itoa(r.IntN(700)-360))
		f := math.Float64frombits(r.Uint64() &^ (1 << 63))
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			check(t, strconv.FormatFloat(f, 'g', -1, 64))
			check(t, strconv.FormatFloat(f, 'e', 16+r.IntN(3), 64))
		}
	}
}

func BenchmarkDecimal(b *testing.B) {
	for _, s := range []string{"18.99", "0.30000000000000004", "1.7976931348623157e308", "4.9406564584124654e-324"} {
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				Decimal(s)
			}
		})
	}
}
