package core

import (
	"strconv"
	"strings"
)

// trackReserved are removed from custom event properties (seed: "Segment
// removes the following custom properties reserved by Braze").
var trackReserved = []string{"time", "quantity", "event_name", "price", "currency"}

// purchaseReserved are not passed in purchase properties (seed), at root
// and product level.
var purchaseReserved = []string{"time", "product_id", "quantity", "event_name", "price"}

// propsFilter says which values a properties object may hold.
type propsFilter struct {
	reserved []string
	// purchase applies Braze's purchase property rules: keys and strings
	// up to 255 characters, no "$" keys, no null.
	purchase bool
	// nested keeps nested objects and arrays of primitives (SDK 4+).
	nested bool
}

func (m *Mapper) propsFilter(reserved []string, purchase bool) propsFilter {
	return propsFilter{reserved: reserved, purchase: purchase, nested: m.s.Family == FamilyBraze}
}

// apply returns the properties Braze accepts, warning for each one dropped.
// skip names keys already consumed by the caller (dropped silently).
func (f propsFilter) apply(props map[string]any, path string, r *Result, skip ...string) map[string]any {
	out := make(map[string]any, len(props))
	for _, k := range sortedKeys(props) {
		v := props[k]
		switch {
		case contains(skip, k):
		case contains(f.reserved, k):
			r.warn(joinPath(path, k), CodeReservedKey, "%q is reserved by Braze: not sent", k)
		case !validKey(k):
			r.warn(joinPath(path, k), CodeInvalidKey, "key %q has control characters or a double quote: dropped", k)
		case f.purchase && (len(k) > MaxStringLen || strings.HasPrefix(k, "$")):
			r.warn(joinPath(path, k), CodeInvalidKey, "purchase property keys must be at most %d characters and not start with $: dropped", MaxStringLen)
		default:
			if v, ok := f.value(v, path, k, r); ok {
				out[k] = v
			}
		}
	}
	return out
}

func (f propsFilter) value(v any, path, key string, r *Result) (any, bool) {
	warn := func(code, format string, args ...any) { r.warn(joinPath(path, key), code, format, args...) }
	switch v := v.(type) {
	case nil:
		if f.purchase {
			warn(CodeInvalidValue, "null is not a valid purchase property: dropped")
			return nil, false
		}
		return nil, true
	case string:
		if f.purchase && len(v) > MaxStringLen {
			warn(CodeInvalidValue, "purchase property strings must be at most %d characters (got %d): dropped", MaxStringLen, len(v))
			return nil, false
		}
		return v, true
	case float64, bool, Date:
		return v, true
	case map[string]any:
		if !f.nested {
			warn(CodeNestedObject, "nested objects are not supported by this SDK version: dropped")
			return nil, false
		}
		// Reserved names apply at the top only; key and value rules at every level.
		inner := propsFilter{purchase: f.purchase, nested: true}
		return inner.apply(v, joinPath(path, key), r), true
	case []any:
		if !f.nested {
			warn(CodeNestedObject, "arrays are not supported in properties by this SDK version: dropped")
			return nil, false
		}
		for _, e := range v {
			switch e.(type) {
			case map[string]any, []any:
				warn(CodeArrayOfObjects, "arrays holding objects or arrays are not supported: dropped")
				return nil, false
			}
		}
		return v, true
	}
	warn(CodeInvalidType, "%s cannot be sent: dropped", describe(v))
	return nil, false
}

// fitSize drops the largest properties until their JSON size is within
// MaxPropertiesBytes, since the SDK rejects larger events whole.
func fitSize(props map[string]any, path string, r *Result) {
	// Nearly every event is far below the limit: a bound that formats no
	// number settles it without measuring exactly.
	if maxJSONSize(props) <= MaxPropertiesBytes {
		return
	}
	size := jsonSize(props)
	if size <= MaxPropertiesBytes {
		return
	}
	keys := sortedKeys(props)
	sortStringsFunc(keys, func(a, b string) bool { return jsonSize(props[a]) > jsonSize(props[b]) })
	for _, k := range keys {
		if size <= MaxPropertiesBytes {
			return
		}
		n := jsonSize(props[k]) + len(k) + 4
		delete(props, k)
		size -= n
		r.warn(joinPath(path, k), CodePayloadTooLarge, "properties exceed Braze's %d KB limit: this %d-byte property was dropped", MaxPropertiesBytes/1024, n)
	}
}

// jsonSize is the length of v encoded as JSON, as the SDK measures it.
func jsonSize(v any) int { return sizeJSON(v, true) }

// maxJSONSize is at least jsonSize(v) and formats no number: a float64
// takes at most 24 characters and a string byte at most 6 (\u00XX).
func maxJSONSize(v any) int { return sizeJSON(v, false) }

// sizeJSON walks v once for both: exact measures numbers and escapes,
// otherwise their bounds are used.
func sizeJSON(v any, exact bool) int {
	switch v := v.(type) {
	case nil:
		return 4
	case bool:
		if v {
			return 4
		}
		return 5
	case float64:
		if !exact {
			return 24
		}
		var buf [32]byte // no allocation: this runs for every property of every event
		return len(strconv.AppendFloat(buf[:0], v, 'g', -1, 64))
	case string:
		return stringSize(v, exact)
	case Date:
		return 26 // "2006-01-02T15:04:05.000Z"
	case []any:
		n := 2
		for _, e := range v {
			n += sizeJSON(e, exact) + 1
		}
		return n
	case map[string]any:
		n := 2
		for k, e := range v {
			n += stringSize(k, exact) + 1 + sizeJSON(e, exact) + 1
		}
		return n
	}
	return 0
}

// stringSize is sizeJSON for a string, taken apart so that map keys are
// measured without boxing them in an interface (an allocation each).
func stringSize(s string, exact bool) int {
	if !exact {
		return 2 + 6*len(s)
	}
	n := 2
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			n += 2
		}
		n++
	}
	return n
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// truthy is JavaScript's truthiness for normalised values (NaN is falsy):
// the references guard most fields with it.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case float64:
		return v != 0 && v == v
	case string:
		return v != ""
	}
	return true
}
