package main

// Decoding what the Braze Web SDK sends to POST {baseUrl}/data/. The format
// is the same from appboy 3.5 to braze 6.13 (see the samples in
// shared/notes/braze-wire-samples).

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// BrazeBody is the body of one SDK request.
type BrazeBody struct {
	APIKey      string            `json:"api_key"`
	DeviceID    string            `json:"device_id"`
	SDKVersion  string            `json:"sdk_version"`
	SDKMetadata []string          `json:"sdk_metadata"`
	Time        float64           `json:"time"`
	Events      []BrazeEvent      `json:"events"`
	Attributes  []BrazeAttributes `json:"attributes"`
	RespondWith map[string]any    `json:"respond_with"`
}

// Names of events.
const (
	eventCustom       = "ce"
	eventPurchase     = "p"
	eventSessionStart = "ss"
	eventSessionEnd   = "se"
)

// BrazeEvent is one entry of events.
type BrazeEvent struct {
	Name      string         `json:"name"` // ce, p, ss, se, ie (internal error), ...
	Time      float64        `json:"time"`
	SessionID string         `json:"session_id"`
	UserID    string         `json:"user_id"`
	Data      BrazeEventData `json:"data"`
}

// BrazeEventData is the data of an event. Its key p holds the properties of a
// custom event but the price of a purchase; Properties and Price read it.
type BrazeEventData struct {
	N  string          `json:"n"`  // ce: the event name
	P  json.RawMessage `json:"p"`  // ce: properties; p: price, a string with 2 decimals
	PR map[string]any  `json:"pr"` // p: purchase properties
	// purchases
	PID string `json:"pid"` // product id
	C   string `json:"c"`   // currency
	Q   int    `json:"q"`   // quantity
	// session end
	D float64 `json:"d"` // duration in seconds
}

// Properties returns the properties of a custom event (nil for none).
func (d BrazeEventData) Properties() map[string]any {
	var m map[string]any
	json.Unmarshal(d.P, &m) // not an object: nil
	return m
}

// Price returns the price of a purchase, as sent ("19.99").
func (d BrazeEventData) Price() string {
	var s string
	json.Unmarshal(d.P, &s) // not a string: ""
	return s
}

// BrazeAttributes is one entry of attributes: user_id, the standard fields
// (first_name, email, gender, dob, home_city, country, ...) and custom.
type BrazeAttributes map[string]any

// Custom returns the custom attributes of the entry.
func (a BrazeAttributes) Custom() map[string]any {
	m, _ := a["custom"].(map[string]any)
	return m
}

// events returns every event with the given name, in order.
func events(bodies []BrazeBody, name string) []BrazeEvent {
	var out []BrazeEvent
	for _, b := range bodies {
		for _, e := range b.Events {
			if e.Name == name {
				out = append(out, e)
			}
		}
	}
	return out
}

// customEvent returns the first custom event called n.
func customEvent(bodies []BrazeBody, n string) (BrazeEvent, bool) {
	for _, e := range events(bodies, eventCustom) {
		if e.Data.N == n {
			return e, true
		}
	}
	return BrazeEvent{}, false
}

// userAttributes merges, in order, the attribute entries of userID: the state
// of the profile that Braze would hold. custom is merged key by key.
func userAttributes(bodies []BrazeBody, userID string) BrazeAttributes {
	out := BrazeAttributes{}
	custom := map[string]any{}
	for _, b := range bodies {
		for _, a := range b.Attributes {
			if a["user_id"] != userID {
				continue
			}
			for k, v := range a {
				if k != "custom" {
					out[k] = v
				}
			}
			maps.Copy(custom, a.Custom())
		}
	}
	if len(custom) > 0 {
		out["custom"] = custom
	}
	return out
}

// assertFields checks that got has each key of want, with the same value.
func assertFields(t *testing.T, want, got map[string]any) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(want)) {
		assert.Equal(t, want[k], got[k], "attribute %s", k)
	}
}

// runJS evaluates js in the tab of ctx and ignores its result.
func runJS(ctx context.Context, js string) error {
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js))
}
