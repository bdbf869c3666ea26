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
