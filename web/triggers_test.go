package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTriggers_Answer(t *testing.T) {
	trigger := json.RawMessage(`{"id":"t1","type":"inapp"}`)
	asks := []byte(`{"respond_with":{"triggers":true,"config":{}}}`)
	tests := []struct {
		name     string
		triggers []json.RawMessage
		body     []byte
		want     string
	}{
		{"none set", nil, asks, `{}`},
		{"asked", []json.RawMessage{trigger}, asks, `{"triggers":[{"id":"t1","type":"inapp"}]}`},
		{"not asked", []json.RawMessage{trigger}, []byte(`{"respond_with":{"config":{}}}`), `{}`},
		{"not JSON", []json.RawMessage{trigger}, []byte(`nope`), `{}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var tr Triggers
			tr.Set(tc.triggers...)
			assert.JSONEq(t, tc.want, string(tr.answer(tc.body)))
		})
	}
}
