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
// Dates, as Segment's classic integrations do.
func ParseEvent(raw map[string]any) (Event, []Warning) {
	var ev Event
	var ws []Warning
	ev.Type, _ = idField(raw, "type", &ws)
	ev.UserID, _ = idField(raw, "userId", &ws)
	ev.AnonymousID, _ = idField(raw, "anonymousId", &ws)
	ev.Event, _ = idField(raw, "event", &ws)
	ev.Name, _ = idField(raw, "name", &ws)
	ev.Category, _ = idField(raw, "category", &ws)
	ev.GroupID, _ = idField(raw, "groupId", &ws)
	ev.Traits = objectField(raw, "traits", &ws)
	ev.Properties = objectField(raw, "properties", &ws)
	return ev, ws
}

// idField reads a string field. Numbers are converted (user ids and group
// ids are often numeric); other types are reported and read as absent.
func idField(raw map[string]any, key string, ws *[]Warning) (string, bool) {
	v, ok := raw[key]
	if !ok || v == nil {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			s := strconv.FormatFloat(v, 'f', -1, 64)
			*ws = append(*ws, warnf(key, CodeConvertedType, "expected a string but got number %s: converted", s))
			return s, true
		}
	}
	*ws = append(*ws, warnf(key, CodeInvalidType, "expected a string but got %s: ignored", describe(v)))
	return "", false
}

// objectField reads traits or properties and normalises their values.
func objectField(raw map[string]any, key string, ws *[]Warning) map[string]any {
	v, ok := raw[key]
	if !ok || v == nil {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		*ws = append(*ws, warnf(key, CodeInvalidType, "expected an object but got %s: ignored", describe(v)))
		return nil
	}
	out, _ := normalize(m, "", key, 1, ws)
	return out.(map[string]any)
}

// normalize copies v, turning strict ISO strings into Dates and
// dropping what no SDK can take (NaN, infinities, values nested past
// MaxDepth, types JSON cannot hold). The bool is false when v itself is
// dropped. The path of v is parent plus key, joined only for a warning:
// most values never need it.
func normalize(v any, parent, key string, depth int, ws *[]Warning) (any, bool) {
	switch v := v.(type) {
	case nil, bool:
		return v, true
	case Date:
		return v, true
	case string:
		if len(v) >= 10 && v[4] == '-' {
			if t, ok := parseISODate(v); ok {
				return t, true
			}
		}
		return v, true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			*ws = append(*ws, warnf(joinPath(parent, key), CodeInvalidValue, "%s is not a number Braze can store: dropped", describe(v)))
			return nil, false
		}
		return v, true
	case map[string]any:
		path := joinPath(parent, key)
		if depth > MaxDepth {
			*ws = append(*ws, warnf(path, CodeTooDeep, "nested more than %d levels: dropped", MaxDepth))
			return nil, false
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			if n, ok := normalize(e, path, k, depth+1, ws); ok {
				out[k] = n
			}
		}
		return out, true
	case []any:
		path := joinPath(parent, key)
		if depth > MaxDepth {
			*ws = append(*ws, warnf(path, CodeTooDeep, "nested more than %d levels: dropped", MaxDepth))
			return nil, false
		}
		out := make([]any, 0, len(v))
		for i, e := range v {
			if n, ok := normalize(e, path, "["+strconv.Itoa(i)+"]", depth+1, ws); ok {
				out = append(out, n)
			}
		}
		return out, true
	}
	*ws = append(*ws, warnf(joinPath(parent, key), CodeInvalidType, "%s cannot be sent: dropped", describe(v)))
	return nil, false
}

// joinPath is the field path of key inside parent: parent.key, or
// parent[i] when key is an index.
func joinPath(parent, key string) string {
	switch {
	case parent == "":
		return key
	case key == "":
		return parent + `[""]` // an empty key, which Braze refuses
	case key[0] == '[':
		return parent + key
	}
	return parent + "." + key
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
