package core

import (
	"math"
	"strconv"
)

// MaxBuffered is how many events anonymousEvents "buffer" keeps before the
// first identify with a userId; older ones are dropped with a warning.
const MaxBuffered = 100

// gate decides, before initialize, what happens to ev under
// only-known-users. It reports whether ev should be mapped now.
func (m *Mapper) gate(ev *Event, r *Result) bool {
	if !m.s.OnlyKnownUsers {
		m.start(r, "")
		return true
	}
	if ev.Type == TypeIdentify && ev.UserID != "" {
		m.start(r, ev.UserID)
		buffered := m.buffered
		m.buffered = nil
		for i := range buffered {
			m.dispatch(&buffered[i], r)
		}
		return true
	}
	if !m.s.BufferAnonymous {
		r.info("userId", CodeUnknownUser, "only known users are tracked and no userId is known yet: %s event dropped", ev.Type)
		return false
	}
	if len(m.buffered) == MaxBuffered {
		r.warn("userId", CodeBufferOverflow, "more than %d events before the first identify: the oldest (%s) was dropped", MaxBuffered, m.buffered[0].Type)
		copy(m.buffered, m.buffered[1:])
		m.buffered = m.buffered[:MaxBuffered-1]
	}
	// Held events are normalised now, so that their bad values are
	// reported with the event that had them, not with the identify that
	// releases them.
	if ev.raw {
		ev.Traits = normalizeObject(ev.Traits, "traits", &r.Warnings)
		ev.Properties = normalizeObject(ev.Properties, "properties", &r.Warnings)
		ev.raw = false
	}
	m.buffered = append(m.buffered, *ev)
	return false
}

// Buffered returns how many events wait for a known user.
func (m *Mapper) Buffered() int { return len(m.buffered) }

// debounced reports whether identify ev, with its normalised traits,
// repeats the previous identify of this page load, and remembers it
// otherwise.
func (m *Mapper) debounced(ev *Event, traits map[string]any) bool {
	if !m.s.DebounceIdentify {
		return false
	}
	prev, seen := m.lastIdent, m.identified
	m.lastIdent, m.identified = Event{UserID: ev.UserID, AnonymousID: ev.AnonymousID, Traits: traits}, true
	return seen && prev.UserID == ev.UserID && prev.AnonymousID == ev.AnonymousID &&
		equalValues(prev.Traits, traits)
}

// costWithoutOptions is what identify ev would cost with neither
// debounceIdentify nor sendOnlyChangedTraits: the data points a debounced
// identify saved. It maps ev on a copy of the mapper, which leaves m, its
// store (not read with the options off) and its user as they are.
func (m *Mapper) costWithoutOptions(ev *Event) int {
	s := *m.s
	s.DebounceIdentify, s.SendOnlyChangedTraits = false, false
	c := *m
	c.s = &s
	var r Result
	c.identify(ev, &r)
	return DataPoints(r.Calls)
}

// equalValues compares normalised values: maps regardless of key order,
// times by instant, a missing object equal to an empty one.
func equalValues(a, b map[string]any) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return deepEqual(a, b)
}

// userCall appends a getUser() setter call for the attribute name. With
// sendOnlyChangedTraits it is skipped when the same value was last written
// for the same Braze user, and remembered otherwise.
func (m *Mapper) userCall(r *Result, field, name, method string, args ...any) {
	if m.s.SendOnlyChangedTraits {
		key := "bw:" + m.user + ":" + name
		sum := fingerprint(args)
		if old, ok := m.store.Get(key); ok && old == sum {
			r.info(field, CodeUnchangedTrait, "same value as last written for this user: not sent (sendOnlyChangedTraits)")
			r.Saved++ // every setter is one data point
			return
		}
		m.store.Set(key, sum)
	}
	r.call(method, args...)
}

// fingerprint hashes values to a short string for the attribute memory.
func fingerprint(args []any) string {
	// FNV-1a 64, as hash/fnv's New64a computes it, without the hash
	// packages' interfaces in the wasm module.
	h := uint64(14695981039346656037)
	b := make([]byte, 0, 64)
	for _, a := range args {
		b = appendCanonical(b[:0], a)
		for _, c := range b {
			h ^= uint64(c)
			h *= 1099511628211
		}
	}
	return string(strconv.AppendUint(b[:0], h, 36))
}

// appendCanonical writes v in a form where equal values give equal bytes.
func appendCanonical(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return appendStr(b, "n")
	case bool:
		if v {
			return appendStr(b, "t")
		}
		return appendStr(b, "f")
	case string:
		return strconv.AppendQuote(appendStr(b, "s"), v)
	case Gender:
		return appendStr(appendStr(b, "g"), string(v))
	case float64:
		if math.IsNaN(v) {
			return appendStr(b, "dNaN")
		}
		return strconv.AppendFloat(appendStr(b, "d"), v, 'g', -1, 64)
	case Date:
		return appendInt(appendStr(b, "T"), int64(v))
	case []any:
		b = appendStr(b, "[")
		for _, e := range v {
			b = appendStr(appendCanonical(b, e), ",")
		}
		return appendStr(b, "]")
	case map[string]any:
		b = appendStr(b, "{")
		for _, k := range sortedKeys(v) {
			b = strconv.AppendQuote(b, k)
			b = appendStr(appendCanonical(appendStr(b, ":"), v[k]), ",")
		}
		return appendStr(b, "}")
	}
	return appendStr(b, "?")
}
