package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
)

// linkerName returns s as Go's wasm linker writes it in the name section:
// every rune other than a letter, digit, underscore or dot becomes an
// underscore (cmd/link/internal/wasm's nameRegexp, [^\w.]).
func linkerName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (r == '_' || r == '.' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return r
		}
		return '_'
	}, s)
}

// A packager names the package of a function from its name in the name
// section. The linker's names lose the slashes of import paths, so the
// packages linked in are given: a name belongs to the longest of them it
// starts with, followed by a dot.
type packager map[string]string // linker name -> import path

func newPackager(paths []string) packager {
	p := packager{}
	for _, path := range paths {
		p[linkerName(path)] = path
	}
	return p
}

// The equality functions the compiler makes for a type, named for the
// type; [N] before the type of an array.
const typeEq = "type_.eq."

// pkg returns the import path of the package name belongs to. The equality
// function of a type goes with the type's package. A name of none of the
// packages is taken to start with its package's name up to its first dot;
// one without a dot (assembly, linker-made wrappers) is of "(other)".
func (p packager) pkg(name string) string {
	if rest, ok := strings.CutPrefix(name, typeEq); ok {
		if a, ok := strings.CutPrefix(rest, "_"); ok {
			if i := strings.IndexByte(a, '_'); i > 0 && strings.Trim(a[:i], "0123456789") == "" {
				rest = a[i+1:]
			}
		}
		if path, n := p.match(rest); n > 0 {
			return path
		}
		return "type:.eq"
	}
	if path, n := p.match(name); n > 0 {
		return path
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return "(other)"
}

// match returns the longest given package name starts with and the
// length of its linker name.
func (p packager) match(name string) (path string, n int) {
	for i := range len(name) {
		if name[i] == '.' {
			if q, ok := p[name[:i]]; ok {
				path, n = q, i
			}
		}
	}
	return path, n
}

// display returns name with its package's linker name, when given, put
// back as the import path.
func (p packager) display(name string) string {
	if path, n := p.match(name); n > 0 {
		return path + name[n:]
	}
	return name
}

// A size is the code bytes of one package or function.
type size struct {
	name  string
	bytes int
	funcs int
}

// sizes returns the bytes of m's function bodies by package, largest
// first, and their total.
func (p packager) sizes(m *module) (pkgs []size, total int) {
	byPkg := map[string]*size{}
	for _, f := range m.funcs {
		name := p.pkg(f.name)
		s := byPkg[name]
		if s == nil {
			s = &size{name: name}
			byPkg[name] = s
		}
		s.bytes += f.size
		s.funcs++
		total += f.size
	}
	for _, s := range byPkg {
		pkgs = append(pkgs, *s)
	}
	sortSizes(pkgs)
	return pkgs, total
}

// largest returns m's n largest functions, largest first.
func (p packager) largest(m *module, n int) []size {
	fs := make([]size, len(m.funcs))
	for i, f := range m.funcs {
		fs[i] = size{name: p.display(f.name), bytes: f.size, funcs: 1}
		if f.name == "" {
			fs[i].name = fmt.Sprintf("function %d", f.index)
		}
	}
	sortSizes(fs)
	return fs[:min(n, len(fs))]
}

func sortSizes(s []size) {
	slices.SortFunc(s, func(a, b size) int {
		return cmp.Or(cmp.Compare(b.bytes, a.bytes), strings.Compare(a.name, b.name))
	})
}

// report writes m's sections, its code bytes by package and its top
// largest functions.
func report(w io.Writer, m *module, p packager, top int) {
	fmt.Fprintf(w, "%-22s %10s\n", "section", "bytes")
	for _, s := range m.sections {
		fmt.Fprintf(w, "%-22s %10d\n", s, s.size)
	}
	pkgs, total := p.sizes(m)
	fmt.Fprintf(w, "\ncode bytes by package (function bodies, %d in all)\n", total)
	fmt.Fprintf(w, "%10s %6s %6s  %s\n", "bytes", "%", "funcs", "package")
	for _, s := range pkgs {
		fmt.Fprintf(w, "%10d %6.1f %6d  %s\n", s.bytes, percent(s.bytes, total), s.funcs, s.name)
	}
	fmt.Fprintf(w, "\nthe %d largest functions\n", top)
	fmt.Fprintf(w, "%10s  %s\n", "bytes", "function")
	for _, s := range p.largest(m, top) {
		fmt.Fprintf(w, "%10d  %s\n", s.bytes, s.name)
	}
}

func percent(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(n) / float64(total)
}

// A change is a package's or function's bytes in two builds.
type change struct {
	name          string
	before, after int
}

func (c change) delta() int { return c.after - c.before }

// changes pairs before and after by name and returns the ones that
// differ, the largest change first. Sizes of one name add up: the
// linker's names of two functions can be the same.
func changes(before, after []size) []change {
	byName := map[string]*change{}
	at := func(name string) *change {
		c := byName[name]
		if c == nil {
			c = &change{name: name}
			byName[name] = c
		}
		return c
	}
	for _, s := range before {
		at(s.name).before += s.bytes
	}
	for _, s := range after {
		at(s.name).after += s.bytes
	}
	var out []change
	for _, c := range byName {
		if c.delta() != 0 {
			out = append(out, *c)
		}
	}
	slices.SortFunc(out, func(a, b change) int {
		return cmp.Or(cmp.Compare(abs(b.delta()), abs(a.delta())), strings.Compare(a.name, b.name))
	})
	return out
}

func abs(n int) int { return max(n, -n) }

// diff writes what changed from base to m: the code bytes of each package
// and the top functions that changed most, added (before 0) or gone
// (after 0).
func diff(w io.Writer, base, m *module, p packager, top int) {
	before, beforeTotal := p.sizes(base)
	after, afterTotal := p.sizes(m)
	fmt.Fprintf(w, "code bytes by package: %d -> %d (%+d)\n", beforeTotal, afterTotal, afterTotal-beforeTotal)
	fmt.Fprintf(w, "%10s %10s %8s  %s\n", "before", "after", "delta", "package")
	for _, c := range changes(before, after) {
		fmt.Fprintf(w, "%10d %10d %+8d  %s\n", c.before, c.after, c.delta(), c.name)
	}
	fs := changes(p.largest(base, len(base.funcs)), p.largest(m, len(m.funcs)))
	fmt.Fprintf(w, "\nfunctions that changed: %d, the %d largest changes\n", len(fs), min(top, len(fs)))
	fmt.Fprintf(w, "%10s %10s %8s  %s\n", "before", "after", "delta", "function")
	for _, c := range fs[:min(top, len(fs))] {
		fmt.Fprintf(w, "%10d %10d %+8d  %s\n", c.before, c.after, c.delta(), c.name)
	}
}
