package core

// track maps a track event: purchases for Order Completed (and, with
// logPurchaseWhenRevenuePresent, for events with revenue), a custom event
// otherwise.
func (m *Mapper) track(ev *Event, r *Result) {
	m.switchUser(ev, r)
	if ev.Event == "" {
		r.warn("event", CodeMissingField, "a track event needs a name: nothing sent")
		return
	}
	ev.readProps = true
	switch {
	case isOrderCompleted(ev.Event):
		m.orderCompleted(ev, r)
		return
	case m.s.LogPurchaseWhenRevenuePresent && truthy(peek(ev, "revenue")):
		if m.revenuePurchase(ev, r) {
			return
		}
	}
	// Checked only here, where the name is sent: the SDK refuses a custom
	// event for a character of its name. (A purchase checks its product
	// id, and an Order Completed event's name is sent nowhere.)
	if !refused(&r.Warnings, &eventField, CodeInvalidName, "not sent", ev.Event) {
		name := ev.name
		if name == nil {
			name = ev.Event
		}
		m.customEvent(r, ev, name)
	}
}

// switchUser calls changeUser when the event carries a userId that is not
// already the Braze user: Analytics.js 2.0 puts the stored userId on every
// event, and a repeated changeUser only costs a call.
func (m *Mapper) switchUser(ev *Event, r *Result) {
	if ev.UserID != "" && ev.UserID != m.user {
		m.changeUser(r, ev.UserID)
	}
}

// customEvent logs the event's properties under name, with extra members
// (a page's name and category) in place of properties of the same key.
func (m *Mapper) customEvent(r *Result, ev *Event, name any, extra ...Option) {
	var buf [2]string
	skip := buf[:0]
	for _, o := range extra {
		skip = append(skip, o.Key)
	}
	props, size := m.propsFilter(ev, trackReserved, false).apply(ev.Properties, &propertiesField, 1, len(extra), nil, r, skip...)
	for _, o := range extra {
		props[o.Key] = o.Value
		size += stringSize(o.Key, false) + maxJSONSize(o.Value) + 2
	}
	props = fitSize(props, size, &propertiesField, r)
	r.call(MethodLogCustomEvent, name, props)
}

// peek reads a top-level property as the mapping will send it, without
// warnings: the code that sends or drops it reports on it.
func peek(ev *Event, key string) any {
	v := ev.Properties[key]
	if ev.raw {
		v, _ = normalizeScalar(v, nil, nil)
	}
	return v
}

// read is a member's value as the mapping sends it; ok is false when it
// is dropped, with a warning.
func read(ev *Event, v any, at *field, r *Result) (any, bool) {
	if !ev.raw {
		return v, true
	}
	return normalizeScalar(v, at, &r.Warnings)
}

// isNonEmptyArray reports whether v is an array with elements.
func isNonEmptyArray(v any) bool {
	a, ok := v.([]any)
	return ok && len(a) > 0
}

// isOrderCompleted matches the classic integration's Order Completed
// patterns: ^[ _]?completed[ _]?order[ _]? (not end-anchored, so
// "Completed Orders" matches) or ^[ _]?order[ _]?completed[ _]?$,
// ignoring case.
func isOrderCompleted(name string) bool {
	return matchWords(name, "completed", "order", false) || matchWords(name, "order", "completed", true)
}

// matchWords matches s case-insensitively. ASCII folding is enough: no
// other character folds to a letter of the two words (the Kelvin sign and
// the long s fold to k and s), and it copies nothing.
func matchWords(s, first, second string, anchored bool) bool {
	s = trimSep(s)
	if !hasPrefixFold(s, first) {
		return false
	}
	s = trimSep(s[len(first):])
	if !hasPrefixFold(s, second) {
		return false
	}
	s = s[len(second):]
	return !anchored || s == "" || s == " " || s == "_"
}

// trimSep removes one optional space or underscore.
func trimSep(s string) string {
	if s != "" && (s[0] == ' ' || s[0] == '_') {
		return s[1:]
	}
	return s
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}
