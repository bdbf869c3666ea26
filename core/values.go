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
// key, warning at f when it does not: not empty, no character refusedChar
// finds. "__proto__" is refused too: set on a JS object it replaces the
// prototype instead of adding a key.
func validKey(ws *[]Warning, f *field, k string) bool {
	if k == "" || k == "__proto__" {
		warnAt(ws, f, CodeInvalidKey, "an empty or \"__proto__\" key cannot be sent: dropped")
		return false
	}
	// refusedChar first, inlined: refused is a call for every key.
	return refusedChar(k) < 0 || !refused(ws, f, CodeInvalidKey, "dropped", k)
}

// refusedChar returns the index of the first byte of s the Braze SDK
// refuses, or -1. Every SDK version read (1.6, 2.7, 3.5, 4.10, 6.13: the
// rule is the same in each family) checks custom event names, product
// ids, property and attribute keys and attribute strings against
// /^[^\x00-\x1F\x22]+$/ and refuses the whole call on a mismatch. Bytes
// are enough: no byte of a multibyte UTF-8 character is below 0x80.
func refusedChar(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == '"' {
			return i
		}
	}
	return -1
}

// refused reports whether s, the value at f, has a character the SDK
// refuses (refusedChar), warning which one; outcome says what is not
// sent. Checking before the call lets the warning name the field and the
// character, where the SDK only returns false.
func refused(ws *[]Warning, f *field, code, outcome, s string) bool {
	i := refusedChar(s)
	if i < 0 {
		return false
	}
	c := s[i]
	name := "control character"
	switch c {
	case '\t':
		name = "tab"
	case '\n':
		name = "newline"
	case '\r':
		name = "carriage return"
	case '"':
		name = "double quote"
	}
	const hex = "0123456789ABCDEF"
	warnAt(ws, f, code, "U+00%s%s (%s) at byte %d is a character the Braze SDK refuses: %s",
		hex[c>>4:c>>4+1], hex[c&15:c&15+1], name, i, outcome)
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
