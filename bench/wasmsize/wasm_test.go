package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// uleb encodes v as unsigned LEB128.
func uleb(v uint64) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func str(s string) []byte { return append(uleb(uint64(len(s))), s...) }

func sec(id byte, content ...[]byte) []byte {
	c := bytes.Join(content, nil)
	return append(append([]byte{id}, uleb(uint64(len(c)))...), c...)
}

func wasm(sections ...[]byte) []byte {
	return append(bytes.Clone(magic), bytes.Join(sections, nil)...)
}

// code is a code section of bodies of the given sizes.
func code(sizes ...int) []byte {
	c := uleb(uint64(len(sizes)))
	for _, n := range sizes {
		c = append(append(c, uleb(uint64(n))...), make([]byte, n)...)
	}
	return sec(secCode, c)
}

// names is a name section with the module's name and the function names
// of the given indices.
func names(fns map[uint32]string) []byte {
	m := uleb(uint64(len(fns)))
	for _, i := range slices.Sorted(func(yield func(uint32) bool) {
		for i := range fns {
			if !yield(i) {
				return
			}
		}
	}) {
		m = append(append(m, uleb(uint64(i))...), str(fns[i])...)
	}
	return sec(secCustom, str("name"),
		sec(0, str("mod")), // module name: skipped
		sec(1, m))
}

// imports: two functions around a table, a memory, a 64-bit memory, a
// global and a tag.
var imports = sec(secImport, uleb(7),
	str("gojs"), str("runtime.wasmExit"), []byte{0}, uleb(0),
	str("env"), str("t"), []byte{1, 0x70, 1}, uleb(1), uleb(2),
	str("env"), str("m"), []byte{2, 3}, uleb(1), uleb(1<<16),
	str("env"), str("m64"), []byte{2, 4}, uleb(1<<40),
	str("env"), str("g"), []byte{3, 0x7f, 1},
	str("env"), str("e"), []byte{4, 0}, uleb(0),
	str("gojs"), str("runtime.nanotime1"), []byte{0}, uleb(0),
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name  string
		in    []byte
		funcs []function
		secs  string
	}{
		{"empty", wasm(), nil, ""},
		{"no imports, no names", wasm(sec(secFunction, uleb(2), uleb(0), uleb(0)), code(3, 200)),
			[]function{{0, "", 3}, {1, "", 200}}, "function code"},
		{"imports come first",
			wasm(sec(1, uleb(0)), imports, sec(secFunction, uleb(2), uleb(0), uleb(0)), code(5, 1),
				names(map[uint32]string{0: "imported", 2: "main.main", 3: "runtime.f"})),
			[]function{{2, "main.main", 5}, {3, "runtime.f", 1}}, "type import function code custom name"},
		{"names before code, a name for no function, other custom sections",
			wasm(sec(secCustom, str("go:buildid"), []byte("x")), names(map[uint32]string{9: "x", 1: "b"}), code(1, 2),
				sec(secCustom, str("producers"))),
			[]function{{0, "", 1}, {1, "b", 2}}, "custom go:buildid custom name code custom producers"},
		{"padded LEB128", wasm([]byte{secCode, 0x84, 0x80, 0x80, 0x80, 0x00, 1, 0x81, 0x00, 0}),
			[]function{{0, "", 1}}, "code"},
		{"unknown section", wasm(sec(99, []byte("abc"))), nil, "id 99"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(m.funcs, tt.funcs) {
				t.Errorf("funcs = %v, want %v", m.funcs, tt.funcs)
			}
			var secs []string
			for _, s := range m.sections {
				secs = append(secs, s.String())
			}
			if got := strings.Join(secs, " "); got != tt.secs {
				t.Errorf("sections = %q, want %q", got, tt.secs)
			}
		})
	}
}

func TestParseSectionSizes(t *testing.T) {
	m, err := parse(wasm(sec(secCustom, str("name")), code(4, 4)))
	if err != nil {
		t.Fatal(err)
	}
	if got := []int{m.sections[0].size, m.sections[1].size}; !slices.Equal(got, []int{5, 11}) {
		t.Errorf("sizes = %v, want [5 11]", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []byte
		err  string
	}{
		{"no magic", []byte("\x00asx\x01\x00\x00\x00"), "not a WebAssembly module (version 1)"},
		{"version 2", []byte("\x00asm\x02\x00\x00\x00"), "not a WebAssembly module (version 1)"},
		{"short", []byte("\x00as"), "not a WebAssembly module (version 1)"},
		{"section past the end", append(wasm(), secCode, 5, 0), "offset 10: unexpected end"},
		{"no section size", append(wasm(), secCode), "offset 9: unexpected end"},
		{"unterminated LEB128", append(wasm(), secCode, 0x80, 0x80), "offset 11: unexpected end"},
		{"LEB128 too long", append(wasm(), secCode, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), "offset 9: LEB128 number over 32 bits"},
		{"LEB128 over 32 bits", append(wasm(), secCode, 0x80, 0x80, 0x80, 0x80, 0x10), "offset 9: LEB128 number over 32 bits"},
		{"body past its section", wasm(sec(secCode, uleb(1), uleb(3), []byte{0})), "code section: offset 12: unexpected end"},
		{"count past its section", wasm(sec(secCode, uleb(2), uleb(0))), "code section: offset 12: unexpected end"},
		{"bodies not as declared", wasm(sec(secFunction, uleb(2), uleb(0), uleb(0)), code(1)),
			"function section declares 2 functions, code section has 1 bodies"},
		{"import kind", wasm(sec(secImport, uleb(1), str("a"), str("b"), []byte{5})), "import section: import kind 0x5"},
		{"limits flags", wasm(sec(secImport, uleb(1), str("a"), str("b"), []byte{2, 8, 0})), "import section: limits flags 0x8"},
		{"name past its section", wasm(sec(secCustom, uleb(9), []byte("name"))), "custom section: offset 11: unexpected end"},
		{"function name past its subsection", wasm(sec(secCustom, str("name"), sec(1, uleb(1), uleb(0), uleb(4), []byte("ab")))),
			"custom name section: offset 20: unexpected end"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := parse(tt.in)
			if err == nil || err.Error() != tt.err {
				t.Fatalf("parse = %v, %v; want error %q", m, err, tt.err)
			}
		})
	}
}
