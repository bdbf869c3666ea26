package core

import (
	"math"
	"strconv"
)

// Event is a Segment event as delivered to a destination, with the fields
// the Braze mapping reads.
type Event struct {
	Type        string
	UserID      string
	AnonymousID string
	// Event is the track event name.
	Event string
	// Name and Category are the page's.
	Name, Category string
	GroupID        string
	Traits         map[string]any
	Properties     map[string]any

	// name is Event as the raw event held it (readEvent), boxed already:
	// a custom event sends it without boxing it again.
	name any

	// raw is set when Traits and Properties are as the event gave them,
	// not normalised yet (readEvent); readTraits and readProps once the
	// mapping has read them (checkUnread).
	raw, readTraits, readProps bool
}

// Event types. Alias and screen are recognised and ignored.
const (
	TypeIdentify = "identify"
	TypeTrack    = "track"
	TypePage     = "page"
	TypeGroup    = "group"
	TypeAlias    = "alias"
	TypeScreen   = "screen"
)

// MaxDepth is how deep values may nest inside traits and properties;
// deeper values are dropped with a warning. Braze itself rejects nesting
// past a few levels, and the bound keeps hostile input cheap.
const MaxDepth = 16

// ParseEvent reads an event given as a generic map (decoded JSON or a JS
// object) into an Event. Wrong types are converted when unambiguous and
// reported; strict ISO-8601 strings in traits and properties become
// Dates, as Segment's classic integrations do, and the shim's value
// markers (protocol §3) what they stand for.
func ParseEvent(raw map[string]any) (Event, []Warning) {
	var ws []Warning
	ev := readEvent(raw, &ws)
	ev.Traits = normalizeObject(ev.Traits, "traits", &ws)
	ev.Properties = normalizeObject(ev.Properties, "properties", &ws)
	ev.raw, ev.name = false, nil // as an Event made by hand, whose name is boxed when sent
	return ev, ws
}

// readEvent is ParseEvent without normalising traits and properties:
// Mapper.Handle leaves that to the mapping, which reads each value once
// anyway, instead of copying every object first (the event's raw flag).
func readEvent(raw map[string]any, ws *[]Warning) Event {
	ev := Event{raw: true}
	ev.Type = idField(raw["type"], "type", ws)
	ev.UserID = idField(raw["userId"], "userId", ws)
	ev.AnonymousID = idField(raw["anonymousId"], "anonymousId", ws)
	name := raw["event"]
	if ev.Event = idField(name, "event", ws); name == ev.Event {
		ev.name = name
	}
	ev.Name = idField(raw["name"], "name", ws)
	ev.Category = idField(raw["category"], "category", ws)
	ev.GroupID = idField(raw["groupId"], "groupId", ws)
	ev.Traits = objectField(raw, "traits", ws)
	ev.Properties = objectField(raw, "properties", ws)
	return ev
}

// idField reads v, the string field key. Numbers are converted (user ids
// and group ids are often numeric), and so is a BigInt; other types and
// markers are reported and read as absent.
func idField(v any, key string, ws *[]Warning) string {
	if v == nil {
		return ""
	}
	f := field{key: key, index: -1}
	switch v := v.(type) {
	case string:
		s, isMarker := splitMarker(v)
		if !isMarker {
			return s
		}
		if digits, ok := bigintDigits(s); ok {
			warnAt(ws, &f, CodeConvertedType, "expected a string but got a BigInt (%s): converted", digits)
			return digits
		}
		dropMarker(s, &f, ws)
		return ""
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			s := formatFloat(v)
			warnAt(ws, &f, CodeConvertedType, "expected a string but got number %s: converted", s)
			return s
		}
	}
	warnAt(ws, &f, CodeInvalidType, "expected a string but got %s: ignored", describe(v))
	return ""
}

// objectField reads traits or properties as given.
func objectField(raw map[string]any, key string, ws *[]Warning) map[string]any {
	v, ok := raw[key]
	if !ok || v == nil {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		f := field{key: key, index: -1}
		warnAt(ws, &f, CodeInvalidType, "expected an object but got %s: ignored", describe(v))
		return nil
	}
	return m
}

