package core

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSortStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 11, 12, 13, 31, 32, 33, 64, 65, 100, 1000} {
		a := make([]string, n)
		for i := range a {
			a[i] = strconv.Itoa(r.IntN(n + 1))
		}
		want := slices.Clone(a)
		slices.Sort(want)
		sortStrings(a)
		assert.Equal(t, want, a, "n=%d", n)
	}
}

func TestSortStringsFuncStable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{5, 12, 13, 32, 33, 40, 500} {
		a := make([]string, n)
		for i := range a {
			a[i] = strconv.Itoa(r.IntN(5)) + ":" + strconv.Itoa(i)
		}
		byHead := func(x, y string) bool { return x[0] < y[0] }
		want := slices.Clone(a)
		slices.SortStableFunc(want, func(x, y string) int { return int(x[0]) - int(y[0]) })
		sortStringsFunc(a, byHead)
		assert.Equal(t, want, a, "n=%d", n)
	}
}
