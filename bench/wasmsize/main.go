// Command wasmsize reports what makes up a WebAssembly module built by Go:
// its sections, the code bytes of each Go package and its largest
// functions, read from the code section and the function names of the
// name section. The module must keep its names: build it without the
// linker's -s (-w may stay).
//
// Usage:
//
//	wasmsize [-top n] [-base old.wasm] module.wasm [import path...]
//
// The linker writes a name with every character other than a letter,
// digit, underscore or dot as an underscore, so the slashes of import
// paths are lost: give the import paths of the packages linked in (go
// list -deps) to attribute names to them. Without them, a name's package
// is its text up to its first dot. The equality functions the compiler
// makes for a type count for the type's package.
//
// With -base, it reports what changed from the module old.wasm instead:
// the code bytes of each package that changed, and the functions that
// changed most.
//
// make size runs it on build/braze-wasm.syms.wasm, the module with names.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	top := flag.Int("top", 30, "how many functions to list")
	base := flag.String("base", "", "a module to compare with: report what changed from it")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-top n] [-base old.wasm] module.wasm [import path...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 1 {
		flag.Usage()
		os.Exit(2)
	}
	m, err := read(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	p := newPackager(flag.Args()[1:])
	if *base == "" {
		report(os.Stdout, m, p, *top)
		return
	}
	b, err := read(*base)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	diff(os.Stdout, b, m, p, *top)
}

// read parses the module in file, which must have function names.
func read(file string) (*module, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	m, err := parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	for _, f := range m.funcs {
		if f.name != "" {
			return m, nil
		}
	}
	return nil, fmt.Errorf("%s: no function names: a build without -ldflags=-s has them", file)
}
