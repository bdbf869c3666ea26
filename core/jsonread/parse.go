package jsonread

import (
	"sync/atomic"

	"github.com/segment-braze-wasm/segment-braze-wasm/core/internal/atof"
)

// parser reads one input. Each value is read with keep false once it is
// cut: then only its syntax is checked, nothing is built, counted or
// reported, so that a cut costs no more than reading past it.
type parser struct {
	s        string // the input, copied once; strings without escapes are slices of it
	pos      int
	lim      Limits
	depth    int  // containers open
	nodes    int  // values kept
	spent    bool // MaxNodes was reached and reported
	issues   []Issue
	unlisted int // issues past maxIssues
	buffers
}

// buffers are the parser's working memory, kept from one Parse to the
// next: in steady state a Parse allocates only what it returns.
type buffers struct {
	path []seg
	// Members of the objects and elements of the arrays being read, as
	// stacks: a container is allocated once, at its exact size, when it
	// closes.
	kvs     []member
	elems   []any
	scratch []byte // strings with escapes are decoded here
}

// spare holds the buffers between calls; a Parse running while another
// holds them makes its own.
var spare atomic.Pointer[buffers]

// maxSpare is the most entries a buffer may hold and be kept: one hostile
// input does not pin its memory for good.
const maxSpare = 4096

func takeBuffers() *buffers {
	if b := spare.Swap(nil); b != nil {
		return b
	}
	return new(buffers)
}

// release hands p's buffers back, emptied so that they pin nothing.
func (p *parser) release(b *buffers) {
	*b = buffers{
		path:    emptied(p.path),
		kvs:     emptied(p.kvs),
		elems:   emptied(p.elems),
		scratch: emptied(p.scratch),
	}
	spare.Store(b)
}

func emptied[T any](s []T) []T {
	if cap(s) > maxSpare {
		return nil
	}
	s = s[:cap(s)]
	clear(s)
	return s[:0]
}

type member struct {
	key string
	val any
}

// value reads the value at p.pos. ok is false when it was cut.
func (p *parser) value(keep bool) (v any, ok bool, err error) {
	if p.pos >= len(p.s) {
		return nil, false, p.unexpected("a value")
	}
	if keep && p.lim.MaxNodes > 0 && p.nodes >= p.lim.MaxNodes {
		if !p.spent {
			p.spent = true
			p.issue(codeTooLarge, "more than "+itoa(p.lim.MaxNodes)+" values: this one and all after it were dropped")
		}
		keep = false
	}
	switch c := p.s[p.pos]; c {
	case '{':
		return p.object(keep)
	case '[':
		return p.array(keep)
	case '"':
		return p.stringValue(keep)
	case 't':
		return p.literal("true", true, keep)
	case 'f':
		return p.literal("false", false, keep)
	case 'n':
		return p.literal("null", nil, keep)
	default:
		if c == '-' || c-'0' < 10 {
			return p.number(keep)
		}
	}
	return nil, false, p.unexpected("a value")
}

func (p *parser) object(keep bool) (any, bool, error) {
	keep, done, err := p.open(keep, '}')
	if err != nil {
		return nil, false, err
	}
	base, n := len(p.kvs), 0
	for ; !done; n++ {
		if p.pos >= len(p.s) || p.s[p.pos] != '"' {
			return nil, false, p.unexpected("a string key")
		}
		raw, plain, err := p.scanString()
		if err != nil {
			return nil, false, err
		}
		if p.ws(); p.pos >= len(p.s) || p.s[p.pos] != ':' {
			return nil, false, p.unexpected("':' after the key")
		}
		p.pos++
		p.ws()
		keepMember := p.keepNth(keep, n)
		var key string
		var bad badUnicode
		if keepMember {
			if key, bad, keepMember = p.text(raw, plain); !keepMember {
				p.issue(codeTooLarge, "a key over the "+itoa(p.lim.MaxString)+"-byte limit ("+itoa(len(raw))+" bytes as JSON): member dropped")
			}
		}
		v, ok, err := p.member(keepMember, key, -1, bad)
		if err != nil {
			return nil, false, err
		}
		if ok {
			p.kvs = append(p.kvs, member{key, v})
		}
		if done, err = p.next('}'); err != nil {
			return nil, false, err
		}
	}
	if !p.close(keep, n) {
		return nil, false, nil
	}
	m := make(map[string]any, len(p.kvs)-base)
	for _, e := range p.kvs[base:] {
		m[e.key] = e.val
	}
	p.kvs = p.kvs[:base]
	return m, true, nil
}

func (p *parser) array(keep bool) (any, bool, error) {
	keep, done, err := p.open(keep, ']')
	if err != nil {
		return nil, false, err
	}
	base, n := len(p.elems), 0
	for ; !done; n++ {
		v, ok, err := p.member(p.keepNth(keep, n), "", n, badUnicode{})
		if err != nil {
			return nil, false, err
		}
		if ok {
			p.elems = append(p.elems, v)
		}
		if done, err = p.next(']'); err != nil {
			return nil, false, err
		}
	}
	if !p.close(keep, n) {
		return nil, false, nil
	}
	a := make([]any, len(p.elems)-base)
	copy(a, p.elems[base:])
	p.elems = p.elems[:base]
	return a, true, nil
}

