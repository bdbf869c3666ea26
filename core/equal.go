package core

// deepEqual is reflect.DeepEqual for the values settings and events hold:
// nil, booleans, strings, numbers, Dates, []any, []string,
// map[string]any, map[string]string and Options, nested. As with
// DeepEqual, types must match, NaN is unequal to itself and a nil map or
// slice differs from an empty one. reflect is not used: it costs about 30 KiB of the
// compressed wasm module. Other types, reachable only from Go callers,
// are compared with ==, and unequal when not comparable.
func deepEqual(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || (x == nil) != (y == nil) || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !deepEqual(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || (x == nil) != (y == nil) || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !deepEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case []string:
		y, ok := b.([]string)
		if !ok || (x == nil) != (y == nil) || len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	case map[string]string:
		y, ok := b.(map[string]string)
		if !ok || (x == nil) != (y == nil) || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			if yv, ok := y[k]; !ok || xv != yv {
				return false
			}
		}
		return true
	case Options:
		y, ok := b.(Options)
		if !ok || (x == nil) != (y == nil) || len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i].Key != y[i].Key || !deepEqual(x[i].Value, y[i].Value) {
				return false
			}
		}
		return true
	}
	return comparableEqual(a, b)
}

// comparableEqual is a == b, false when the values cannot be compared.
func comparableEqual(a, b any) (eq bool) {
	defer func() {
		if recover() != nil {
			eq = false
		}
	}()
	return a == b
}
