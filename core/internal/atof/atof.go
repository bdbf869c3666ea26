// Package atof converts numbers written in decimal, and long binary
// integers, to the nearest float64, rounding half to even: the results of
// strconv.ParseFloat, which the wasm module cannot afford. ParseFloat's
// fast algorithms and its float32 and hexadecimal paths cost the module
// about 5 KB of its brotli size; here a number that is not exact in a
// float64 multiplication or division is computed with big integers, which
// is slower but rare in events (a JavaScript number prints with at most
// 17 digits).
package atof

import (
	"math"
	"math/bits"
)

// maxDigits is the most significant digits read exactly. Every float64
// and every midpoint between two has an exact decimal form of at most 767
// significant digits, so the digits past 800 can only matter by being
// zero or not: they are replaced by one digit 1 when they are not.
const maxDigits = 800

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// Decimal returns the float64 nearest to s, a decimal number the caller
// has checked: an optional sign, digits with an optional point (either
// side of it may be empty, not both) and an optional exponent (e or E, an
// optional sign, digits). ok is false when s is beyond the largest
// float64, for which it returns an infinity, as ParseFloat does; a number
// too small for the smallest is zero, with ok true.
func Decimal(s string) (f float64, ok bool) {
	neg := s[0] == '-'
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	// digits holds the significant digits, without leading zeros; the
	// number is digits × 10^exp.
	var digits []byte
	exp, point, trunc := 0, false, false
	i := 0
	for ; i < len(s) && s[i] != 'e' && s[i] != 'E'; i++ {
		switch c := s[i]; {
		case c == '.':
			point = true
		case c == '0' && len(digits) == 0:
			if point {
				exp--
			}
		case len(digits) < maxDigits:
			digits = append(digits, c)
			if point {
				exp--
			}
		default:
			trunc = trunc || c != '0'
			if !point {
				exp++
			}
		}
	}
	if i < len(s) {
		exp += exponent(s[i+1:])
	}
	if trunc {
		digits = append(digits, '1')
		exp--
	}
	for len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		exp++
	}
	f, ok = decimal(digits, exp)
	if neg {
		f = -f
	}
	return f, ok
}

// exponent reads an exponent's optional sign and digits, bounded far
// beyond any that can matter so that it cannot overflow.
func exponent(s string) int {
	neg := s[0] == '-'
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	e := 0
	for i := 0; i < len(s) && e < 1e8; i++ {
		e = e*10 + int(s[i]-'0')
	}
	if neg {
		return -e
	}
	return e
}

// decimal returns the float64 nearest to digits × 10^exp, digits having
// no leading or trailing zeros.
func decimal(digits []byte, exp int) (float64, bool) {
	switch n := len(digits); {
	case n == 0 || exp+n < -324:
		// Below 1e-324, less than half the smallest float64.
		return 0, true
	case exp+n > 310:
		return math.Inf(1), false
	case n <= 15 && -22 <= exp && exp <= 22:
		// The digits and the power of ten are exact float64s: one
		// correctly rounded operation gives the nearest.
		var m uint64
		for _, c := range digits {
			m = m*10 + uint64(c-'0')
		}
		if exp < 0 {
			return float64(m) / pow10[-exp], true
		}
		return float64(m) * pow10[exp], true
	}
	// digits × 10^exp = num/den × 2^exp, with den = 5^-exp when exp is
	// negative: the quotient's 64 leading bits and whether a remainder
	// is left are what rounding needs.
	var num, den nat
	for _, c := range digits {
		num = num.mulAdd(10, uint32(c-'0'))
	}
	den = nat{1}
	if exp > 0 {
		num = num.mulPow5(exp)
	} else {
		den = den.mulPow5(-exp)
	}
	// num << s / den is in [2^62, 2^64).
	s := 63 - num.bitLen() + den.bitLen()
	if s > 0 {
		num = num.shl(s)
	} else {
		den = den.shl(-s)
	}
	var q uint64
	d := den.shl(63)
	for i := 63; i >= 0; i-- {
		if num.cmp(d) >= 0 {
			num = num.sub(d)
			q |= 1 << i
		}
		d = d.shr1()
	}
	return Binary(q, exp-s, len(num) > 0)
}

