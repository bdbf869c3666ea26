package core

// PlanResult is a dry run of a page load: the calls Braze would receive.
type PlanResult struct {
	Calls      []PlannedCall `json:"calls"`
	Warnings   []Warning     `json:"warnings"`
	DataPoints int           `json:"dataPoints"`
	SDKURL     string        `json:"sdkUrl"`
	// Savings is what debounceIdentify and sendOnlyChangedTraits do to
	// DataPoints; zero when the settings are invalid.
	Savings Savings `json:"savings"`
	// Settings is nil when the settings are invalid; Err says why.
	Settings *Settings `json:"-"`
	Err      error     `json:"-"`
}

// Savings is what the two data-point options save on a plan's events,
// found by planning the events again with each option switched.
type Savings struct {
	// Saved is what the options as set save: the data points of the plan
	// with both off, minus DataPoints. Result.Saved counts the same event
	// by event, as status() does in the browser.
	Saved int `json:"saved"`
	// AllOn is the plan's data points with both options on.
	AllOn                 int          `json:"allOn"`
	DebounceIdentify      OptionSaving `json:"debounceIdentify"`
	SendOnlyChangedTraits OptionSaving `json:"sendOnlyChangedTraits"`
}

// OptionSaving is what one option saves, the other one as set: the plan's
// data points with the option off, minus those with it on. When the
// option is off, it is what turning it on would save.
type OptionSaving struct {
	On    bool `json:"on"`
	Saved int  `json:"saved"`
	// PerEvent is Saved event by event, indexed like the plan's events.
	// Buffered events count as the identify that released them.
	PerEvent []int `json:"perEvent"`
}

// Plan parses the settings, starts a page load with initialUserID (the
// userId Analytics.js has stored, or "") and maps events in order, with an
// in-memory attribute store. Warnings carry the index of their event, or
// -1 for the settings and the page load.
func Plan(rawSettings map[string]any, events []map[string]any, initialUserID string) PlanResult {
	var p PlanResult
	s, ws, err := ParseSettings(rawSettings)
	p.Warnings = append(p.Warnings, indexed(ws, -1)...)
	if err != nil {
		p.Err = err
		return p
	}
	p.Settings, p.SDKURL = s, s.SDKURL
	// In the page, Analytics.js and the wasm shell skip these before
	// the mapping: the plan skips them too, with the info the page gets.
	skips := make([]Warning, len(events))
	skipped := make([]bool, len(events))
	started := len(s.ConsentCategories) == 0
	for i, raw := range events {
		skips[i], skipped[i] = skippedBy(s, raw)
		started = started || !skipped[i]
	}
	m := NewMapper(s, nil)
	// With consentCategories, Braze starts with the first event that
	// consents: without one, not at all.
	if started {
		p.add(m.Start(initialUserID), -1)
	}
	for i, raw := range events {
		if skipped[i] {
			skips[i].Event = i
			p.Warnings = append(p.Warnings, skips[i])
			continue
		}
		p.add(m.Handle(raw), i)
	}
	p.Savings = p.savings(events, skipped, initialUserID)
	return p
}

// savings plans events again under the other three combinations of the
// two options, counting data points only.
func (p *PlanResult) savings(events []map[string]any, skipped []bool, initialUserID string) Savings {
	s := p.Settings
	// per holds each event's data points by combination: bit 1 debounceIdentify, bit 0 sendOnlyChangedTraits.
	var per [4][]int
	as := combo(s.DebounceIdentify, s.SendOnlyChangedTraits)
	per[as] = make([]int, len(events))
	for _, c := range p.Calls {
		if c.Event >= 0 {
			per[as][c.Event] += c.DataPoints
		}
	}
	for c := range per {
		if per[c] != nil {
			continue
		}
		alt := *s
		alt.DebounceIdentify, alt.SendOnlyChangedTraits = c&2 != 0, c&1 != 0
		m := NewMapper(&alt, nil)
		m.Start(initialUserID)
		per[c] = make([]int, len(events))
		for i, raw := range events {
			if !skipped[i] {
				per[c][i] = m.Handle(raw).DataPoints
			}
		}
	}
	option := func(on bool, off, with int) OptionSaving {
		o := OptionSaving{On: on, PerEvent: make([]int, len(events))}
		for i := range events {
			o.PerEvent[i] = per[off][i] - per[with][i]
			o.Saved += o.PerEvent[i]
		}
		return o
	}
	return Savings{
		Saved:                 sum(per[0]) - sum(per[as]),
		AllOn:                 p.DataPoints - sum(per[as]) + sum(per[3]),
		DebounceIdentify:      option(s.DebounceIdentify, as&^2, as|2),
		SendOnlyChangedTraits: option(s.SendOnlyChangedTraits, as&^1, as|1),
	}
}

// combo indexes a combination of the two options.
func combo(debounce, changed bool) int {
	c := 0
	if debounce {
		c |= 2
	}
	if changed {
		c |= 1
	}
	return c
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// PlannedCall is a call of a plan with the index of the event it comes
// from (-1 for the page load; events replayed from the only-known-users
// buffer count as the identify that released them) and its data points.
type PlannedCall struct {
	Call
	Event      int `json:"event"`
	DataPoints int `json:"dataPoints"`
}

func (p *PlanResult) add(r Result, event int) {
	for _, c := range r.Calls {
		p.Calls = append(p.Calls, PlannedCall{Call: c, Event: event, DataPoints: DataPoints([]Call{c})})
	}
	p.Warnings = append(p.Warnings, indexed(r.Warnings, event)...)
	p.DataPoints += r.DataPoints
}

func indexed(ws []Warning, event int) []Warning {
	for i := range ws {
		ws[i].Event = event
	}
	return ws
}
