package core

import "unicode/utf8"

// The strings functions core uses, written out: with the strings package
// the wasm module would link the unicode package and its tables, which
// strings imports, and strings.Index's search algorithms.

func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && s[:len(prefix)] == prefix
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

func cutPrefix(s, prefix string) (after string, found bool) {
	if !hasPrefix(s, prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// index is strings.Index by plain comparison, for the short strings it
// searches; cut is strings.Cut on it.
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

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// indexFunc is the index of the first rune of s for which f is true, or
// -1; invalid UTF-8 reads as U+FFFD, byte by byte.
func indexFunc(s string, f func(rune) bool) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if f(r) {
			return i
		}
		i += size
	}
	return -1
}

// trimFunc removes the runes for which f is true from both ends of s.
func trimFunc(s string, f func(rune) bool) string {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if !f(r) {
			break
		}
		s = s[size:]
	}
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !f(r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}
