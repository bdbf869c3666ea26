package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCaseASCII(t *testing.T) {
	for _, tc := range []struct{ in, lower, upper string }{
		{"", "", ""},
		{"usd", "usd", "USD"},
		{"Buffer", "buffer", "BUFFER"},
		{"HTTPS://Sdk.IAD-01.braze.com", "https://sdk.iad-01.braze.com", "HTTPS://SDK.IAD-01.BRAZE.COM"},
		// Only ASCII letters fold: the Kelvin sign is not "k", dotless i not "I".
		{"\u212Aeep", "\u212Aeep", "\u212AEEP"},
		{"\u0131nr", "\u0131nr", "\u0131NR"},
		{"caf\u00e9", "caf\u00e9", "CAF\u00e9"},
	} {
		assert.Equal(t, tc.lower, toLowerASCII(tc.in), tc.in)
		assert.Equal(t, tc.upper, toUpperASCII(tc.in), tc.in)
	}
}
