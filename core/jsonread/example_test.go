package jsonread_test

import (
	"fmt"

	"github.com/segment-braze-wasm/segment-braze-wasm/core/jsonread"
)

func ExampleParse() {
	data := []byte(`{"type":"track","properties":{"name":"Bag\ud800","tags":["a","b","c","d"],"size":{"cm":{"w":40}}}}`)
	v, issues, err := jsonread.Parse(data, jsonread.Limits{MaxDepth: 3, MaxKeys: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v)
	for _, is := range issues {
		fmt.Printf("%s: %s (%s)\n", is.Path, is.Message, is.Code)
	}
	// Output:
	// map[properties:map[name:Bag� size:map[] tags:[a b c]] type:track]
	// properties.name: lone surrogate \ud800 replaced by U+FFFD (invalid_unicode)
	// properties.tags: 4 members: only the first 3 were kept (too_many_keys)
	// properties.size.cm: nested more than 3 levels: dropped (too_deep)
}

func ExampleParse_syntaxError() {
	_, _, err := jsonread.Parse([]byte(`{"a":1,}`), jsonread.Limits{})
	fmt.Println(err)
	// Output:
	// jsonread: offset 7: invalid character '}', expecting a string key
}
