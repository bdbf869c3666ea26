package core

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"
)

// sdkCustomString is the SDK's CUSTOM_DATA_REGEX, the same in every
// family: a call with a name or key that does not match is refused.
var sdkCustomString = regexp.MustCompile(`^[^\x00-\x1F\x22]+$`)

// arity is the number of arguments each method takes.
var arity = map[string]int{
	MethodInitialize: 2, MethodAutoShowV1V3: 0, MethodAutoShowV4: 0, MethodChangeUser: 1, MethodOpenSession: 0,
	MethodLogCustomEvent: 2, MethodLogPurchase: 5, MethodSetAvatarImageURL: 1, MethodSetEmail: 1,
	MethodSetFirstName: 1, MethodSetLastName: 1, MethodSetGender: 1, MethodSetPhoneNumber: 1,
	MethodSetCountry: 1, MethodSetHomeCity: 1, MethodSetDateOfBirth: 3, MethodSetCustomAttribute: 2,
}

// wellFormed checks a call has a known method, its arity, and only values
// the shell can convert.
func wellFormed(c Call) error {
	n, ok := arity[c.Method]
	if !ok {
		return fmt.Errorf("unknown method %q", c.Method)
	}
	if len(c.Args) != n {
		return fmt.Errorf("%s: %d args, want %d", c.Method, len(c.Args), n)
	}
	for _, a := range c.Args {
		if err := convertible(a, 0); err != nil {
			return fmt.Errorf("%s: %w", c.Method, err)
		}
	}
	if s, ok := sdkRefuses(c); ok {
		return fmt.Errorf("%s: the SDK refuses %q", c.Method, s)
	}
	switch c.Method {
	case MethodLogPurchase:
		id, _ := c.Args[0].(string)
		q, _ := c.Args[3].(float64)
		if id == "" || q < MinQuantity || q > MaxQuantity {
			return fmt.Errorf("bad purchase %v", c.Args)
		}
	case MethodLogCustomEvent, MethodChangeUser:
		if s, _ := c.Args[0].(string); s == "" {
			return fmt.Errorf("%s without a name", c.Method)
		}
	}
	return nil
}

// sdkRefuses returns the string of c that fails the SDK's check: the name
// of an event or purchase, or an attribute's key or a string of its value
// (where an empty one passes).
func sdkRefuses(c Call) (string, bool) {
	switch c.Method {
	case MethodLogCustomEvent, MethodLogPurchase, MethodSetCustomAttribute:
		if s, _ := c.Args[0].(string); !sdkCustomString.MatchString(s) {
			return s, true
		}
	}
	if c.Method != MethodSetCustomAttribute {
		return "", false
	}
	values, isArray := c.Args[1].([]any)
	if !isArray {
		values = c.Args[1:]
	}
	for _, v := range values {
		if s, ok := v.(string); ok && s != "" && !sdkCustomString.MatchString(s) {
			return s, true
		}
	}
	return "", false
}

func convertible(v any, depth int) error {
	if depth > MaxDepth+2 {
		return fmt.Errorf("nested too deep")
	}
	switch v := v.(type) {
	case nil, string, bool, Date, Gender, Undefined, Options:
		return nil
	case float64:
		if v != v {
			return fmt.Errorf("NaN")
		}
		return nil
	case []any:
		for _, e := range v {
			if err := convertible(e, depth+1); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		for k, e := range v {
			if !validKey(nil, nil, k) {
				return fmt.Errorf("invalid key %q", k)
			}
			if err := convertible(e, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unconvertible %T", v)
}

// FuzzMap maps arbitrary JSON events under every family and setting mix:
// no panic, every call well formed, the same input gives the same calls.
func FuzzMap(f *testing.F) {
	seeds := []map[string]any{}
	for _, tc := range testdataTrack {
		seeds = append(seeds, tc.event)
	}
	for _, tc := range testdataPurchase {
		seeds = append(seeds, tc.event)
	}
	for _, tc := range testdataPage {
		seeds = append(seeds, tc.event)
	}
	for _, tc := range testdataGroup {
		seeds = append(seeds, tc.event)
	}
	for _, tc := range testdataMarkers {
		seeds = append(seeds, tc.event)
	}
	seeds = append(seeds, map[string]any{"type": "identify", "userId": "u@x.io", "traits": map[string]any{
		"name": " Ada  Lovelace ", "gender": "F", "birthday": "1990-12-10", "address": map[string]any{"city": "Paris"}, "tags": []any{"a"}}})
	for _, tc := range testdataRefused {
		seeds = append(seeds, tc.event)
	}
	for i, s := range seeds {
		b, err := json.Marshal(s)
		if err != nil {
			continue // NaN seeds cannot be JSON
		}
		f.Add(b, uint8(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		if len(data) > 8<<10 {
			t.Skip()
		}
		var raw map[string]any
		if json.Unmarshal(data, &raw) != nil {
			t.Skip()
		}
		run := func() []Call {
			s := testSettings(Family(flags%3)+1, func(s *Settings) {
				s.TrackAllPages, s.TrackNamedPages = flags&4 != 0, flags&8 != 0
				s.LogPurchaseWhenRevenuePresent = flags&16 != 0
				s.OnlyKnownUsers, s.BufferAnonymous = flags&32 != 0, flags&64 != 0
				s.SendOnlyChangedTraits, s.DebounceIdentify = flags&128 != 0, flags&128 != 0
			})
			m := NewMapper(s, nil)
			m.Start("")
			var calls []Call
			for range 2 { // twice: state across events
				r := m.Handle(raw)
				for _, w := range r.Warnings {
					if w.Code == CodeInternalError {
						t.Fatalf("recovered panic: %s", w.Message)
					}
				}
				calls = append(calls, r.Calls...)
			}
			return calls
		}
		calls := run()
		for _, c := range calls {
			if err := wellFormed(c); err != nil {
				t.Fatal(err)
			}
		}
		again, _ := json.Marshal(run())
		first, _ := json.Marshal(calls)
		if string(again) != string(first) {
			t.Fatalf("not deterministic:\n%s\n%s", first, again)
		}
	})
}
