package core

import "strconv"

// sprintf formats a warning message. It implements the few fmt verbs the
// messages use (%s %q %d %g %t %v %T %%), with fmt's output for the
// argument types they pass. fmt itself is not used: with the reflect
// package it pulls in, it costs about 110 KiB of the brotli-compressed
// wasm module, a fifth of the size budget (bench/report.md).
func sprintf(format string, args ...any) string {
	var buf [160]byte // most messages fit: one allocation, for the string
	return string(appendf(buf[:0], format, args...))
}

// appendf appends the message sprintf returns. Its arguments do not
// escape, so that a caller's values are boxed on its stack: formatting
// an error would make them escape (errors are turned into text first,
// PanicText).
func appendf(b []byte, format string, args ...any) []byte {
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
	return b
}

// appendArg appends one argument as fmt formats it with verb.
func appendArg(b []byte, verb byte, a any) []byte {
	if verb == 'T' {
		return append(b, typeName(a)...)
	}
	switch v := a.(type) {
	case string:
		if verb == 'q' {
			return appendQuote(b, v)
		}
		return appendStr(b, v)
	case int:
		return appendInt(b, int64(v))
	case int64:
		return appendInt(b, v)
	case uint8:
		return appendInt(b, int64(v))
	case float64:
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case bool:
		return appendStr(b, strconv.FormatBool(v))
	case optionKind:
		// Named: a Stringer case would make the linker keep every
		// String method, Date.String included.
		return appendStr(b, v.String())
	case nil:
		return appendStr(b, "<nil>")
	}
	return appendStr(append(appendStr(b, "%!"), verb), "(unsupported)")
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
	case Date:
		return "core.Date"
	case Options:
		return "core.Options"
	case Undefined:
		return "core.Undefined"
	}
	return "unsupported type"
}

// appendQuote is strconv.AppendQuote, without its rune-by-rune
// printability tables for the usual key of plain ASCII.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// itoa is strconv.Itoa and formatFloat strconv.FormatFloat(f, 'f', -1,
// 64), not inlined: inlined at each of their callers (a dozen, with
// jsonread's itoa) they cost about 0.8 KB of the compressed wasm module.
//
//go:noinline
func itoa(n int) string { return strconv.Itoa(n) }

//go:noinline
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// appendStr and appendInt append s and n, not inlined either: the
// formatting of warnings and the canonical form of values (state.go)
// append in a dozen places each.
//
//go:noinline
func appendStr(b []byte, s string) []byte { return append(b, s...) }

//go:noinline
func appendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }
