package jsonread_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/segment-braze-wasm/segment-braze-wasm/core/jsonread"
)

// testdata drives TestParse and seeds FuzzParse. issues lists each Issue
// as "path code"; err is the exact error.
var testdata = []struct {
	name   string
	in     string
	lim    jsonread.Limits
	want   any
	issues []string
	err    string
}{
	// Values.
	{name: "object", in: `{"a":1,"b":"x","c":true,"d":false,"e":null}`, want: map[string]any{"a": 1.0, "b": "x", "c": true, "d": false, "e": nil}},
	{name: "nested", in: ` { "a" : [ 1 , { "b" : [ ] } , { } ] } `, want: map[string]any{"a": []any{1.0, map[string]any{"b": []any{}}, map[string]any{}}}},
	{name: "top-level scalar", in: "\t\r\n\"s\"\n", want: "s"},
	{name: "top-level null", in: `null`, want: nil},
	{name: "duplicate key: last wins", in: `{"a":1,"a":2}`, want: map[string]any{"a": 2.0}},
	{name: "empty key", in: `{"":1}`, want: map[string]any{"": 1.0}},
	{name: "numbers", in: `[0,-0,12,-12,1.5,1e2,1E+2,1e-2,-0.0e0,123456789012345,1234567890123456789,0.1,5e-324,1.7976931348623157e308]`,
		want: []any{0.0, 0.0, 12.0, -12.0, 1.5, 100.0, 100.0, 0.01, 0.0, 123456789012345.0, 1234567890123456789.0, 0.1, 5e-324, 1.7976931348623157e308}},
	{name: "underflow is zero", in: `1e-400`, want: 0.0},
	{name: "escapes", in: `"\"\\\/\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00"`, want: "\"\\/\b\f\n\r\tAé€😀"},
	{name: "raw UTF-8", in: `"é€😀` + "\uE000" + `"`, want: "é€😀\uE000"},
	{name: "raw U+FFFD is valid", in: "\"\uFFFD\"", want: "\uFFFD"},
	{name: "keys with dots and escapes", in: `{"a.b[0]":1,"\u0063":2}`, want: map[string]any{"a.b[0]": 1.0, "c": 2.0}},

	// Invalid Unicode: replaced and reported at the string's path, a key's own path.
	{name: "lone high surrogate", in: `{"p":{"s":"a\ud800b"}}`, want: map[string]any{"p": map[string]any{"s": "a\uFFFDb"}}, issues: []string{"p.s invalid_unicode"}},
	{name: "lone low surrogate", in: `["\udc00"]`, want: []any{"\uFFFD"}, issues: []string{"[0] invalid_unicode"}},
	{name: "high then non-low", in: `"\ud800\u0041"`, want: "\uFFFDA", issues: []string{" invalid_unicode"}},
	{name: "high then high then low", in: `"\ud800\ud800\udc00"`, want: "\uFFFD\U00010000", issues: []string{" invalid_unicode"}},
	{name: "high at end", in: `"\ud800"`, want: "\uFFFD", issues: []string{" invalid_unicode"}},
	{name: "invalid UTF-8 bytes", in: "{\"a\":[\"x\xffy\xc3\"]}", want: map[string]any{"a": []any{"x\uFFFDy\uFFFD"}}, issues: []string{"a[0] invalid_unicode"}},
	{name: "surrogate encoded as UTF-8", in: "\"\xed\xa0\x80\"", want: "\uFFFD\uFFFD\uFFFD", issues: []string{" invalid_unicode"}},
	{name: "in a key", in: `{"t":{"k\udc00":1}}`, want: map[string]any{"t": map[string]any{"k\uFFFD": 1.0}}, issues: []string{"t.k\uFFFD invalid_unicode"}},

	// Numbers out of range: cut.
	{name: "out of range", in: `{"a":1e999,"b":-1e400,"c":2}`, want: map[string]any{"c": 2.0}, issues: []string{"a invalid_value", "b invalid_value"}},

	// Limits.
	{name: "depth", in: `{"a":{"b":{"c":1}},"d":[[1]],"e":2}`, lim: jsonread.Limits{MaxDepth: 2},
		want: map[string]any{"a": map[string]any{}, "d": []any{}, "e": 2.0}, issues: []string{"a.b too_deep", "d[0] too_deep"}},
	{name: "depth 1 keeps the root", in: `[1,[2],{"a":3}]`, lim: jsonread.Limits{MaxDepth: 1},
		want: []any{1.0}, issues: []string{"[1] too_deep", "[2] too_deep"}},
	{name: "keys", in: `{"a":1,"b":2,"c":3,"d":{"e":[1,2,3]}}`, lim: jsonread.Limits{MaxKeys: 2},
		want: map[string]any{"a": 1.0, "b": 2.0}, issues: []string{" too_many_keys"}},
	{name: "elements", in: `{"p":{"l":[1,2,3]}}`, lim: jsonread.Limits{MaxKeys: 2},
		want: map[string]any{"p": map[string]any{"l": []any{1.0, 2.0}}}, issues: []string{"p.l too_many_keys"}},
	{name: "string", in: `{"a":"abcd","b":"abc","c":"ab\u0063d","d":"\u00e9\u00e9"}`, lim: jsonread.Limits{MaxString: 3},
		want: map[string]any{"b": "abc"}, issues: []string{"a payload_too_large", "c payload_too_large", "d payload_too_large"}},
	{name: "string: decoded length counts", in: `["\u0041\u0042\u0043"]`, lim: jsonread.Limits{MaxString: 3}, want: []any{"ABC"}},
	{name: "key over MaxString", in: `{"o":{"abcd":1,"ab":2}}`, lim: jsonread.Limits{MaxString: 3},
		want: map[string]any{"o": map[string]any{"ab": 2.0}}, issues: []string{"o payload_too_large"}},
	{name: "nodes", in: `{"a":1,"b":[2,3],"c":{"d":4},"e":5}`, lim: jsonread.Limits{MaxNodes: 4},
		want: map[string]any{"a": 1.0, "b": []any{2.0}}, issues: []string{"b[1] payload_too_large"}},
	{name: "nodes: the root alone", in: `[[1],2]`, lim: jsonread.Limits{MaxNodes: 1}, want: []any{}, issues: []string{"[0] payload_too_large"}},
	{name: "nodes: cut values are not counted", in: `["abcd",1,2]`, lim: jsonread.Limits{MaxNodes: 3, MaxString: 3},
		want: []any{1.0, 2.0}, issues: []string{"[0] payload_too_large"}},
	{name: "nodes: array paths keep input indexes", in: `[[1],[2,3]]`, lim: jsonread.Limits{MaxNodes: 4, MaxDepth: 1},
		want: []any{}, issues: []string{"[0] too_deep", "[1] too_deep"}},
	{name: "cut values are still checked", in: `{"a":{"b":[1,2}}}`, lim: jsonread.Limits{MaxDepth: 1}, err: "jsonread: offset 14: invalid character '}', expecting ',' or ']'"},
	{name: "limits in a cut value are not reported", in: `{"a":{"b":"\ud800","c":1e999,"d":"long string"}}`, lim: jsonread.Limits{MaxDepth: 1, MaxString: 2},
		want: map[string]any{}, issues: []string{"a too_deep"}},
	{name: "empty key path", in: `{"":{"":[1,2]}}`, lim: jsonread.Limits{MaxKeys: 1}, want: map[string]any{"": map[string]any{"": []any{1.0}}}, issues: []string{`[""][""] too_many_keys`}},

	// Syntax errors.
	{name: "empty", in: ``, err: "jsonread: offset 0: unexpected end of input, expecting a value"},
	{name: "blank", in: "  \n", err: "jsonread: offset 3: unexpected end of input, expecting a value"},
	{name: "trailing comma in object", in: `{"a":1,}`, err: "jsonread: offset 7: invalid character '}', expecting a string key"},
	{name: "trailing comma in array", in: `[1,]`, err: "jsonread: offset 3: invalid character ']', expecting a value"},
	{name: "missing comma", in: `[1 2]`, err: "jsonread: offset 3: invalid character '2', expecting ',' or ']'"},
	{name: "missing colon", in: `{"a" 1}`, err: "jsonread: offset 5: invalid character '1', expecting ':' after the key"},
	{name: "unquoted key", in: `{a:1}`, err: "jsonread: offset 1: invalid character 'a', expecting a string key"},
	{name: "unclosed object", in: `{"a":1`, err: "jsonread: offset 6: unexpected end of input, expecting ',' or '}'"},
	{name: "unclosed string", in: `"abc`, err: "jsonread: offset 4: unexpected end of input, expecting '\"' closing the string"},
	{name: "two values", in: `1 2`, err: "jsonread: offset 2: invalid character '2', expecting end of input after the value"},
	{name: "leading zero", in: `01`, err: "jsonread: offset 1: invalid character '1', expecting end of input after the value"},
	{name: "plus sign", in: `+1`, err: "jsonread: offset 0: invalid character '+', expecting a value"},
	{name: "bare minus", in: `-`, err: "jsonread: offset 1: unexpected end of input, expecting a digit"},
	{name: "dot without digits", in: `1.`, err: "jsonread: offset 2: unexpected end of input, expecting a digit"},
	{name: "leading dot", in: `.5`, err: "jsonread: offset 0: invalid character '.', expecting a value"},
	{name: "exponent without digits", in: `1e+`, err: "jsonread: offset 3: unexpected end of input, expecting a digit"},
	{name: "NaN", in: `NaN`, err: "jsonread: offset 0: invalid character 'N', expecting a value"},
	{name: "bad literal", in: `tru`, err: "jsonread: offset 3: unexpected end of input, expecting 'e' in true"},
	{name: "bad literal byte", in: `nul1`, err: "jsonread: offset 3: invalid character '1', expecting 'l' in null"},
	{name: "bad escape", in: `"\x"`, err: "jsonread: offset 2: invalid character 'x', expecting an escape character"},
	{name: "short \\u escape", in: `"\u12"`, err: "jsonread: offset 5: invalid character '\"', expecting a hex digit in a \\u escape"},
	{name: "control character", in: "\"a\tb\"", err: "jsonread: offset 2: invalid character 0x09, expecting a string character (control characters must be escaped)"},
	{name: "single quotes", in: `'a'`, err: "jsonread: offset 0: invalid character 0x27, expecting a value"},
	{name: "invalid UTF-8 outside strings", in: "[\xff]", err: "jsonread: offset 1: invalid character 0xff, expecting a value"},
	{name: "BOM", in: "\uFEFF1", err: "jsonread: offset 0: invalid character 0xef, expecting a value"},
	{name: "too deep for anyone", in: strings.Repeat("[", 10001) + strings.Repeat("]", 10001), err: "jsonread: offset 10000: nested more than 10000 levels"},
	{name: "too deep, even when cut", in: strings.Repeat("[", 10001) + strings.Repeat("]", 10001), lim: jsonread.Limits{MaxDepth: 2}, err: "jsonread: offset 10000: nested more than 10000 levels"},
	{name: "nesting 10000 is fine", in: strings.Repeat("[", 10000) + strings.Repeat("]", 10000), lim: jsonread.Limits{MaxDepth: 1}, want: []any{}, issues: []string{"[0] too_deep"}},
}