// Binary returns the float64 nearest to (m + ε) × 2^exp, where ε is zero
// when inexact is false and in (0, 1) when it is true: the number whose
// leading bits are m, and inexact when bits that are not all zero were
// cut below them. m must hold more than 53 bits when inexact is true. ok
// is false when the number is beyond the largest float64, for which it
// returns +Inf.
func Binary(m uint64, exp int, inexact bool) (f float64, ok bool) {
	if m == 0 {
		return 0, true
	}
	// lsb is the exponent of the last bit a float64 of this size holds:
	// 52 bits below the first, or that of the smallest subnormal.
	if exp > 1024 {
		// At least 2^1025: beyond the largest float64, and far enough
		// that shifting the exponent into place below would wrap.
		return math.Inf(1), false
	}
	lsb := max(exp+bits.Len64(m)-53, -1074)
	switch shift := lsb - exp; {
	case shift > 64:
		return 0, true // under half the smallest subnormal
	case shift > 0:
		rest, half := m&(1<<shift-1), uint64(1)<<(shift-1)
		m >>= shift
		if rest > half || rest == half && (inexact || m&1 == 1) {
			m++ // may carry into the exponent, as the bits below allow
		}
	default:
		m <<= -shift
	}
	// The biased exponent lands above the 52 fraction bits, the leading
	// bit of m adding one to it for a normal number.
	b := uint64(lsb+1074)<<52 + m
	if b >= 0x7FF<<52 {
		return math.Inf(1), false
	}
	return math.Float64frombits(b), true
}

// A nat is a natural number as 32-bit digits, least significant first,
// without leading zeros: zero is empty.
type nat []uint32

// mulAdd returns x×m + a.
func (x nat) mulAdd(m, a uint32) nat {
	carry := uint64(a)
	for i, d := range x {
		t := uint64(d)*uint64(m) + carry
		x[i], carry = uint32(t), t>>32
	}
	if carry != 0 {
		x = append(x, uint32(carry))
	}
	return x
}

// mulPow5 returns x×5^n.
func (x nat) mulPow5(n int) nat {
	const pow5x13 = 1220703125 // 5^13, the largest power of 5 in 32 bits
	for ; n >= 13; n -= 13 {
		x = x.mulAdd(pow5x13, 0)
	}
	m := uint32(1)
	for ; n > 0; n-- {
		m *= 5
	}
	return x.mulAdd(m, 0)
}

func (x nat) bitLen() int {
	if len(x) == 0 {
		return 0
	}
	return (len(x)-1)*32 + bits.Len32(x[len(x)-1])
}

// shl returns x << n in a new nat.
func (x nat) shl(n int) nat {
	words, b := n/32, uint(n%32)
	z := make(nat, words+len(x)+1)
	for i, d := range x {
		z[words+i] |= d << b
		if b > 0 {
			z[words+i+1] = d >> (32 - b)
		}
	}
	return z.norm()
}

// shr1 returns x >> 1, in place.
func (x nat) shr1() nat {
	for i := range x {
		x[i] >>= 1
		if i+1 < len(x) {
			x[i] |= x[i+1] << 31
		}
	}
	return x.norm()
}

func (x nat) cmp(y nat) int {
	if len(x) != len(y) {
		return len(x) - len(y)
	}
	for i := len(x) - 1; i >= 0; i-- {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// sub returns x - y, in place; x must be at least y.
func (x nat) sub(y nat) nat {
	var borrow uint32
	for i := range x {
		var yi uint32
		if i < len(y) {
			yi = y[i]
		}
		x[i], borrow = bits.Sub32(x[i], yi, borrow)
	}
	return x.norm()
}

func (x nat) norm() nat {
	for len(x) > 0 && x[len(x)-1] == 0 {
		x = x[:len(x)-1]
	}
	return x
}
