package core

// Date is an instant as Unix milliseconds in UTC, what a JavaScript Date
// holds. core does not use the time package: it costs about 50 KiB of the
// compressed wasm module (with internal/godebug, which only time pulls
// in), and events only need UTC days and JavaScript's ISO format.
type Date int64

const (
	msPerDay = 24 * 60 * 60 * 1000
	// unixEpochDays is the day number of 1970-01-01 counted from
	// 0000-03-01, the origin of daysFromCivil's eras.
	unixEpochDays = 719468
	// daysPerEra is 400 Gregorian years, after which the calendar repeats.
	daysPerEra = 146097
)

// DateOf returns the Date of a UTC civil time: year, month 1-12, day
// 1-31, hour, minute, second and millisecond. Fields out of range
// overflow into the next unit; callers that must reject them check first.
func DateOf(year, month, day, hour, minute, sec, ms int) Date {
	days := daysFromCivil(int64(year), int64(month), int64(day))
	return Date(((days*24+int64(hour))*60+int64(minute))*60*1000 + int64(sec)*1000 + int64(ms))
}

// Civil returns the UTC calendar day of d: year, month 1-12 and day 1-31.
func (d Date) Civil() (year, month, day int) {
	y, m, dd := civilFromDays(floorDiv(int64(d), msPerDay))
	return int(y), int(m), int(dd)
}

// clock returns the UTC time of day of d.
func (d Date) clock() (hour, minute, sec, ms int) {
	t := int(int64(d) - floorDiv(int64(d), msPerDay)*msPerDay)
	return t / 3600000, t / 60000 % 60, t / 1000 % 60, t % 1000
}

// String is d as JavaScript's toISOString writes it:
// 2006-01-02T15:04:05.000Z, with a signed six-digit year outside 0-9999.
func (d Date) String() string {
	year, month, day := d.Civil()
	hour, minute, sec, ms := d.clock()
	sign, width := "", 4
	switch {
	case year < 0:
		sign, year, width = "-", -year, 6
	case year > 9999:
		sign, width = "+", 6
	}
	b := appendPadded(make([]byte, 0, 27), sign, year, width)
	b = appendPadded(b, "-", month, 2)
	b = appendPadded(b, "-", day, 2)
	b = appendPadded(b, "T", hour, 2)
	b = appendPadded(b, ":", minute, 2)
	b = appendPadded(b, ":", sec, 2)
	b = appendPadded(b, ".", ms, 3)
	return string(append(b, 'Z'))
}

// appendPadded appends sep, then x >= 0 with at least width digits.
func appendPadded(b []byte, sep string, x, width int) []byte {
	var buf [20]byte
	digits := appendInt(buf[:0], int64(x))
	b = append(b, sep...)
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// daysFromCivil is the number of days from 1970-01-01 to a proleptic
// Gregorian date (Howard Hinnant's algorithm: years counted from March,
// so that the leap day ends the year, in 400-year eras).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*daysPerEra + doe - unixEpochDays
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int64) {
	z += unixEpochDays
	era := floorDiv(z, daysPerEra)
	doe := z - era*daysPerEra
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = (mp+2)%12 + 1
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// daysIn is the length of month in year.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// floorDiv is a/b rounded down. Not inlined: the date code calls it in
// five places.
//
//go:noinline
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