func TestParse(t *testing.T) {
	for _, tc := range testdata {
		t.Run(tc.name, func(t *testing.T) {
			got, issues, err := jsonread.Parse([]byte(tc.in), tc.lim)
			if tc.err != "" {
				assert.EqualError(t, err, tc.err)
				assert.Nil(t, got)
				assert.Nil(t, issues)
				return
			}
			if !assert.NoError(t, err) {
				return
			}
			assert.Equal(t, tc.want, got)
			var short []string
			for _, is := range issues {
				short = append(short, is.Path+" "+is.Code)
				assert.NotEmpty(t, is.Message)
			}
			assert.Equal(t, tc.issues, short)
		})
	}
}

// TestParseMessages checks the wording users see, which names the value.
func TestParseMessages(t *testing.T) {
	in := `{"a":{"b":1},"s":"toolong","n":1e999,"u":"\ud800\udc41\udfff","x":[1,2,3],"y":1}`
	_, issues, err := jsonread.Parse([]byte(in), jsonread.Limits{MaxDepth: 1, MaxString: 5, MaxKeys: 2})
	assert.NoError(t, err)
	assert.Equal(t, []jsonread.Issue{
		{Path: "a", Code: "too_deep", Message: "nested more than 1 levels: dropped"},
		{Path: "s", Code: "payload_too_large", Message: "a string over the 5-byte limit (7 bytes as JSON): dropped"},
		{Path: "", Code: "too_many_keys", Message: "6 members: only the first 2 were kept"},
	}, issues)

	_, issues, err = jsonread.Parse([]byte(in), jsonread.Limits{MaxNodes: 5})
	assert.NoError(t, err)
	assert.Equal(t, []jsonread.Issue{
		{Path: "n", Code: "invalid_value", Message: "number 1e999 is out of range: dropped"},
		{Path: "u", Code: "invalid_unicode", Message: `lone surrogate \udfff replaced by U+FFFD`},
		{Path: "x", Code: "payload_too_large", Message: "more than 5 values: this one and all after it were dropped"},
	}, issues)

	_, issues, err = jsonread.Parse([]byte(`{"u":"\ud800\udc41\udfff","b":"`+"\xff\xfe"+`","k":{"\ud800x":1}}`), jsonread.Limits{})
	assert.NoError(t, err)
	assert.Equal(t, []jsonread.Issue{
		{Path: "u", Code: "invalid_unicode", Message: `lone surrogate \udfff replaced by U+FFFD`},
		{Path: "b", Code: "invalid_unicode", Message: `invalid UTF-8 byte 0xff replaced by U+FFFD (and 1 more)`},
		{Path: "k.\uFFFDx", Code: "invalid_unicode", Message: `lone surrogate \ud800 replaced by U+FFFD`},
	}, issues)
}

// TestParseIssueBound checks that issues stop at 100 plus a count, so that
// a hostile input pays its paths at most 100 times.
func TestParseIssueBound(t *testing.T) {
	in := strings.Repeat("[", 5000) + strings.Repeat(`"\ud800",`, 1000) + "1" + strings.Repeat("]", 5000)
	_, issues, err := jsonread.Parse([]byte(in), jsonread.Limits{})
	assert.NoError(t, err)
	assert.Len(t, issues, 101)
	assert.Equal(t, strings.Repeat("[0]", 5000), issues[0].Path)
	assert.Equal(t, strings.Repeat("[0]", 4999)+"[99]", issues[99].Path)
	assert.Equal(t, jsonread.Issue{Code: "payload_too_large", Message: "900 more issues were not listed"}, issues[100])
}

// TestParseReusesNothing checks that the input may change after Parse:
// the result does not alias it.
func TestParseReusesNothing(t *testing.T) {
	data := []byte(`{"key":"value","e":"\u00e9"}`)
	got, _, err := jsonread.Parse(data, jsonread.Limits{})
	assert.NoError(t, err)
	for i := range data {
		data[i] = 'x'
	}
	assert.Equal(t, map[string]any{"key": "value", "e": "é"}, got)
}
