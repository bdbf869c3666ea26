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
	if ev.Name != "" {
		// The SDK refuses the custom event for a character of its name,
		// made of the page's name and category (pageEventName). The
		// first field that has one is reported.
		f, s := &pageNameField, ev.Name
		if refusedChar(s) < 0 {
			f, s = &categoryField, ev.Category
		}
		if refused(&r.Warnings, f, CodeInvalidName, "not sent", s) {
			return
		}
	}
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

// Fields of a page's name and category, and of a group's id.
var (
	pageNameField = field{key: "name", index: -1}
	categoryField = field{key: "category", index: -1}
	groupIDField  = field{key: "groupId", index: -1}
)

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
	if refused(&r.Warnings, &groupIDField, CodeInvalidKey, "not sent", ev.GroupID) {
		return
	}
	key := "ab_segment_group_" + ev.GroupID
	m.userCall(r, "groupId", "custom:"+key, MethodSetCustomAttribute, key, true)
}
