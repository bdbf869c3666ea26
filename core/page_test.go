package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func pageEvent(name, category string, props map[string]any) map[string]any {
	ev := map[string]any{"type": "page", "properties": props}
	if name != "" {
		ev["name"] = name
	}
	if category != "" {
		ev["category"] = category
	}
	return ev
}

var testdataPage = []struct {
	name       string
	all, named bool
	event      map[string]any
	want       []Call
	warns      []string
}{
	{name: "neither setting: not sent", event: pageEvent("Home", "", nil), warns: []string{" page_not_tracked"}},
	{name: "all pages, named", all: true, event: pageEvent("Home", "", map[string]any{"path": "/"}),
		want: []Call{call("logCustomEvent", "Viewed Home Page", map[string]any{"path": "/", "name": "Home"})}},
	{name: "all pages, category and name", all: true, event: pageEvent("Install", "Docs", nil),
		want: []Call{call("logCustomEvent", "Viewed Docs Install Page", map[string]any{"name": "Install", "category": "Docs"})}},
	{name: "all pages, unnamed", all: true, event: pageEvent("", "", map[string]any{"url": "u"}),
		want: []Call{call("logCustomEvent", "Loaded a Page", map[string]any{"url": "u"})}},
	{name: "category only counts as unnamed", all: true, event: pageEvent("", "Docs", nil),
		want: []Call{call("logCustomEvent", "Loaded a Page", map[string]any{"category": "Docs"})}},
	{name: "named pages only: named sent", named: true, event: pageEvent("Home", "", nil),
		want: []Call{call("logCustomEvent", "Viewed Home Page", map[string]any{"name": "Home"})}},
	{name: "named pages only: unnamed skipped", named: true, event: pageEvent("", "", nil), warns: []string{"name page_not_tracked"}},
	{name: "both settings: unnamed sent (D4, seed over classic)", all: true, named: true, event: pageEvent("", "", nil),
		want: []Call{call("logCustomEvent", "Loaded a Page", map[string]any{})}},
	{name: "page properties filtered like track (section 7)", all: true,
		event: pageEvent("Home", "", map[string]any{"price": 1.0, "bad\"key": 1.0, "list": []any{map[string]any{}}}),
		want:  []Call{call("logCustomEvent", "Viewed Home Page", map[string]any{"name": "Home"})},
		warns: []string{"properties.bad\"key invalid_key", "properties.list array_of_objects", "properties.price reserved_key"}},
	{name: "changeUser first", all: true, event: map[string]any{"type": "page", "userId": "u", "name": "Home"},
		want: []Call{call("changeUser", "u"), call("logCustomEvent", "Viewed Home Page", map[string]any{"name": "Home"})}},
}

func TestPage(t *testing.T) {
	for _, tc := range testdataPage {
		t.Run(tc.name, func(t *testing.T) {
			s := testSettings(FamilyBraze, func(s *Settings) { s.TrackAllPages, s.TrackNamedPages = tc.all, tc.named })
			r := started(t, s).Handle(tc.event)
			assert.Equal(t, tc.want, r.Calls)
			assert.Equal(t, tc.warns, codes(r.Warnings))
		})
	}
}

var testdataGroup = []struct {
	name  string
	event map[string]any
	want  []Call
	warns []string
}{
	{name: "group attribute", event: map[string]any{"type": "group", "groupId": "1234", "traits": map[string]any{"name": "Initech"}},
		want: []Call{call("getUser().setCustomUserAttribute", "ab_segment_group_1234", true)}},
	{name: "numeric group id", event: map[string]any{"type": "group", "groupId": 7.0},
		want:  []Call{call("getUser().setCustomUserAttribute", "ab_segment_group_7", true)},
		warns: []string{"groupId converted_type"}},
	{name: "changeUser first", event: map[string]any{"type": "group", "groupId": "g", "userId": "u"},
		want: []Call{call("changeUser", "u"), call("getUser().setCustomUserAttribute", "ab_segment_group_g", true)}},
	{name: "no groupId: no call (not ab_segment_group_undefined)", event: map[string]any{"type": "group"},
		warns: []string{"groupId missing_group_id"}},
}

func TestGroup(t *testing.T) {
	for _, tc := range testdataGroup {
		t.Run(tc.name, func(t *testing.T) {
			r := started(t, testSettings(FamilyBraze)).Handle(tc.event)
			assert.Equal(t, tc.want, r.Calls)
			assert.Equal(t, tc.warns, codes(r.Warnings))
		})
	}
}
