package core

// markerPrefix starts the strings the shim writes for values JSON cannot
// carry (protocol §3): U+E000, a private-use character, then a kind and an
// optional ":detail" ("\uE000NaN", "\uE000bigint:12"). A real string that
// starts with U+E000 comes with that character doubled.
const markerPrefix = "\uE000"

// maxSafeBigInt is the largest BigInt magnitude sent as a number: 2^53,
// beyond which a float64 no longer holds every integer.
const maxSafeBigInt = 1 << 53

// splitMarker returns the kind and detail of marker s ("NaN", "bigint:12")
// and true; for any other string it returns the string as sent, with an
// escaping U+E000 removed, and false. Not inlined: a copy in each caller
// costs more of the wasm module than the call costs time.
//
//go:noinline
func splitMarker(s string) (string, bool) {
	if !hasPrefix(s, markerPrefix) {
		return s, false
	}
	s = s[len(markerPrefix):]
	if hasPrefix(s, markerPrefix) {
		return s, false
	}
	return s, true
}

// bigintDigits returns the decimal digits of a bigint marker body, an
// optional minus sign included.
func bigintDigits(body string) (string, bool) {
	digits, ok := cutPrefix(body, "bigint:")
	n, _ := cutPrefix(digits, "-")
	if !ok || n == "" || skipDigits(n, 0) != len(n) {
		return "", false
	}
	return digits, true
}

// markerValue is what a value marker becomes at f: a BigInt a number
// (or, beyond 2^53, its decimal string), with a converted_type warning;
// any other marker a dropped value (ok false), with a warning whose code
// the protocol gives its kind.
func markerValue(body string, f *field, ws *[]Warning) (any, bool) {
	if digits, ok := bigintDigits(body); ok {
		if n, ok := safeInteger(digits); ok {
			warnAt(ws, f, CodeConvertedType, "a BigInt (%s): sent as a number", digits)
			return n, true
		}
		warnAt(ws, f, CodeConvertedType, "a BigInt (%s) beyond 2^53: sent as its decimal string", digits)
		return digits, true
	}
	dropMarker(body, f, ws)
	return nil, false
}

// safeInteger returns the value of bigintDigits' digits when its
// magnitude is at most maxSafeBigInt.
func safeInteger(digits string) (float64, bool) {
	magnitude, neg := cutPrefix(digits, "-")
	var n int64
	for i := 0; i < len(magnitude); i++ {
		if n = n*10 + int64(magnitude[i]-'0'); n > maxSafeBigInt {
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	return float64(n), true
}

// dropMarker warns that the value a marker stands for is dropped.
func dropMarker(body string, f *field, ws *[]Warning) {
	kind, detail, _ := cut(body, ":")
	// The shim finds a cycle through an object itself (kind cyclic); one
	// through an array is what JSON.stringify threw, whose message says so
	// in every browser (V8: "circular structure", Firefox and Safari:
	// "cyclic").
	if kind == "getter_threw" && (index(detail, "circular structure") >= 0 || index(detail, "cyclic") >= 0) {
		kind = "cyclic"
	}
	switch kind {
	case "NaN", "Infinity", "-Infinity": // as JavaScript writes them
		warnAt(ws, f, CodeInvalidValue, "%s is not a number Braze can store: dropped", kind)
	case "invalid_date":
		warnAt(ws, f, CodeInvalidValue, "an invalid Date: dropped")
	case "function", "symbol":
		warnAt(ws, f, CodeInvalidValue, "a %s cannot be sent: dropped", kind)
	case "getter_threw":
		warnAt(ws, f, CodeInvalidValue, "reading it threw (%s): dropped", detail)
	case "cyclic":
		warnAt(ws, f, CodeCyclic, "refers back to an enclosing object: dropped")
	case "too_long":
		warnAt(ws, f, CodePayloadTooLarge, "a string of %s characters exceeds Braze's %d KB limit: dropped", detail, MaxPropertiesBytes/1024)
	case "budget":
		warnAt(ws, f, CodePayloadTooLarge, "the event is larger than the shim reads: this value and those after it were cut")
	default:
		warnAt(ws, f, CodeInvalidValue, "%q is not a value marker this version knows: dropped", markerPrefix+body)
	}
}
