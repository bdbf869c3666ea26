package main

import (
	"bytes"
	"errors"
	"fmt"
)

// Section ids of the WebAssembly binary format that wasmsize reads.
const (
	secCustom   = 0
	secImport   = 2
	secFunction = 3
	secCode     = 10
)

var sectionNames = [...]string{"custom", "type", "import", "function", "table", "memory",
	"global", "export", "start", "element", "code", "data", "data count", "tag"}

// A module is what wasmsize reads of a WebAssembly module: its sections and
// the bodies of the functions it defines.
type module struct {
	sections []section
	funcs    []function // defined functions, in index order
}

// A section is one section of the module, in the order of the file.
type section struct {
	id   byte
	name string // a custom section's own name
	size int    // bytes of content, without the id and size
}

func (s section) String() string {
	switch {
	case s.id == secCustom && s.name != "":
		return "custom " + s.name
	case int(s.id) < len(sectionNames):
		return sectionNames[s.id]
	}
	return fmt.Sprintf("id %d", s.id)
}

// A function is one body of the code section.
type function struct {
	index uint32 // in the function index space, where imports come first
	name  string // from the name section; "" without one
	size  int    // bytes of the body, without its size prefix
}

var magic = []byte("\x00asm\x01\x00\x00\x00")

// parse reads a WebAssembly module. It checks no more of the format than it
// reads: the sections, the imports (to count imported functions), the
// function and code sections and the function names of the name section.
func parse(b []byte) (*module, error) {
	if !bytes.HasPrefix(b, magic) {
		return nil, errors.New("not a WebAssembly module (version 1)")
	}
	r := &reader{b: b[len(magic):], off: len(magic)}
	m := new(module)
	var imported, declared uint32
	hasFunction := false
	names := map[uint32]string{}
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		s := r.sub(r.u32())
		if r.err != nil {
			break
		}
		sec := section{id: id, size: len(s.b)}
		switch id {
		case secCustom:
			sec.name = s.name()
			if sec.name == "name" {
				s.functionNames(names)
			}
		case secImport:
			imported = s.funcImports()
		case secFunction:
			declared, hasFunction = s.u32(), true
		case secCode:
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				body := s.sub(s.u32())
				m.funcs = append(m.funcs, function{size: len(body.b)})
			}
		}
		if s.err != nil {
			return nil, fmt.Errorf("%s section: %w", sec, s.err)
		}
		m.sections = append(m.sections, sec)
	}
	if r.err != nil {
		return nil, r.err
	}
	if hasFunction && int64(declared) != int64(len(m.funcs)) {
		return nil, fmt.Errorf("function section declares %d functions, code section has %d bodies", declared, len(m.funcs))
	}
	for i := range m.funcs {
		f := &m.funcs[i]
		f.index = imported + uint32(i)
		f.name = names[f.index]
	}
	return m, nil
}

// funcImports reads an import section and returns how many of its imports
// are functions.
func (r *reader) funcImports() uint32 {
	var funcs uint32
	for n := r.u32(); n > 0 && r.err == nil; n-- {
		r.name()
		r.name()
		switch kind := r.byte(); kind {
		case 0: // function: type index
			r.u32()
			funcs++
		case 1: // table: reference type, limits
			r.byte()
			r.limits()
		case 2: // memory
			r.limits()
		case 3: // global: value type, mutability
			r.byte()
			r.byte()
		case 4: // tag: attribute, type index
			r.byte()
			r.u32()
		default:
			r.fail(fmt.Errorf("import kind %#x", kind))
		}
	}
	return funcs
}

// limits reads a table's or memory's limits: flags, minimum and maximum
// when flag bit 0 is set; bit 1 is shared memory, bit 2 64-bit bounds.
func (r *reader) limits() {
	flags := r.byte()
	if flags > 7 {
		r.fail(fmt.Errorf("limits flags %#x", flags))
		return
	}
	bits := 32
	if flags&4 != 0 {
		bits = 64
	}
	r.uleb(bits)
	if flags&1 != 0 {
		r.uleb(bits)
	}
}

// functionNames reads the subsections of the name section into names,
// from its function names (subsection 1).
func (r *reader) functionNames(names map[uint32]string) {
	for len(r.b) > 0 && r.err == nil {
		id := r.byte()
		s := r.sub(r.u32())
		if id != 1 {
			continue
		}
		for n := s.u32(); n > 0 && s.err == nil; n-- {
			i := s.u32()
			names[i] = s.name()
		}
		r.fail(s.err)
	}
}

// A reader reads the binary format from b, which starts at off in the
// file. Its first error sticks: after it, reads return zero values.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(err error) {
	if r.err == nil && err != nil {
		r.err = err
	}
}

func (r *reader) truncated() {
	r.fail(fmt.Errorf("offset %d: unexpected end", r.off))
}

func (r *reader) next(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.truncated()
		return nil
	}
	b := r.b[:n]
	r.b, r.off = r.b[n:], r.off+int(n)
	return b
}

func (r *reader) byte() byte {
	if b := r.next(1); b != nil {
		return b[0]
	}
	return 0
}

// sub returns a reader of the next n bytes, as a section or body of that
// size; its errors are its own.
func (r *reader) sub(n uint32) *reader {
	off := r.off
	return &reader{b: r.next(uint64(n)), off: off, err: r.err}
}

func (r *reader) u32() uint32 { return uint32(r.uleb(32)) }

// uleb reads an unsigned LEB128 number of at most bits bits, in at most
// ceil(bits/7) bytes, as the format requires.
func (r *reader) uleb(bits int) uint64 {
	start := r.off
	var v uint64
	for shift := 0; shift < bits; shift += 7 {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		if shift+7 > bits && c&0x7f>>(bits-shift) != 0 {
			break // bits past the number's width, or a continuation
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail(fmt.Errorf("offset %d: LEB128 number over %d bits", start, bits))
	return 0
}

// name reads a name: its length in bytes, then UTF-8, which is not checked.
func (r *reader) name() string {
	return string(r.next(uint64(r.u32())))
}
