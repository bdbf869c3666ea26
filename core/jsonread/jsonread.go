package jsonread

import "strconv"

// Limits bound what Parse keeps. A zero field means no limit. A member
// beyond a limit is left out of the result and reported as an Issue; it is
// never an error.
type Limits struct {
	// MaxDepth is the most objects and arrays open at once, the root
	// counting as one: with MaxDepth 2, {"a":{"b":{}}} loses a.b.
	MaxDepth int
	// MaxKeys is the most members kept in one object, or elements in one
	// array; the rest are reported once, at the container's path.
	MaxKeys int
	// MaxString is the longest string kept, in decoded UTF-8 bytes. A key
	// over it costs its member, reported at the object's path.
	MaxString int
	// MaxNodes is the most values kept in one Parse, every value counting
	// (the root, containers, strings, numbers, literals). Once it is spent,
	// the rest of the input is cut, reported once at the first cut path;
	// Parse still reads the rest for its syntax, building nothing, so that
	// its verdict does not depend on the limits.
	MaxNodes int
}

// Issue reports a value left out or changed. Path is in core's notation:
// traits.address.city, properties.products[1].price; keys are joined as
// they are (an empty key reads [""]), and the root is the empty path.
type Issue struct {
	Path    string
	Code    string
	Message string
}

// Issue codes, as core's warning codes.
const (
	codeTooDeep        = "too_deep"
	codeTooManyKeys    = "too_many_keys"
	codeTooLarge       = "payload_too_large"
	codeInvalidUnicode = "invalid_unicode"
	codeInvalidValue   = "invalid_value"
)

// maxNesting bounds nesting whatever the Limits, as encoding/json does: it
// bounds the parser's recursion. Deeper input is a syntax error.
const maxNesting = 10000

// Parse reads one JSON value (RFC 8259, surrounded by optional whitespace)
// into the shapes encoding/json gives an any: map[string]any, []any,
// float64, string, bool and nil. Duplicate keys: the last one wins.
//
// Input that is not JSON returns an error naming the byte offset, and no
// value. Otherwise what lim cuts, numbers out of float64's range (cut,
// invalid_value) and invalid Unicode in strings (replaced by U+FFFD,
// invalid_unicode) are reported as Issues, in input order. Past 100
// Issues, one last Issue (payload_too_large, at the root) counts the rest.
//
// Strings in the result share one copy of data, made by Parse: data may be
// reused as soon as Parse returns, but a string kept long keeps that copy
// alive (strings.Clone it to keep it alone).
func Parse(data []byte, lim Limits) (any, []Issue, error) {
	b := takeBuffers()
	p := parser{s: string(data), lim: lim, buffers: *b}
	v, err := p.parse()
	p.release(b)
	if err != nil {
		return nil, nil, err
	}
	p.summary()
	return v, p.issues, nil
}

func (p *parser) parse() (any, error) {
	p.ws()
	v, _, err := p.value(true)
	if err != nil {
		return nil, err
	}
	if p.ws(); p.pos < len(p.s) {
		return nil, p.unexpected("end of input after the value")
	}
	return v, nil
}

// syntaxError is input that is not JSON.
type syntaxError struct {
	offset int
	msg    string
}

func (e *syntaxError) Error() string {
	return "jsonread: offset " + itoa(e.offset) + ": " + e.msg
}

// itoa is strconv.Itoa, not inlined, as core's itoa is: inlined at each
// of its callers it costs the wasm module more than the calls cost time.
//
//go:noinline
func itoa(n int) string { return strconv.Itoa(n) }
