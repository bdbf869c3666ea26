package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFieldString(t *testing.T) {
	root := field{key: "properties", index: -1}
	products := root.member("products")
	p1 := products.elem(1)
	price := p1.member("price")
	empty := price.member("")
	sub := p1.sub()
	inSub := sub.member("x")
	assert.Equal(t, "properties", root.String())
	assert.Equal(t, "properties.products[1].price", price.String())
	assert.Equal(t, `properties.products[1].price[""]`, empty.String())
	assert.Equal(t, "properties.products[1].x", inSub.String())
}

func TestSortGroups(t *testing.T) {
	w := func(field string) Warning { return Warning{Field: field} }
	fields := func(ws []Warning) []string {
		var out []string
		for _, x := range ws {
			out = append(out, x.Field)
		}
		return out
	}
	// Singles, moved in place; the warning before from stays.
	ws := []Warning{w("first"), w("c"), w("a"), w("b")}
	sortGroups(ws, 1, []warnGroup{{"c", 1, 2}, {"a", 2, 3}, {"b", 3, 4}})
	assert.Equal(t, []string{"first", "a", "b", "c"}, fields(ws))
	// Groups of several warnings keep their inner order.
	ws = []Warning{w("z.1"), w("z.2"), w("m"), w("a.1"), w("a.2"), w("a.3")}
	sortGroups(ws, 0, []warnGroup{{"z", 0, 2}, {"m", 2, 3}, {"a", 3, 6}})
	assert.Equal(t, []string{"a.1", "a.2", "a.3", "m", "z.1", "z.2"}, fields(ws))
}

func TestSortGroupsMany(t *testing.T) {
	// Past insertionSortMax groups, sorted by key without a quadratic sort.
	var ws []Warning
	var groups []warnGroup
	for i := 99; i >= 0; i-- {
		k := string(rune('a'+i/26)) + string(rune('a'+i%26))
		groups = append(groups, warnGroup{k, len(ws), len(ws) + 1 + i%2})
		ws = append(ws, Warning{Field: k})
		if i%2 == 1 {
			ws = append(ws, Warning{Field: k + ".2"})
		}
	}
	sortGroups(ws, 0, groups)
	for i := 1; i < len(ws); i++ {
		assert.Less(t, ws[i-1].Field, ws[i].Field)
	}
	assert.Len(t, ws, 150)
}
