package core

// toLowerASCII is strings.ToLower for ASCII letters only. What it folds
// (setting names, modes, endpoints) is ASCII by spec, and a non-ASCII
// letter must not fold into one of those (strings.ToLower turns the Kelvin
// sign into "k"); strings.ToLower would also bring the Unicode case tables
// into the wasm module.
func toLowerASCII(s string) string { return mapBytes(s, lowerASCII) }

// toUpperASCII is strings.ToUpper for ASCII letters only, as toLowerASCII.
func toUpperASCII(s string) string {
	return mapBytes(s, func(c byte) byte {
		if 'a' <= c && c <= 'z' {
			return c - ('a' - 'A')
		}
		return c
	})
}

// index is strings.Index by plain comparison, for the short strings it
// searches; cut is strings.Cut on it. strings.Index's search algorithms
// would cost the wasm module several KB of code.
//
//go:noinline
func index(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func cut(s, sep string) (before, after string, found bool) {
	if i := index(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// mapBytes returns s with f applied to each byte; s itself when f changes none.
func mapBytes(s string, f func(byte) byte) string {
	for i := 0; i < len(s); i++ {
		if f(s[i]) != s[i] {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = f(b[j])
			}
			return string(b)
		}
	}
	return s
}
