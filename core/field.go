package core

import "strconv"

// A field is the path of a value inside an event (traits.address.city,
// properties.products[1].price), held as a link to its parent and spelled
// out only when a warning needs it: nearly every value needs none, and
// joining a path for each of them cost an allocation per member.
type field struct {
	up  *field
	key string
	// index is an array element's index, or -1 for an object member.
	index int
}

// member returns the field of key inside f.
func (f *field) member(key string) field { return field{up: f, key: key, index: -1} }

// elem returns the field of element i of the array f.
func (f *field) elem(i int) field { return field{up: f, index: i} }

func (f *field) String() string {
	if f.up == nil && f.index < 0 {
		return f.key
	}
	var buf [64]byte
	return string(f.append(buf[:0]))
}

// sub returns a root field spelling f, to walk a nested object from.
// Escape analysis cannot follow a chain through a recursive walk: linking
// each level to the one above would put every member's field on the heap,
// where one string per nested object is cheaper.
func (f *field) sub() field {
	var buf [64]byte
	// Not String: its root case hands out f.key, and escape analysis
	// would then see f's links flow into the new field.
	return field{key: string(f.append(buf[:0])), index: -1}
}

// append appends the path: keys joined with dots, indexes in brackets,
// an empty key as [""] (Braze refuses it, and a warning must show it).
func (f *field) append(b []byte) []byte {
	if f.up != nil {
		b = f.up.append(b)
	}
	switch {
	case f.index >= 0:
		b = strconv.AppendInt(append(b, '['), int64(f.index), 10)
		return append(b, ']')
	case f.up == nil:
		return append(b, f.key...)
	case f.key == "":
		return append(b, `[""]`...)
	}
	return append(append(b, '.'), f.key...)
}

// warnAt appends a warning about the value at f to *ws; a nil ws reads
// values silently (a check before the value is used for real).
//
//go:noinline
func warnAt(ws *[]Warning, f *field, code, format string, args ...any) {
	if ws == nil {
		return
	}
	// Field and message share one allocation: warnings are the only
	// thing a typical Product Viewed allocates for besides its call.
	var buf [192]byte
	b := f.append(buf[:0])
	n := len(b)
	s := string(appendf(b, format, args...))
	addWarning(ws, Warning{Field: s[:n], Code: code, Message: s[n:], Level: LevelWarning})
}

// addWarning appends w, making room for a few more at once: an event
// with one warning often has another. Not inlined: its growth code would
// be copied into each of its callers.
//
//go:noinline
func addWarning(ws *[]Warning, w Warning) {
	if cap(*ws) == 0 {
		*ws = make([]Warning, 0, 4)
	}
	*ws = append(*ws, w)
}

// A warnGroup is the warnings ws[start:end] that one member of an
// object caused. The members of an object are visited in map order,
// which is random; sortGroups puts their warnings back in key order, so
// that the same event always gives the same warnings. Sorting the keys up
// front instead cost every event, not only those with warnings.
type warnGroup struct {
	key        string
	start, end int
}

// noteGroup records the warnings added since start as key's.
func noteGroup(groups []warnGroup, key string, start int, ws []Warning) []warnGroup {
	if len(ws) > start {
		groups = append(groups, warnGroup{key, start, len(ws)})
	}
	return groups
}

// sortGroups orders the warnings of groups, which cover ws[from:] in
// order, by their key. Insertion sort: groups are the members that
// warned, rarely more than a few, and a generic merge sort for them cost
// 1.4 KB of the compressed module; many are sorted by key with
// sortStrings instead.
func sortGroups(ws []Warning, from int, groups []warnGroup) {
	sorted := true
	for i := 1; i < len(groups); i++ {
		sorted = sorted && groups[i-1].key < groups[i].key
	}
	if sorted {
		return
	}
	// Most often each member warned once: then the warnings move with
	// their groups, in place.
	singles := len(groups) == len(ws)-from
	if len(groups) > insertionSortMax {
		// Hostile objects (a thousand bad keys): no quadratic sort. The
		// keys of one object are distinct, so each finds its group.
		byKey := make(map[string]warnGroup, len(groups))
		keys := make([]string, len(groups))
		for i, g := range groups {
			byKey[g.key], keys[i] = g, g.key
		}
		sortStrings(keys)
		for i, k := range keys {
			groups[i] = byKey[k]
		}
		singles = false
	}
	for i := 1; i < len(groups); i++ {
		for j := i; j > 0 && groups[j].key < groups[j-1].key; j-- {
			groups[j], groups[j-1] = groups[j-1], groups[j]
			if singles {
				ws[from+j], ws[from+j-1] = ws[from+j-1], ws[from+j]
			}
		}
	}
	if singles {
		return
	}
	out := make([]Warning, 0, len(ws)-from)
	for _, g := range groups {
		out = append(out, ws[g.start:g.end]...)
	}
	copy(ws[from:], out)
}
