package core

// sortStrings sorts a in increasing order. It is a stable merge sort over
// strings only, rather than slices.Sort: the generic pdqsort costs about
// 6 KiB of the compressed wasm module, and the keys sorted here are few
// (an event's properties), where insertion sort is also the fastest.
func sortStrings(a []string) { sortStringsFunc(a, nil) }

// sortStringsFunc sorts a stably by less, or by increasing order when
// less is nil.
func sortStringsFunc(a []string, less func(x, y string) bool) {
	if less == nil {
		less = func(x, y string) bool { return x < y }
	}
	if len(a) <= insertionSortMax {
		insertionSort(a, less)
		return
	}
	// Bottom-up merge sort: runs of insertionSortMax, then merges into
	// buf and back.
	for i := 0; i < len(a); i += insertionSortMax {
		insertionSort(a[i:min(i+insertionSortMax, len(a))], less)
	}
	buf := make([]string, len(a))
	src, dst := a, buf
	for width := insertionSortMax; width < len(a); width *= 2 {
		for lo := 0; lo < len(a); lo += 2 * width {
			mid, hi := min(lo+width, len(a)), min(lo+2*width, len(a))
			merge(dst[lo:hi], src[lo:mid], src[mid:hi], less)
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

// insertionSortMax is the longest slice sorted by insertion alone: up to
// a few dozen keys it is the fastest and allocates nothing.
const insertionSortMax = 32

// insertionSort is not inlined: sortStringsFunc calls it twice.
//
//go:noinline
func insertionSort(a []string, less func(x, y string) bool) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && less(a[j], a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// merge merges sorted x and y into dst, taking from x on ties (stable).
func merge(dst, x, y []string, less func(x, y string) bool) {
	i, j := 0, 0
	for k := range dst {
		if j == len(y) || i < len(x) && !less(y[j], x[i]) {
			dst[k] = x[i]
			i++
		} else {
			dst[k] = y[j]
			j++
		}
	}
}
