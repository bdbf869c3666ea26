package core_test

import (
	"fmt"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

func ExamplePlan() {
	settings := map[string]any{"apiKey": "k", "trackAllPages": true}
	events := []map[string]any{
		{"type": "identify", "userId": "ze8rt1u89", "traits": map[string]any{
			"name": "Jane Kim", "email": "jane@example.com", "gender": "F", "birthday": "1990-12-10",
			"address": map[string]any{"city": "Paris", "country": "FR"}, "plan": "pro", "company": map[string]any{"id": 1.0},
		}},
		{"type": "track", "event": "Product Viewed", "properties": map[string]any{"sku": "A", "price": 5.0}},
		{"type": "page", "name": "Install", "category": "Docs"},
	}
	p := core.Plan(settings, events, "")
	for _, c := range p.Calls {
		fmt.Println(c.Method, c.Args)
	}
	for _, w := range p.Warnings {
		fmt.Println("event", w.Event, w)
	}
	fmt.Println("data points:", p.DataPoints)
	// Output:
	// initialize [k [{baseUrl sdk.iad-01.braze.com}]]
	// automaticallyShowInAppMessages []
	// openSession []
	// changeUser [ze8rt1u89]
	// getUser().setEmail [jane@example.com]
	// getUser().setFirstName [Jane]
	// getUser().setGender [f]
	// getUser().setLastName [Kim]
	// getUser().setCountry [FR]
	// getUser().setHomeCity [Paris]
	// getUser().setDateOfBirth [1990 12 10]
	// getUser().setCustomUserAttribute [name Jane Kim]
	// getUser().setCustomUserAttribute [plan pro]
	// logCustomEvent [Product Viewed map[sku:A]]
	// logCustomEvent [Viewed Docs Install Page map[category:Docs name:Install]]
	// event 0 traits.company: nested objects cannot be custom attributes: dropped (nested_object)
	// event 1 properties.price: "price" is reserved by Braze: not sent (reserved_key)
	// data points: 12
}

// Plan's Savings says what debounceIdentify and sendOnlyChangedTraits save
// on the events, or would save when they are off.
func ExamplePlan_savings() {
	traits := map[string]any{"email": "jane@example.com", "plan": "pro"}
	events := []map[string]any{
		{"type": "identify", "userId": "u", "traits": traits},
		{"type": "identify", "userId": "u", "traits": traits},
		{"type": "identify", "userId": "u", "traits": map[string]any{"email": "jane@example.com", "plan": "team"}},
	}
	p := core.Plan(map[string]any{"apiKey": "k", "sendOnlyChangedTraits": true}, events, "")
	s := p.Savings
	fmt.Println("data points:", p.DataPoints, "saved:", s.Saved, "with both on:", s.AllOn)
	fmt.Println("sendOnlyChangedTraits on:", s.SendOnlyChangedTraits.On, s.SendOnlyChangedTraits.Saved, s.SendOnlyChangedTraits.PerEvent)
	fmt.Println("debounceIdentify on:", s.DebounceIdentify.On, s.DebounceIdentify.Saved, s.DebounceIdentify.PerEvent)
	// Output:
	// data points: 4 saved: 3 with both on: 4
	// sendOnlyChangedTraits on: true 3 [0 2 1]
	// debounceIdentify on: false 0 [0 0 0]
}

func ExampleMapper() {
	s, _, err := core.ParseSettings(map[string]any{"api_key": "k", "sdkVersion": "3.5", "logPurchaseWhenRevenuePresent": true})
	if err != nil {
		panic(err)
	}
	m := core.NewMapper(s, nil)
	for _, c := range m.Start("u1").Calls {
		fmt.Println(c.Method)
	}
	r := m.Handle(map[string]any{"type": "track", "event": "Purchased Item", "userId": "u1",
		"properties": map[string]any{"revenue": "2000", "currency": "USD"}})
	fmt.Println(r.Calls)
	// Output:
	// initialize
	// display.automaticallyShowNewInAppMessages
	// changeUser
	// openSession
	// [{logPurchase [Purchased Item 2000 USD 1 map[]]}]
}
