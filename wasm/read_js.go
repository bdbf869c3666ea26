//go:build js && wasm

package main

import (
	"github.com/segment-braze-wasm/segment-braze-wasm/core"
	"github.com/segment-braze-wasm/segment-braze-wasm/core/jsonread"
)

// maxNodes is the most values read from one event or one settings object.
// The shim spends the same budget first (js/src/encode.js), so this only
// holds if the shim's is bypassed; a real event uses a few hundred.
const maxNodes = 10000

// limits bound what a hostile event costs Go. Whatever they cut could not
// have been sent to Braze anyway: a string over 50 KB exceeds what Braze
// takes for a whole event's properties, and core drops values nested past
// core.MaxDepth below traits and properties (the event is one more level).
var limits = jsonread.Limits{
	MaxDepth:  core.MaxDepth + 1,
	MaxKeys:   1000,
	MaxString: core.MaxPropertiesBytes,
	MaxNodes:  maxNodes,
}

// readObject parses the JSON text of an event or of settings as the shim
// wrote it. What the limits cut is reported with its path; null reads as
// an empty object, anything else but an object as an empty object with a
// warning. Text that is not JSON (a bug in the shim) is an error.
func readObject(text []byte) (map[string]any, []core.Warning, error) {
	v, issues, err := jsonread.Parse(text, limits)
	if err != nil {
		return nil, nil, err
	}
	var ws []core.Warning
	for _, is := range issues {
		ws = append(ws, core.Warning{Field: is.Path, Code: is.Code, Message: is.Message})
	}
	m, ok := v.(map[string]any)
	if !ok {
		if v != nil {
			ws = append(ws, core.Warnf("", core.CodeInvalidType, "expected an object but got %s: ignored", typeName(v)))
		}
		m = map[string]any{}
	}
	return m, ws, nil
}

// typeName names the JSON type of v for a warning.
func typeName(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "a value"
}
