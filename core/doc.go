// Package core decides what the Braze Web SDK receives for each Segment
// event. It is pure Go, with no syscall/js, so every rule builds and tests
// with plain go test; the wasm shell only converts values and executes the
// calls this package returns.
//
// # Flow
//
// ParseSettings turns a settings object (either Segment naming scheme) into
// Settings. NewMapper holds the per-page state; Mapper.Start returns the
// page-load calls (initialize, auto-show, changeUser, openSession) and
// Mapper.Handle the calls for one event. Plan runs a whole page load as a
// dry run for the playground.
//
// # Calls
//
// A Call names the method as it is called on the SDK global ("initialize",
// "getUser().setEmail", "display.automaticallyShowNewInAppMessages") with
// its arguments as Go values: string, float64, bool, nil, Date,
// Gender, Undefined, []any and map[string]any.
//
// # Warnings
//
// Nothing is dropped or changed silently: every such decision is a Warning
// with the field path it concerns and a stable code.
package core
