package core

// PlanResult is a dry run of a page load: the calls Braze would receive.
type PlanResult struct {
	Calls      []PlannedCall `json:"calls"`
	Warnings   []Warning     `json:"warnings"`
	DataPoints int           `json:"dataPoints"`
	SDKURL     string        `json:"sdkUrl"`
	// Settings is nil when the settings are invalid; Err says why.
	Settings *Settings `json:"-"`
	Err      error     `json:"-"`
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
	m := NewMapper(s, nil)
	start := m.Start(initialUserID)
	p.add(start, -1)
	for i, raw := range events {
		p.add(m.Handle(raw), i)
	}
	return p
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
