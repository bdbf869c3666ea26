package main

import "testing"

// FuzzParse: parse never panics, and what it reads fits in its input.
func FuzzParse(f *testing.F) {
	f.Add(wasm(imports, sec(secFunction, uleb(1), uleb(0)), code(3), names(map[uint32]string{2: "main.main"})))
	f.Add(wasm(sec(secCode, uleb(1), uleb(3), []byte{0})))
	f.Add(wasm(sec(secCustom, str("name"), sec(1, uleb(1), uleb(0), str("f")))))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parse(b)
		if err != nil {
			return
		}
		n := len(magic)
		for _, s := range m.sections {
			n += s.size
		}
		if n > len(b) {
			t.Fatalf("sections of %d bytes in %d", n, len(b))
		}
		for _, f := range m.funcs {
			n -= f.size
		}
		if n < len(magic) {
			t.Fatalf("bodies larger than their sections")
		}
	})
}
