package core

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// maxJSDate is the largest distance from the epoch a JavaScript Date can
// hold, in milliseconds (ECMAScript TimeClip).
const maxJSDate = 8.64e15

var testdataDates = []int64{
	0, -1, 1, msPerDay - 1, msPerDay, -msPerDay, -msPerDay - 1,
	951782400000,    // 2000-02-29
	4107542400000,   // 2100-02-28
	-62135596800000, // 0001-01-01
	-62167219200001, // -0001-12-31T23:59:59.999
	253402300800000, // 10000-01-01
	maxJSDate, -maxJSDate,
}

// timeString is what JavaScript's toISOString writes, built with time.
func timeString(t time.Time) string {
	if y := t.Year(); y < 0 || y > 9999 {
		sign := "+"
		if y < 0 {
			sign, y = "-", -y
		}
		return fmt.Sprintf("%s%06d%s", sign, y, t.Format("-01-02T15:04:05.000Z"))
	}
	return t.Format("2006-01-02T15:04:05.000Z")
}

// checkDate compares every view of Date(ms) with time's.
func checkDate(t *testing.T, ms int64) {
	t.Helper()
	want := time.UnixMilli(ms).UTC()
	d := Date(ms)
	y, m, day := d.Civil()
	assert.Equal(t, [3]int{want.Year(), int(want.Month()), want.Day()}, [3]int{y, m, day}, "Civil of %d", ms)
	h, mi, s, milli := d.clock()
	assert.Equal(t, [4]int{want.Hour(), want.Minute(), want.Second(), want.Nanosecond() / 1e6}, [4]int{h, mi, s, milli}, "clock of %d", ms)
	assert.Equal(t, timeString(want), d.String(), "String of %d", ms)
	assert.Equal(t, d, DateOf(y, m, day, h, mi, s, milli), "DateOf round trip of %d", ms)
}

func TestDate(t *testing.T) {
	for _, ms := range testdataDates {
		checkDate(t, ms)
	}
	assert.Equal(t, "1970-01-01T00:00:00.000Z", Date(0).String())
	assert.Equal(t, "-000001-12-31T23:59:59.999Z", Date(-62167219200001).String())
	assert.Equal(t, "+275760-09-13T00:00:00.000Z", Date(maxJSDate).String())
}

func TestDateOfOverflows(t *testing.T) {
	// As time.Date does: fields out of range carry into the next unit.
	for _, f := range [][7]int{{2021, 2, 30, 0, 0, 0, 0}, {2021, 1, 1, 0, -90, 0, 0}, {2020, 12, 31, 23, 59, 59, 1000}} {
		want := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], f[6]*1e6, time.UTC).UnixMilli()
		assert.Equal(t, Date(want), DateOf(f[0], f[1], f[2], f[3], f[4], f[5], f[6]), "%v", f)
	}
}

func TestDaysIn(t *testing.T) {
	for _, y := range []int{-400, -100, -1, 0, 1900, 2000, 2023, 2024, 2100} {
		for m := 1; m <= 12; m++ {
			assert.Equal(t, time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(), daysIn(y, m), "%d-%d", y, m)
		}
	}
}

// FuzzDate checks the civil-date arithmetic against time over the whole
// range of a JavaScript Date, and DateOf over any civil fields.
func FuzzDate(f *testing.F) {
	for _, ms := range testdataDates {
		f.Add(ms, int16(1970), uint8(1), uint8(1), uint8(0), uint8(0))
	}
	f.Fuzz(func(t *testing.T, ms int64, year int16, month, day, hour, minute uint8) {
		checkDate(t, ms%(maxJSDate+1))
		mo, d := int(month%12)+1, int(day%31)+1
		want := time.Date(int(year), time.Month(mo), d, int(hour), int(minute), 0, 0, time.UTC).UnixMilli()
		if got := DateOf(int(year), mo, d, int(hour), int(minute), 0, 0); int64(got) != want {
			t.Fatalf("DateOf(%d, %d, %d, %d, %d) = %d, want %d", year, mo, d, hour, minute, got, want)
		}
	})
}
