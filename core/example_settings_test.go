package core_test

import (
	"encoding/json"
	"fmt"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// Settings pasted from "Braze Web Mode (Actions)", with a string where a
// boolean belongs and a misspelt key.
func ExampleParseSettings() {
	var raw map[string]any
	err := json.Unmarshal([]byte(`{
		"api_key": "YOUR-BRAZE-WEB-API-KEY",
		"sdkVersion": "5.8",
		"endpoint": "sdk.fra-02.braze.eu",
		"enableLogging": "true",
		"openNewsFeedCardsInNewTab": true,
		"deferUntilIdentified": true,
		"trackAllPage": true
	}`), &raw)
	if err != nil {
		panic(err)
	}
	s, warnings, err := core.ParseSettings(raw)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Family, s.Version, s.SDKURL)
	for _, o := range s.InitOptions {
		fmt.Printf("%s: %v\n", o.Key, o.Value)
	}
	fmt.Println("only known users:", s.OnlyKnownUsers)
	for _, w := range warnings {
		fmt.Println(w)
	}
	// Output:
	// braze 5.8 https://js.appboycdn.com/web-sdk/5.8/braze.no-module.min.js
	// baseUrl: sdk.fra-02.braze.eu
	// enableLogging: true
	// openCardsInNewTab: true
	// only known users: true
	// trackAllPage: unknown setting, ignored (did you mean trackAllPages?) (unknown_setting)
	// enableLogging: converted string ("true") to boolean true (converted_type)
}

// A version outside 1, 2, 2.7, 3.x and 4.x-6.x is an error, not a silent
// change of SDK family.
func ExampleParseSettings_unsupportedVersion() {
	_, _, err := core.ParseSettings(map[string]any{"apiKey": "k", "version": 7.0})
	fmt.Println(err)
	// Output:
	// version: unsupported value 7: expected 1, 2, 2.7, 3.x or 4.x to 6.x
}
