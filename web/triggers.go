package main

import (
	"encoding/json"
	"sync"
)

// Triggers are the in-app message triggers the Braze backend answers with
// when the SDK asks for them (respond_with.triggers, on a session start or a
// user change), as Braze's does: {"triggers": [...]}. A trigger with the
// condition {"type": "open"} fires on the session start, so a test sees the
// SDK display a real message or hand it to the page's subscribers. None by
// default: every other test gets {}. Safe for concurrent use.
type Triggers struct {
	mu   sync.Mutex
	list []json.RawMessage
}

// Set replaces the triggers; none turns them off.
func (t *Triggers) Set(triggers ...json.RawMessage) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.list = triggers
}

// answer returns the body for a request: the triggers when it asks for
// them and there are some, else {}.
func (t *Triggers) answer(body []byte) []byte {
	t.mu.Lock()
	list := t.list
	t.mu.Unlock()
	if len(list) == 0 {
		return []byte("{}")
	}
	var req struct {
		RespondWith struct {
			Triggers bool `json:"triggers"`
		} `json:"respond_with"`
	}
	if json.Unmarshal(body, &req) != nil || !req.RespondWith.Triggers {
		return []byte("{}")
	}
	out, err := json.Marshal(map[string][]json.RawMessage{"triggers": list})
	if err != nil { // a trigger that is not JSON is the test's bug
		return []byte(`{"error":"bad trigger: ` + err.Error() + `"}`)
	}
	return out
}
