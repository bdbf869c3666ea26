package core

import (
	"strconv"
)

// The keys Braze reserves, as bits of a propsFilter's reserved set.
const (
	reservedTime = 1 << iota
	reservedQuantity
	reservedEventName
	reservedPrice
	reservedCurrency
	reservedProductID
)

// trackReserved are removed from custom event properties (seed: "Segment
// removes the following custom properties reserved by Braze").
const trackReserved = reservedTime | reservedQuantity | reservedEventName | reservedPrice | reservedCurrency

// purchaseReserved are not passed in purchase properties (seed), at root
// and product level.
const purchaseReserved = reservedTime | reservedProductID | reservedQuantity | reservedEventName | reservedPrice

// reservedKey returns k's bit, 0 for a key Braze does not reserve, with
// the field and message of its warning at the top of an event's
// properties, written out: a Product Viewed nearly always has a price and
// a currency, and formatting their warnings cost two of its allocations.
// A switch, several times faster than a loop over the keys, since every
// key of every event goes through it.
func reservedKey(k string) (bit uint8, field, message string) {
	const reserved = " is reserved by Braze: not sent"
	switch k {
	case "time":
		return reservedTime, "properties.time", `"time"` + reserved
	case "quantity":
		return reservedQuantity, "properties.quantity", `"quantity"` + reserved
	case "event_name":
		return reservedEventName, "properties.event_name", `"event_name"` + reserved
	case "price":
		return reservedPrice, "properties.price", `"price"` + reserved
	case "currency":
		return reservedCurrency, "properties.currency", `"currency"` + reserved
	case "product_id":
		return reservedProductID, "properties.product_id", `"product_id"` + reserved
	}
	return 0, "", ""
}

// propertiesField is the root of the properties' field paths.
var propertiesField = field{key: "properties", index: -1}

// propsFilter says which values a properties object may hold.
type propsFilter struct {
	reserved uint8 // bits of reservedKey
	// purchase applies Braze's purchase property rules: keys and strings
	// up to 255 characters, no "$" keys, no null.
	purchase bool
	// nested keeps nested objects and arrays of primitives (SDK 4+).
	nested bool
	// raw normalises values as they are read (Event.raw): the filter's
	// copy is then the only one made of the properties.
	raw bool
}

func (m *Mapper) propsFilter(ev *Event, reserved uint8, purchase bool) propsFilter {
	return propsFilter{reserved: reserved, purchase: purchase, nested: m.s.Family == FamilyBraze, raw: ev.raw}
}

// apply returns the properties Braze accepts (filter) in a map sized for
// them: sized for all, a Product Viewed's map had twice the groups. extra
// is room for members the caller adds. under is members to return where
// props has none of the same key (an order's under a product's): put in
// first, and replaced, rather than each looked up.
func (f propsFilter) apply(props map[string]any, at *field, depth, extra int, under []Option, r *Result, skip ...string) (map[string]any, int) {
	var buf [16]Option
	kept, bound := f.filter(buf[:0], nil, props, at, depth, r, skip...)
	return mapOf(kept, under, extra), bound
}

// mapOf returns under and kept, whose members replace under's of the same
// key, in a map with room for extra more.
func mapOf(kept, under []Option, extra int) map[string]any {
	out := make(map[string]any, len(kept)+len(under)+extra)
	for _, o := range under {
		out[o.Key] = o.Value
	}
	for _, o := range kept {
		out[o.Key] = o.Value
	}
	return out
}

// filter appends to kept the members of props Braze accepts, or puts them
// in out when it is not nil, warning for each one dropped; it returns
// kept and an upper bound of their JSON size (maxJSONSize, measured on the
// way instead of by a second walk). depth is the nesting level of props
// (1 for an event's properties). skip names keys the caller consumed, and
// reported on, itself.
func (f propsFilter) filter(kept []Option, out map[string]any, props map[string]any, at *field, depth int, r *Result, skip ...string) ([]Option, int) {
	bound := 2
	from := len(r.Warnings)
	var buf [4]warnGroup
	groups := buf[:0]
	for k, v := range props {
		if contains(skip, k) {
			continue
		}
		start := len(r.Warnings)
		kf := at.member(k)
		if v, n, ok := f.member(k, v, &kf, depth, r); ok {
			if out != nil {
				out[k] = v
			} else {
				kept = append(kept, Option{k, v})
			}
			bound += stringSize(k, false) + n + 2
		}
		groups = noteGroup(groups, k, start, r.Warnings)
	}
	sortGroups(r.Warnings, from, groups)
	return kept, bound
}

// member checks one member of an object at depth; n bounds its size.
func (f propsFilter) member(k string, v any, at *field, depth int, r *Result) (_ any, n int, ok bool) {
	if f.raw {
		if v, ok = normalizeScalar(v, at, &r.Warnings); !ok {
			return nil, 0, false
		}
	}
	switch {
	case f.isReserved(k, at, r):
		// isReserved has warned.
	case !validKey(&r.Warnings, at, k):
		// validKey has said why.
	case f.purchase && (len(k) > MaxStringLen || hasPrefix(k, "$")):
		r.warnAt(at, CodeInvalidKey, "purchase property keys must be at most %d characters and not start with $: dropped", MaxStringLen)
	default:
		return f.value(v, at, depth, r)
	}
	return nil, 0, false
}

