package core

import (
	"strconv"
	"time"
)

// sprintf formats a warning message. It implements the few fmt verbs the
// messages use (%s %q %d %g %t %v %T %%), with fmt's output for the
// argument types they pass. fmt itself is not used: with the reflect
// package it pulls in, it costs about 110 KiB of the brotli-compressed
// wasm module, a fifth of the size budget (bench/report.md).
func sprintf(format string, args ...any) string {
	var buf [160]byte // most messages fit: one allocation, for the string
	b := buf[:0]
	n := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b = append(b, c)
			continue
		}
		i++
		verb := format[i]
		if verb == '%' {
			b = append(b, '%')
			continue
		}
		if n >= len(args) {
			b = append(b, "%!"...)
			b = append(b, verb)
			b = append(b, "(MISSING)"...)
			continue
		}
		b = appendArg(b, verb, args[n])
		n++
	}
	return string(b)
}

// appendArg appends one argument as fmt formats it with verb.
func appendArg(b []byte, verb byte, a any) []byte {
	if verb == 'T' {
		return append(b, typeName(a)...)
	}
	switch v := a.(type) {
	case string:
		if verb == 'q' {
			return strconv.AppendQuote(b, v)
		}
		return append(b, v...)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10)
	case float64:
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case bool:
		return strconv.AppendBool(b, v)
	case error:
		return append(b, v.Error()...)
	case optionKind:
		// Named: a Stringer case would make the linker keep every
		// String method, time.Time's formatting code included.
		return append(b, v.String()...)
	case nil:
		return append(b, "<nil>"...)
	}
	return append(append(append(b, "%!"...), verb), "(unsupported)"...)
}

// typeName is fmt's %T for the types settings values come in; others
// (only reachable from Go callers) are named generically.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "<nil>"
	case string:
		return "string"
	case bool:
		return "bool"
	case float64:
		return "float64"
	case int:
		return "int"
	case []any:
		return "[]interface {}"
	case map[string]any:
		return "map[string]interface {}"
	case []string:
		return "[]string"
	case map[string]string:
		return "map[string]string"
	case time.Time:
		return "time.Time"
	case Options:
		return "core.Options"
	case Undefined:
		return "core.Undefined"
	}
	return "unsupported type"
}

// formatRFC3339 is t.Format(time.RFC3339) for a UTC time. time's general
// formatter (layout parsing included) is about 8 KiB of the compressed
// module, for one message.
func formatRFC3339(t time.Time) string {
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	b := make([]byte, 0, 20)
	b = appendPadded(b, year, 4)
	b = appendPadded(append(b, '-'), int(month), 2)
	b = appendPadded(append(b, '-'), day, 2)
	b = appendPadded(append(b, 'T'), hour, 2)
	b = appendPadded(append(b, ':'), minute, 2)
	b = appendPadded(append(b, ':'), sec, 2)
	return string(append(b, 'Z'))
}

// appendPadded appends x with at least width digits, a minus sign first
// when negative, as time's formatter writes years.
func appendPadded(b []byte, x, width int) []byte {
	if x < 0 {
		b = append(b, '-')
		x = -x
	}
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], int64(x), 10)
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}
