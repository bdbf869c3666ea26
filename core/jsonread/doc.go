// Package jsonread reads JSON into the values encoding/json gives an any,
// without reflect, fmt or encoding/json, for the wasm module's event path:
// the shim writes each event with JSON.stringify into linear memory and Go
// reads it with Parse.
//
// # Why not a library
//
// The module pays for every byte it links. Measured in the module (brotli):
// valyala/fastjson +111 KB (it imports fmt and reflect), go-json-experiment
// jsontext +54 KB, encoding/json +210 KB, against about +10 KB for a small
// reader at the same speed. This one adds 11,693 B brotli to the project's
// module (64 KB raw), and 26,726 B to a tiny main that reads os.Args
// (GOOS=js GOARCH=wasm, -ldflags='-s -w', brotli -q 11), most of the
// difference the float parser, which core links anyway (strconv's then,
// core/internal/atof since).
//
// # Grammar
//
// Strictly RFC 8259: one value, whitespace around it, no comments, no
// trailing commas, no NaN, no byte order mark. Nesting past 10000 levels is
// an error, as in encoding/json: it bounds the recursion. Anything else
// that is not JSON returns an error naming the byte offset.
//
// # Limits and issues
//
// What the Limits cut is left out and reported as an Issue with the path
// of the member cut, never an error: the rest of the event still goes
// through. Cut values are still read for their syntax, without being built,
// counted or reported, so the work is linear in the input whatever it
// holds. Strings are decoded as encoding/json does, lone surrogate escapes
// and invalid UTF-8 becoming U+FFFD, but here each such string is also
// reported (invalid_unicode). Numbers out of float64's range are cut
// (invalid_value).
//
// # Speed
//
// One copy of the input is made per Parse; keys and strings without escapes
// are slices of it. Containers are collected on stacks kept between calls
// and allocated once, at their exact size. What remains is what an any
// costs: a map or slice per container and a box per string and number.
package jsonread
