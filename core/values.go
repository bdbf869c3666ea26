package core

import "strings"

// Braze limits checked before calls are made (contract.md section 3).
const (
	// MaxPropertiesBytes is the largest JSON size of an event's or a
	// purchase's properties the SDK accepts; larger ones are rejected whole.
	MaxPropertiesBytes = 50 * 1024
	// MaxStringLen is Braze's limit on product ids, currency codes and
	// purchase property keys and values.
	MaxStringLen = 255
	// MinQuantity and MaxQuantity bound a purchase's quantity.
	MinQuantity, MaxQuantity = 1, 100
)

// validKey reports whether the SDK accepts k as a property or attribute
// key: not empty, no control characters and no double quote. "__proto__"
// is refused too: set on a JS object it replaces the prototype instead of
// adding a key.
func validKey(k string) bool {
	if k == "" || k == "__proto__" {
		return false
	}
	for _, c := range k {
		if c < 0x20 || c == 0x7f || c == '"' {
			return false
		}
	}
	return true
}

// isObject reports whether v is a nested object (not an array, not a Date).
func isObject(v any) bool {
	_, ok := v.(map[string]any)
	return ok
}

// allStrings reports whether every element of a is a string.
func allStrings(a []any) bool {
	for _, e := range a {
		if _, ok := e.(string); !ok {
			return false
		}
	}
	return true
}

// allObjects reports whether every element of a is an object.
func allObjects(a []any) bool {
	for _, e := range a {
		if !isObject(e) {
			return false
		}
	}
	return len(a) > 0
}

// objcase finds the first key of m that equals name once every character
// but letters, digits and dots is removed and the rest lower-cased
// (first_name, FirstName and "first name" all match firstName), the lookup
// Segment's facade uses for traits. It returns the key found.
func objcase(m map[string]any, name string) (string, any, bool) {
	want := normalizeKey(name)
	if v, ok := m[name]; ok {
		return name, v, true
	}
	for _, k := range sortedKeys(m) {
		if normalizeKey(k) == want {
			return k, m[k], true
		}
	}
	return "", nil, false
}

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
