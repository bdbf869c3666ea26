package core

import "strings"

// track maps a track event: purchases for Order Completed (and, with
// logPurchaseWhenRevenuePresent, for events with revenue), a custom event
// otherwise.
func (m *Mapper) track(ev *Event, r *Result) {
	m.switchUser(ev, r)
	if ev.Event == "" {
		r.warn("event", CodeMissingField, "a track event needs a name: nothing sent")
		return
	}
	switch {
	case isOrderCompleted(ev.Event):
		m.orderCompleted(ev, r)
	case m.s.LogPurchaseWhenRevenuePresent && truthy(ev.Properties["revenue"]):
		m.revenuePurchase(ev, r)
	default:
		m.customEvent(r, ev.Event, ev.Properties)
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

func (m *Mapper) customEvent(r *Result, name string, props map[string]any) {
	out := m.propsFilter(trackReserved, false).apply(props, "properties", r)
	fitSize(out, "properties", r)
	r.call(MethodLogCustomEvent, name, out)
}

// isOrderCompleted matches the classic integration's Order Completed
// patterns: ^[ _]?completed[ _]?order[ _]? (not end-anchored, so
// "Completed Orders" matches) or ^[ _]?order[ _]?completed[ _]?$,
// ignoring case.
func isOrderCompleted(name string) bool {
	s := strings.ToLower(name)
	return matchWords(s, "completed", "order", false) || matchWords(s, "order", "completed", true)
}

func matchWords(s, first, second string, anchored bool) bool {
	s = trimSep(s)
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = trimSep(s[len(first):])
	if !strings.HasPrefix(s, second) {
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