// isReserved reports whether k is one of f's reserved keys, warning at at
// when it is.
func (f propsFilter) isReserved(k string, at *field, r *Result) bool {
	bit, field, message := reservedKey(k)
	if f.reserved&bit == 0 {
		return false
	}
	if at.up == &propertiesField {
		addWarning(&r.Warnings, Warning{Field: field, Code: CodeReservedKey, Message: message, Level: LevelWarning})
	} else {
		r.warnAt(at, CodeReservedKey, "%s", message) // a product's
	}
	return true
}

func (f propsFilter) value(v any, at *field, depth int, r *Result) (any, int, bool) {
	switch x := v.(type) {
	case nil:
		if f.purchase {
			r.warnAt(at, CodeInvalidValue, "null is not a valid purchase property: dropped")
			return nil, 0, false
		}
	case string:
		if f.purchase && len(x) > MaxStringLen {
			r.warnAt(at, CodeInvalidValue, "purchase property strings must be at most %d characters (got %d): dropped", MaxStringLen, len(x))
			return nil, 0, false
		}
	case float64, bool, Date:
	case map[string]any:
		if !f.nested {
			r.warnAt(at, CodeNestedObject, "nested objects are not supported by this SDK version: dropped")
			return nil, 0, false
		}
		if depth >= MaxDepth {
			r.warnAt(at, CodeTooDeep, "nested more than %d levels: dropped", MaxDepth)
			return nil, 0, false
		}
		// Reserved names apply at the top only; key and value rules at every level.
		inner := propsFilter{purchase: f.purchase, nested: true, raw: f.raw}
		sub := at.sub()
		// Not apply: its buffer, passed down this recursion, would be
		// moved to the heap for every object.
		out := make(map[string]any, len(x))
		_, n := inner.filter(nil, out, x, &sub, depth+1, r)
		return out, n, true
	case []any:
		if !f.nested {
			r.warnAt(at, CodeNestedObject, "arrays are not supported in properties by this SDK version: dropped")
			return nil, 0, false
		}
		if depth >= MaxDepth {
			r.warnAt(at, CodeTooDeep, "nested more than %d levels: dropped", MaxDepth)
			return nil, 0, false
		}
		if a, ok := f.array(v, x, at, r); ok {
			return a, maxJSONSize(a), true
		}
		return nil, 0, false
	default:
		r.warnAt(at, CodeInvalidType, "%s cannot be sent: dropped", describe(v))
		return nil, 0, false
	}
	return v, maxJSONSize(v), true
}

// array checks an array of primitives. It is copied only when one of its
// elements changes (normalizeScalar); v is a as given.
func (f propsFilter) array(v any, a []any, at *field, r *Result) (any, bool) {
	for _, e := range a {
		switch e.(type) {
		case map[string]any, []any:
			r.warnAt(at, CodeArrayOfObjects, "arrays holding objects or arrays are not supported: dropped")
			return nil, false
		}
	}
	if !f.raw {
		return v, true
	}
	var out []any
	for i, e := range a {
		ef := at.elem(i)
		n, ok := normalizeScalar(e, &ef, &r.Warnings)
		if out == nil && (!ok || n != e) {
			out = append(make([]any, 0, len(a)), a[:i]...)
		}
		if out != nil && ok {
			out = append(out, n)
		}
	}
	if out == nil {
		return v, true
	}
	return out, true
}

// fitSize returns props without their largest members, as many as it
// takes for their JSON size to be within MaxPropertiesBytes, since the SDK
// rejects larger events whole. bound is at least their size
// (maxJSONSize): nearly every event is far below the limit, and a bound
// that formats no number settles it without measuring exactly. The
// members kept go to a new map rather than the others being deleted:
// deleting from a map costs the wasm module more code than this rare
// case is worth.
func fitSize(props map[string]any, bound int, at *field, r *Result) map[string]any {
	if bound <= MaxPropertiesBytes {
		return props
	}
	size := jsonSize(props)
	if size <= MaxPropertiesBytes {
		return props
	}
	keys := sortedKeys(props)
	sortStringsFunc(keys, func(a, b string) bool { return jsonSize(props[a]) > jsonSize(props[b]) })
	for len(keys) > 0 && size > MaxPropertiesBytes {
		k := keys[0]
		keys = keys[1:]
		n := jsonSize(props[k]) + len(k) + 4
		size -= n
		kf := at.member(k)
		r.warnAt(&kf, CodePayloadTooLarge, "properties exceed Braze's %d KB limit: this %d-byte property was dropped", MaxPropertiesBytes/1024, n)
	}
	kept := make(map[string]any, len(keys))
	for _, k := range keys {
		kept[k] = props[k]
	}
	return kept
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
// the references guard most fields with it. Not inlined: it is called in
// a dozen places.
//
//go:noinline
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
