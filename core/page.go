package core

// page maps a page event to a custom event when Track All Pages or Track
// Named Pages asks for it. Track All Pages sends unnamed pages even when
// Track Named Pages is also on (the seed's rule).
func (m *Mapper) page(ev *Event, r *Result) {
	switch {
	case !m.s.TrackAllPages && !m.s.TrackNamedPages:
		r.info("", CodePageNotTracked, "page calls are sent only with trackAllPages or trackNamedPages: not sent")
		return
	case !m.s.TrackAllPages && ev.Name == "":
		r.info("name", CodePageNotTracked, "trackNamedPages is on and this page has no name: not sent")
		return
	}
	m.switchUser(ev, r)
	ev.readProps = true
	var buf [2]Option
	extra := buf[:0]
	if ev.Name != "" {
		extra = append(extra, Option{Key: "name", Value: ev.Name})
	}
	if ev.Category != "" {
		extra = append(extra, Option{Key: "category", Value: ev.Category})
	}
	m.customEvent(r, ev, pageEventName(ev), extra...)
}

// pageEventName is "Viewed <category> <name> Page", "Viewed <name> Page",
// or "Loaded a Page" for a page without a name.
func pageEventName(ev *Event) string {
	switch {
	case ev.Name == "":
		return "Loaded a Page"
	case ev.Category == "":
		return "Viewed " + ev.Name + " Page"
	}
	return "Viewed " + ev.Category + " " + ev.Name + " Page"
}

// group records membership as the custom attribute
// ab_segment_group_<groupId> = true; group traits are not sent.
func (m *Mapper) group(ev *Event, r *Result) {
	m.switchUser(ev, r)
	if ev.GroupID == "" {
		r.warn("groupId", CodeMissingGroupID, "a group call needs a groupId: nothing sent")
		return
	}
	key := "ab_segment_group_" + ev.GroupID
	m.userCall(r, "groupId", "custom:"+key, MethodSetCustomAttribute, key, true)
}
