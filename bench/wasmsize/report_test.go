package main

import (
	"bytes"
	"slices"
	"testing"
)

func TestLinkerName(t *testing.T) {
	for in, want := range map[string]string{
		"runtime.mallocgc": "runtime.mallocgc",
		"github.com/segment-braze-wasm/segment-braze-wasm/core.(*Mapper).track": "github.com_segment_braze_wasm_segment_braze_wasm_core.__Mapper_.track",
		"slices.Sort[go.shape.[]string]":                                        "slices.Sort_go.shape.__string_",
		"type:.eq.[2]interface {}":                                              "type_.eq._2_interface___",
		"gopkg.in/yaml%2ev3.Marshal·f":                                          "gopkg.in_yaml_2ev3.Marshal_f",
		"a\xffb":                                                                "a_b",
	} {
		if got := linkerName(in); got != want {
			t.Errorf("linkerName(%q) = %q, want %q", in, got, want)
		}
	}
}

const mod = "github.com/segment-braze-wasm/segment-braze-wasm"

var testPackager = newPackager([]string{"runtime", "internal/runtime/maps", "slices", "syscall/js",
	mod + "/core", mod + "/core/jsonread", "github.com/a/b"})

func TestPkg(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"runtime.mallocgc", "runtime"},
		{"runtime.memequal_varlen", "runtime"},
		{"runtime.__mheap_.alloc.func1", "runtime"},
		{"internal_runtime_maps.__Map_.getWithKeySmall", "internal/runtime/maps"},
		{"github.com_segment_braze_wasm_segment_braze_wasm_core.__Mapper_.track", mod + "/core"},
		{"github.com_segment_braze_wasm_segment_braze_wasm_core_jsonread.__parser_.text", mod + "/core/jsonread"},
		{"github.com_segment_braze_wasm_segment_braze_wasm_core.init.0", mod + "/core"},
		// The generic's package, whatever its type arguments.
		{"slices.SortFunc_go.shape.string_", "slices"},
		{"slices.SortFunc_github.com_a_b.T_", "slices"},
		// The longest package path.
		{"github.com_a_b.F", "github.com/a/b"},
		// An equality function goes with its type.
		{"type_.eq.runtime.Frame", "runtime"},
		{"type_.eq._2_runtime.Frame", "runtime"},
		{"type_.eq._12_github.com_segment_braze_wasm_segment_braze_wasm_core.Option", mod + "/core"},
		{"type_.eq._2_interface___", "type:.eq"},
		{"type_.eq.unknown.T", "type:.eq"},
		// Not given: up to the first dot.
		{"main.__bridge_.plan", "main"},
		{"runtime_debug.SetTraceback", "runtime_debug"},
		{"gcWriteBarrier", "(other)"},
		{"", "(other)"},
		{".x", "(other)"},
	} {
		if got := testPackager.pkg(tt.name); got != tt.want {
			t.Errorf("pkg(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDisplay(t *testing.T) {
	for in, want := range map[string]string{
		"github.com_segment_braze_wasm_segment_braze_wasm_core.__Mapper_.track": mod + "/core.__Mapper_.track",
		"internal_runtime_maps.__Map_.get":                                      "internal/runtime/maps.__Map_.get",
		"main.main":                                                             "main.main",
		"type_.eq.runtime.Frame":                                                "type_.eq.runtime.Frame",
	} {
		if got := testPackager.display(in); got != want {
			t.Errorf("display(%q) = %q, want %q", in, got, want)
		}
	}
}

var testModule = &module{
	sections: []section{{id: secCode, size: 1000}, {id: secCustom, name: "name", size: 60}},
	funcs: []function{
		{2, "runtime.a", 400},
		{3, "runtime.b", 100},
		{4, "github.com_a_b.F", 300},
		{5, "main.main", 150},
		{6, "", 50},
	},
}

func TestReport(t *testing.T) {
	var b bytes.Buffer
	report(&b, testModule, testPackager, 3)
	want := `section                     bytes
code                         1000
custom name                    60

code bytes by package (function bodies, 1000 in all)
     bytes      %  funcs  package
       500   50.0      2  runtime
       300   30.0      1  github.com/a/b
       150   15.0      1  main
        50    5.0      1  (other)

the 3 largest functions
     bytes  function
       400  runtime.a
       300  github.com/a/b.F
       150  main.main
`
	if b.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", &b, want)
	}
}

func TestDiff(t *testing.T) {
	after := &module{funcs: []function{
		{2, "runtime.a", 400},
		{3, "runtime.b", 90},
		{4, "github.com_a_b.F", 200},
		{5, "github.com_a_b.G", 20},
		{6, "", 50},
	}}
	var b bytes.Buffer
	diff(&b, testModule, after, testPackager, 2)
	want := `code bytes by package: 1000 -> 760 (-240)
    before      after    delta  package
       150          0     -150  main
       300        220      -80  github.com/a/b
       500        490      -10  runtime

functions that changed: 4, the 2 largest changes
    before      after    delta  function
       150          0     -150  main.main
       300        200     -100  github.com/a/b.F
`
	if b.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", &b, want)
	}
}

func TestChangesSumsOneName(t *testing.T) {
	got := changes([]size{{name: "f", bytes: 1}, {name: "f", bytes: 2}}, []size{{name: "f", bytes: 4}})
	if want := []change{{"f", 3, 4}}; !slices.Equal(got, want) {
		t.Errorf("changes = %v, want %v", got, want)
	}
}