// normalizeObject returns a normalised copy of traits or properties.
func normalizeObject(m map[string]any, key string, ws *[]Warning) map[string]any {
	if m == nil {
		return nil
	}
	f := field{key: key, index: -1}
	out, _ := normalize(m, &f, 1, true, ws)
	return out.(map[string]any)
}

// normalize copies v, turning its scalars into what the SDK receives
// (normalizeScalar) and dropping values nested past MaxDepth. The bool is
// false when v itself is dropped. Without build it only warns, as the
// copy would, and returns no value (checkUnread).
func normalize(v any, f *field, depth int, build bool, ws *[]Warning) (any, bool) {
	switch x := v.(type) {
	case map[string]any:
		if depth > MaxDepth {
			warnAt(ws, f, CodeTooDeep, "nested more than %d levels: dropped", MaxDepth)
			return nil, false
		}
		var out map[string]any
		if build {
			out = make(map[string]any, len(x))
		}
		from := len(*ws)
		var buf [4]warnGroup
		groups := buf[:0]
		// kf is declared outside the loop, which escape analysis reads as
		// outliving anything declared inside, the recursive call's
		// parameter included: it would move a kf declared inside to the heap.
		sub := f.sub()
		var kf field
		for k, e := range x {
			start := len(*ws)
			kf = sub.member(k)
			if n, ok := normalize(e, &kf, depth+1, build, ws); ok && build {
				out[k] = n
			}
			groups = noteGroup(groups, k, start, *ws)
		}
		sortGroups(*ws, from, groups)
		return out, true
	case []any:
		if depth > MaxDepth {
			warnAt(ws, f, CodeTooDeep, "nested more than %d levels: dropped", MaxDepth)
			return nil, false
		}
		var out []any
		if build {
			out = make([]any, 0, len(x))
		}
		sub := f.sub()
		var ef field // outside the loop, as kf above
		for i, e := range x {
			ef = sub.elem(i)
			if n, ok := normalize(e, &ef, depth+1, build, ws); ok && build {
				out = append(out, n)
			}
		}
		return out, true
	}
	return normalizeScalar(v, f, ws)
}

// checkUnread warns about the values of traits or properties the mapping
// of ev did not read (a group's, an identify's properties, an event
// dropped before it is mapped), as normalising them would have: bad
// values are reported whatever the event maps to.
func checkUnread(ev *Event, r *Result) {
	if !ev.raw {
		return
	}
	if ev.Traits != nil && !ev.readTraits {
		f := field{key: "traits", index: -1}
		normalize(ev.Traits, &f, 1, false, &r.Warnings)
	}
	if ev.Properties != nil && !ev.readProps {
		normalize(ev.Properties, &propertiesField, 1, false, &r.Warnings)
	}
}

// normalizeScalar returns v as the SDK receives it: a strict ISO string
// as a Date, a marker as what it stands for (markerValue), an escaped
// string unescaped. NaN, infinities and types JSON cannot hold are
// dropped (ok false) with a warning at f; objects and arrays are returned
// as they are, for the caller to walk. A value that does not change is
// returned as the same interface, so that nothing is boxed again.
func normalizeScalar(v any, f *field, ws *[]Warning) (any, bool) {
	switch x := v.(type) {
	case nil, bool, Date, map[string]any, []any:
		return v, true
	case string:
		s, isMarker := splitMarker(x)
		switch {
		case isMarker:
			return markerValue(s, f, ws)
		case len(s) != len(x):
			return s, true
		case len(x) >= 10 && x[4] == '-':
			if d, ok := parseISODate(x); ok {
				return d, true
			}
		}
		return v, true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			warnAt(ws, f, CodeInvalidValue, "%s is not a number Braze can store: dropped", describe(x))
			return nil, false
		}
		return v, true
	}
	warnAt(ws, f, CodeInvalidType, "%s cannot be sent: dropped", describe(v))
	return nil, false
}

// describe names a value's type for messages, with a short preview.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 30 {
			v = v[:30] + "..."
		}
		return "string " + strconv.Quote(v)
	case float64:
		return "number " + strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return "boolean " + strconv.FormatBool(v)
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case Date:
		return "date " + v.String()
	}
	return "unsupported value"
}