// open enters the container at p.pos, closed by close, and says whether it
// is kept and whether it is empty (done at once).
func (p *parser) open(keep bool, close byte) (kept, empty bool, err error) {
	if p.depth++; p.depth > maxNesting {
		return false, false, &syntaxError{p.pos, "nested more than " + itoa(maxNesting) + " levels"}
	}
	p.pos++
	if keep && p.lim.MaxDepth > 0 && p.depth > p.lim.MaxDepth {
		p.issue(codeTooDeep, "nested more than "+itoa(p.lim.MaxDepth)+" levels: dropped")
		keep = false
	}
	if keep {
		p.nodes++
	}
	if p.ws(); p.pos < len(p.s) && p.s[p.pos] == close {
		p.pos++
		return keep, true, nil
	}
	return keep, false, nil
}

// close leaves a container of n members and says whether it is to be
// built. MaxKeys cutting it is reported here, once.
func (p *parser) close(keep bool, n int) bool {
	p.depth--
	if !keep {
		return false
	}
	if p.lim.MaxKeys > 0 && n > p.lim.MaxKeys {
		p.issue(codeTooManyKeys, itoa(n)+" members: only the first "+itoa(p.lim.MaxKeys)+" were kept")
	}
	return true
}

// keepNth says whether member n of a container is kept, as MaxKeys allows.
func (p *parser) keepNth(keep bool, n int) bool {
	return keep && (p.lim.MaxKeys == 0 || n < p.lim.MaxKeys)
}

// member reads a member's value, at key or index idx when it is kept; bad
// is what its key's decoding replaced.
func (p *parser) member(keep bool, key string, idx int, bad badUnicode) (any, bool, error) {
	if !keep {
		return p.value(false)
	}
	p.push(key, idx)
	bad.report(p)
	v, ok, err := p.value(true)
	p.pop()
	return v, ok, err
}

// next reads what follows a member: a comma, or close, which ends the
// container (done).
func (p *parser) next(close byte) (done bool, err error) {
	p.ws()
	if p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ',':
			p.pos++
			p.ws()
			return false, nil
		case close:
			p.pos++
			return true, nil
		}
	}
	if close == '}' {
		return false, p.unexpected("',' or '}'")
	}
	return false, p.unexpected("',' or ']'")
}

func (p *parser) literal(lit string, v any, keep bool) (any, bool, error) {
	for i := 0; i < len(lit); i++ {
		if p.pos >= len(p.s) || p.s[p.pos] != lit[i] {
			return nil, false, p.unexpected("'" + lit[i:i+1] + "' in " + lit)
		}
		p.pos++
	}
	if !keep {
		return nil, false, nil
	}
	p.nodes++
	return v, true, nil
}

// number reads a number of the JSON grammar. Integers of up to 15 digits,
// most numbers in events, are exact in a float64 and skip atof.
func (p *parser) number(keep bool) (any, bool, error) {
	start := p.pos
	neg := p.s[p.pos] == '-'
	if neg {
		p.pos++
	}
	var mant uint64
	digits := p.pos
	if p.pos < len(p.s) && p.s[p.pos] == '0' {
		p.pos++
	} else {
		for p.pos < len(p.s) && p.s[p.pos]-'0' < 10 {
			mant = mant*10 + uint64(p.s[p.pos]-'0')
			p.pos++
		}
		if p.pos == digits {
			return nil, false, p.unexpected("a digit")
		}
	}
	simple := p.pos-digits <= 15
	if p.pos < len(p.s) && p.s[p.pos] == '.' {
		p.pos++
		if err := p.digits(); err != nil {
			return nil, false, err
		}
		simple = false
	}
	if p.pos < len(p.s) && p.s[p.pos]|0x20 == 'e' {
		if p.pos++; p.pos < len(p.s) && (p.s[p.pos] == '+' || p.s[p.pos] == '-') {
			p.pos++
		}
		if err := p.digits(); err != nil {
			return nil, false, err
		}
		simple = false
	}
	if !keep {
		return nil, false, nil
	}
	if simple {
		f := float64(mant)
		if neg {
			f = -f
		}
		p.nodes++
		return f, true, nil
	}
	f, ok := atof.Decimal(p.s[start:p.pos])
	if !ok {
		p.issue(codeInvalidValue, "number "+preview(p.s[start:p.pos])+" is out of range: dropped")
		return nil, false, nil
	}
	p.nodes++
	return f, true, nil
}

// digits reads one or more digits.
func (p *parser) digits() error {
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos]-'0' < 10 {
		p.pos++
	}
	if p.pos == start {
		return p.unexpected("a digit")
	}
	return nil
}

func (p *parser) ws() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// unexpected is the syntax error at p.pos, where want was expected.
func (p *parser) unexpected(want string) error {
	if p.pos >= len(p.s) {
		return &syntaxError{p.pos, "unexpected end of input, expecting " + want}
	}
	return &syntaxError{p.pos, "invalid character " + quoteByte(p.s[p.pos:p.pos+1]) + ", expecting " + want}
}

// quoteByte shows b, one byte, in a message: 'x', or 0x09 when it is not
// printable ASCII or is a quote. (strconv.Quote would link Unicode's
// tables for one byte.)
func quoteByte(b string) string {
	const hex = "0123456789abcdef"
	if c := b[0]; c < 0x20 || c >= 0x7f || c == '\'' {
		return "0x" + hex[c>>4:c>>4+1] + hex[c&15:c&15+1]
	}
	return "'" + b + "'"
}

// preview is s cut for a message.
func preview(s string) string {
	if len(s) > 30 {
		return s[:30] + "..."
	}
	return s
}
