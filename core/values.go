package core

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
// Segment's facade uses for traits. It returns the key found: the exact
// name, else the smallest key that matches, as the facade's sorted walk
// would find it, without sorting.
func objcase(m map[string]any, name string) (string, any, bool) {
	if v, ok := m[name]; ok {
		return name, v, true
	}
	key, found := "", false
	for k := range m {
		if keyMatches(k, name) && (!found || k < key) {
			key, found = k, true
		}
	}
	if !found {
		return "", nil, false
	}
	return key, m[key], true
}

// keyMatches reports whether k and name are equal once every character
// but ASCII letters, digits and dots is removed and letters lower-cased,
// without building either string.
func keyMatches(k, name string) bool {
	i, j := 0, 0
	for {
		for i < len(k) && !keyChar(lowerASCII(k[i])) {
			i++ // dropped (this includes the UTF-8 bytes of non-ASCII runes)
		}
		for j < len(name) && !keyChar(lowerASCII(name[j])) {
			j++
		}
		if i == len(k) || j == len(name) {
			return i == len(k) && j == len(name)
		}
		if lowerASCII(k[i]) != lowerASCII(name[j]) {
			return false
		}
		i++
		j++
	}
}

func keyChar(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' }

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
