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
