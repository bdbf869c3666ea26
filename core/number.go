package core

import (
	"math"

	"github.com/segment-braze-wasm/segment-braze-wasm/core/internal/atof"
)

// jsNumber is JavaScript's Number(s) for a string (ECMAScript
// StringToNumber); ok is false where Number gives NaN. The grammar is
// checked here; atof, which takes decimal numbers of it, computes the
// value.
//
// Like Number, it reads a blank string as 0 and "Infinity" as an
// infinity; callers that want neither (a price, a timeout) say so.
func jsNumber(s string) (float64, bool) {
	s = jsTrim(s)
	if s == "" {
		return 0, true
	}
	if len(s) > 2 && s[0] == '0' {
		switch s[1] {
		case 'x', 'X':
			return radixNumber(s[2:], 4)
		case 'o', 'O':
			return radixNumber(s[2:], 3)
		case 'b', 'B':
			return radixNumber(s[2:], 1)
		}
	}
	unsigned := s
	if s[0] == '+' || s[0] == '-' {
		unsigned = s[1:]
	}
	if unsigned == "Infinity" {
		if s[0] == '-' {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	if !decimalLiteral(unsigned) {
		return 0, false
	}
	// Beyond the float64 range, atof returns the infinity that Number
	// gives too.
	f, _ := atof.Decimal(s)
	return f, true
}

// finiteNumber is a number read from a string where a blank string or an
// infinity cannot be meant (Number("") is 0): a price, a quantity, a
// setting.
func finiteNumber(s string) (float64, bool) {
	if jsTrim(s) == "" {
		return 0, false
	}
	f, ok := jsNumber(s)
	return f, ok && !math.IsInf(f, 0)
}

// decimalLiteral reports whether s is an unsigned StrUnsignedDecimalLiteral
// other than Infinity: digits with an optional fraction (either part may
// be empty, not both) and an optional exponent. No separators.
func decimalLiteral(s string) bool {
	i := skipDigits(s, 0)
	digits := i
	if i < len(s) && s[i] == '.' {
		j := skipDigits(s, i+1)
		digits += j - i - 1
		i = j
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := skipDigits(s, i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

func skipDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// radixNumber reads the digits of a hexadecimal (bits 4), octal (3) or
// binary (1) literal. It keeps the first 64 bits of the number and
// whether any bit after them is set, which is what rounding a long
// literal to the nearest float64 needs.
func radixNumber(digits string, bits int) (float64, bool) {
	if digits == "" {
		return 0, false
	}
	var m uint64
	exp, inexact := 0, false
	for i := 0; i < len(digits); i++ {
		d := digitValue(digits[i])
		if d >= 1<<bits {
			return 0, false
		}
		for b := bits - 1; b >= 0; b-- {
			bit := uint64(d>>b) & 1
			if m < 1<<63 {
				m = m<<1 | bit
			} else {
				exp++
				inexact = inexact || bit != 0
			}
		}
	}
	// Beyond the float64 range, +Inf, as Number gives.
	f, _ := atof.Binary(m, exp, inexact)
	return f, true
}

// digitValue is the value of a hexadecimal digit, 16 for anything else.
func digitValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return 16
}

// jsTrim is JavaScript's String.prototype.trim, whose whitespace and line
// terminators Number() also skips: they differ from unicode.IsSpace
// (U+FEFF yes, U+0085 no). Not inlined: it is called in seven places.
//
//go:noinline
func jsTrim(s string) string {
	return trimFunc(s, func(c rune) bool {
		switch c {
		case '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2028', '\u2029',
			'\u202f', '\u205f', '\u3000', '\ufeff':
			return true
		}
		return '\u2000' <= c && c <= '\u200a'
	})
}

// trimSpace is strings.TrimSpace, which removes what unicode.IsSpace
// calls space (isSpace), without the unicode package in the wasm module.
func trimSpace(s string) string { return trimFunc(s, isSpace) }

// isSpace is unicode.IsSpace: Unicode's White_Space property. It differs
// from jsTrim's set: U+0085 yes, U+FEFF no.
func isSpace(c rune) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029',
		'\u202f', '\u205f', '\u3000':
		return true
	}
	return '\u2000' <= c && c <= '\u200a'
}
