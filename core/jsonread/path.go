package jsonread

import "strconv"

// seg is one step of the path to the value being read: a key, or an
// array index when idx >= 0. Paths are joined only for an Issue.
type seg struct {
	key string
	idx int
}

func (p *parser) push(key string, idx int) { p.path = append(p.path, seg{key, idx}) }

func (p *parser) pop() { p.path = p.path[:len(p.path)-1] }

// pathString joins the current path in core's notation.
func (p *parser) pathString() string {
	var b []byte
	for i, s := range p.path {
		switch {
		case s.idx >= 0:
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.idx), 10)
			b = append(b, ']')
		case s.key == "":
			b = append(b, `[""]`...)
		default:
			if i > 0 {
				b = append(b, '.')
			}
			b = append(b, s.key...)
		}
	}
	return string(b)
}

// maxIssues bounds the Issues of one Parse: each costs its path, as long as
// the nesting, so that without a bound a deep input full of invalid strings
// would cost the square of its length.
const maxIssues = 100

func (p *parser) issue(code, msg string) {
	if len(p.issues) >= maxIssues {
		p.unlisted++
		return
	}
	p.issues = append(p.issues, Issue{Path: p.pathString(), Code: code, Message: msg})
}

// summary adds, past maxIssues, one Issue that counts the ones left out.
func (p *parser) summary() {
	if p.unlisted > 0 {
		p.issues = append(p.issues, Issue{Code: codeTooLarge, Message: itoa(p.unlisted) + " more issues were not listed"})
	}
}
