package core

// parseISODate parses the strict ISO-8601 form that Segment's isodate
// package converts to a Date: YYYY-MM-DD, optionally followed by T or a
// space, HH:MM, optional :SS with an optional fraction, and an optional Z
// or ±HH[[:]MM] zone. A time without a zone is UTC. Classic Analytics.js
// reads a space-separated time in the browser's zone; we read it as UTC so
// that the same event means the same instant for every visitor.
func parseISODate(s string) (Date, bool) {
	p := isoParser{s: s}
	year, ok1 := p.digits(4)
	ok2 := p.byte('-')
	month, ok3 := p.digits(2)
	ok4 := p.byte('-')
	day, ok5 := p.digits(2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return 0, false
	}
	var hour, minute, sec, ms, offset int
	if p.done() {
		return validDate(year, month, day, 0, 0, 0, 0, 0)
	}
	if !p.byte('T') && !p.byte(' ') {
		return 0, false
	}
	var ok bool
	if hour, ok = p.digits(2); !ok || !p.byte(':') {
		return 0, false
	}
	if minute, ok = p.digits(2); !ok {
		return 0, false
	}
	if p.byte(':') {
		if sec, ok = p.digits(2); !ok {
			return 0, false
		}
		if p.byte('.') || p.byte(',') {
			// Dates hold milliseconds; further digits are truncated as
			// JavaScript does.
			n := 0
			for scale := 100; p.i < len(p.s) && isDigit(p.s[p.i]); n++ {
				ms += int(p.s[p.i]-'0') * scale
				scale /= 10
				p.i++
			}
			if n == 0 {
				return 0, false
			}
		}
	}
	switch {
	case p.byte('Z'):
	case p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-'):
		sign := 1
		if p.s[p.i] == '-' {
			sign = -1
		}
		p.i++
		zh, ok := p.digits(2)
		if !ok {
			return 0, false
		}
		zm := 0
		if !p.done() {
			p.byte(':')
			if zm, ok = p.digits(2); !ok {
				return 0, false
			}
		}
		offset = sign * (zh*60 + zm)
	}
	if !p.done() {
		return 0, false
	}
	return validDate(year, month, day, hour, minute, sec, ms, offset)
}

// validDate is the Date of the fields, offset minutes east of UTC, when
// they name a real time (not 2021-02-30).
func validDate(year, month, day, hour, minute, sec, ms, offset int) (Date, bool) {
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || sec > 59 {
		return 0, false
	}
	return DateOf(year, month, day, hour, minute-offset, sec, ms), true
}

type isoParser struct {
	s string
	i int
}

func (p *isoParser) done() bool { return p.i == len(p.s) }

func (p *isoParser) byte(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// digits reads an n-digit number. Not inlined: parseISODate calls it
// for each of its fields.
//
//go:noinline
func (p *isoParser) digits(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(p.s[p.i : p.i+n]) {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
