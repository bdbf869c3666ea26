package core_test

import (
	"fmt"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// The page's Analytics.js loads Segment's Braze Actions plugin from its
// CDN settings, and analytics.load switched the classic one off.
func ExampleConflicts() {
	var load core.Switches
	load.Put(core.NameBit("Braze"), false) // integrations: {Braze: false}
	page := core.Page{
		Load:   load,
		CDN:    core.NameBit("Braze"),
		Remote: core.NameBit("Braze Web Mode (Actions)"),
	}
	names := core.Conflicts(page)
	fmt.Println(names)
	fmt.Println(core.ConflictMessage(names))
	// Output:
	// [Braze Web Mode (Actions)]
	// Segment's own Braze destination also runs on this page (Braze Web Mode (Actions)): Braze gets every event twice. Turn its device mode off in Segment, or pass integrations: {'Braze Web Mode (Actions)': false} to analytics.load
}

// An exclusion written for Segment's Braze destination keeps an event from
// this one too, unless analytics.load says the same for every event.
func ExampleExcluded() {
	var event core.Switches
	event.Put(core.NameBit("Braze"), false) // analytics.track('E', {}, {integrations: {Braze: false}})
	fmt.Println(core.Excluded(event, core.Page{}))

	var load core.Switches
	load.Put(core.NameBit("Braze"), false) // analytics.load(key, {integrations: {Braze: false}})
	fmt.Println(core.Excluded(event, core.Page{Load: load}))
	// Output:
	// integrations.Braze true
	//  false
}
