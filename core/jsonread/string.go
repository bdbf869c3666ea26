package jsonread

import (
	"unicode/utf16"
	"unicode/utf8"
)

func (p *parser) stringValue(keep bool) (any, bool, error) {
	raw, plain, err := p.scanString()
	if err != nil || !keep {
		return nil, false, err
	}
	s, bad, ok := p.text(raw, plain)
	if !ok {
		p.issue(codeTooLarge, "a string over the "+itoa(p.lim.MaxString)+"-byte limit ("+itoa(len(raw))+" bytes as JSON): dropped")
		return nil, false, nil
	}
	bad.report(p)
	p.nodes++
	return s, true, nil
}

// scanString checks the syntax of the string at p.pos and moves past it.
// raw is its text between the quotes; plain means it is that text as it
// is: no escapes and valid UTF-8.
func (p *parser) scanString() (raw string, plain bool, err error) {
	start := p.pos + 1
	plain = true
	for i := start; i < len(p.s); {
		c := p.s[i]
		switch {
		case c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\':
			i++
		case c == '"':
			p.pos = i + 1
			return p.s[start:i], plain, nil
		case c == '\\':
			plain = false
			p.pos = i + 1
			if i+1 < len(p.s) && p.s[i+1] == 'u' {
				for p.pos = i + 2; p.pos < i+6; p.pos++ {
					if p.pos >= len(p.s) || hexDigit(p.s[p.pos]) < 0 {
						return "", false, p.unexpected("a hex digit in a \\u escape")
					}
				}
				i += 6
				continue
			}
			if i+1 >= len(p.s) || unescape(p.s[i+1]) == 0 {
				return "", false, p.unexpected("an escape character")
			}
			i += 2
		case c < 0x20:
			p.pos = i
			return "", false, p.unexpected("a string character (control characters must be escaped)")
		default:
			r, size := utf8.DecodeRuneInString(p.s[i:])
			if r == utf8.RuneError && size == 1 {
				plain = false
			}
			i += size
		}
	}
	p.pos = len(p.s)
	return "", false, p.unexpected("'\"' closing the string")
}

// badUnicode counts what text replaced by U+FFFD in one string, and keeps
// the first of them for the message.
type badUnicode struct {
	n     int
	first string
}

// report adds bad's Issue, if any, at the current path: once per string.
func (b badUnicode) report(p *parser) {
	if b.n == 0 {
		return
	}
	msg := b.first + " replaced by U+FFFD"
	if b.n > 1 {
		msg += " (and " + itoa(b.n-1) + " more)"
	}
	p.issue(codeInvalidUnicode, msg)
}

func (b *badUnicode) add(what string) {
	if b.n++; b.n == 1 {
		b.first = what
	}
}

// text decodes raw, the text of a string checked by scanString. ok is
// false when it is longer than MaxString, found before the string is made.
// Lone surrogates and invalid UTF-8 become U+FFFD, as in encoding/json.
func (p *parser) text(raw string, plain bool) (s string, bad badUnicode, ok bool) {
	max := p.lim.MaxString
	if plain {
		return raw, bad, max == 0 || len(raw) <= max
	}
	b := p.scratch[:0]
	for i := 0; i < len(raw); {
		switch c := raw[i]; {
		case c == '\\' && raw[i+1] == 'u':
			r := hex4(raw[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					if pair := utf16.DecodeRune(r, hex4(raw[i+2:])); pair != utf8.RuneError {
						b = utf8.AppendRune(b, pair)
						i += 6
						break
					}
				}
				bad.add("lone surrogate \\" + raw[i-5:i])
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		case c == '\\':
			b = append(b, unescape(raw[i+1]))
			i += 2
		case c < utf8.RuneSelf:
			j := i + 1
			for j < len(raw) && raw[j] != '\\' && raw[j] < utf8.RuneSelf {
				j++
			}
			b = append(b, raw[i:j]...)
			i = j
		default:
			r, size := utf8.DecodeRuneInString(raw[i:])
			if r == utf8.RuneError && size == 1 {
				bad.add("invalid UTF-8 byte " + quoteByte(raw[i:i+1]))
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, raw[i:i+size]...)
			}
			i += size
		}
		if max > 0 && len(b) > max {
			p.scratch = b
			return "", bad, false
		}
	}
	p.scratch = b
	return string(b), bad, true
}

// unescape is the byte a one-character escape stands for, or 0.
func unescape(c byte) byte {
	switch c {
	case '"', '\\', '/':
		return c
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return 0
}

func hexDigit(c byte) rune {
	switch {
	case c-'0' < 10:
		return rune(c - '0')
	case c|0x20-'a' < 6:
		return rune(c|0x20-'a') + 10
	}
	return -1
}

// hex4 reads the four hex digits scanString checked.
func hex4(s string) rune {
	return hexDigit(s[0])<<12 | hexDigit(s[1])<<8 | hexDigit(s[2])<<4 | hexDigit(s[3])
}
