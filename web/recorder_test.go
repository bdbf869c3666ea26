package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBackendRecorder_Bounds(t *testing.T) {
	// unit is what a request with a 5-byte body costs.
	unit := (&Request{Body: json.RawMessage(`"aaa"`)}).size()
	tests := []struct {
		name               string
		maxRequests, bytes int
		bodies             []string
		wantSeqs           []int64
	}{
		{"under both bounds", 3, 3 * unit, []string{`1`, `2`}, []int64{1, 2}},
		{"oldest go past MaxRequests", 2, 3 * unit, []string{`1`, `2`, `3`}, []int64{2, 3}},
		{"oldest go past MaxBytes", 10, 2 * unit, []string{`"aaa"`, `"bbb"`, `"c"`}, []int64{2, 3}},
		{"a request over MaxBytes leaves nothing", 10, unit, []string{`1`, `"toolong"`}, nil},
		{"zero means the defaults", 0, 0, []string{`1`, `2`}, []int64{1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &Recorder{MaxRequests: tc.maxRequests, MaxBytes: tc.bytes}
			for _, b := range tc.bodies {
				r.Add(Request{Body: json.RawMessage(b)})
			}
			var seqs []int64
			for _, req := range r.Since(0) {
				seqs = append(seqs, req.Seq)
			}
			assert.Equal(t, tc.wantSeqs, seqs)
		})
	}
}

// TestBackendRecorder_CountsEverything: every string a request keeps counts
// against MaxBytes, not only its body (issue 11 item 3).
func TestBackendRecorder_CountsEverything(t *testing.T) {
	empty := (&Request{}).size()
	assert.Positive(t, empty, "an empty request costs something")
	big := strings.Repeat("x", 1000)
	for name, req := range map[string]Request{
		"path":         {Path: big},
		"header value": {Headers: map[string]string{"X-Braze-A": big}},
		"header name":  {Headers: map[string]string{big: ""}},
		"body":         {Body: json.RawMessage(big)},
		"method":       {Method: big},
		"kind":         {Kind: big},
	} {
		assert.GreaterOrEqual(t, req.size()-empty, len(big), name)
	}

	r := &Recorder{MaxBytes: 10_000}
	for range 100 {
		r.Add(Request{Path: "/api/v3/data/", Headers: map[string]string{"X-Braze-Flood": big}, Body: json.RawMessage(`{}`)})
		assert.LessOrEqual(t, r.Bytes(), r.MaxBytes)
	}
	kept := r.Since(0)
	assert.Len(t, kept, 10_000/(&kept[0]).size(), "as many as fit")
	sum := 0
	for i := range kept {
		sum += kept[i].size()
	}
	assert.Equal(t, sum, r.Bytes())
	r.Clear()
	assert.Zero(t, r.Bytes())
}

func TestBackendRecorder_SinceAndClear(t *testing.T) {
	r := NewRecorder()
	r.Add(Request{Path: "/a"})
	r.Add(Request{Path: "/b"})
	got := r.Since(1)
	require.Len(t, got, 1)
	assert.Equal(t, "/b", got[0].Path)
	assert.False(t, got[0].Time.IsZero(), "Add sets Time")

	r.Clear()
	assert.Empty(t, r.Since(0))
	// Sequence numbers go on after Clear, so a poller never sees one twice.
	assert.Equal(t, int64(3), r.Add(Request{}).Seq)
}

func TestBackendRecorder_Wait(t *testing.T) {
	r := NewRecorder()
	go func() {
		for i := 0; i < 3; i++ {
			time.Sleep(5 * time.Millisecond)
			r.Add(Request{Path: "/x"})
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), busyWait)
	defer cancel()
	got, err := r.Wait(ctx, func(reqs []Request) bool { return len(reqs) == 3 })
	require.NoError(t, err)
	assert.Len(t, got, 3)

	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	got, err = r.Wait(ctx, func(reqs []Request) bool { return len(reqs) == 4 })
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Len(t, got, 3, "the last requests seen come back with the error")
}

func TestBackendRecorder_HTTP(t *testing.T) {
	r := NewRecorder()
	r.Add(Request{Kind: kindBraze, Path: "/api/v3/data/", Body: json.RawMessage(`{"a":1}`)})
	r.Add(Request{Kind: kindSegment, Path: "/v1/t"})
	r.Add(Request{Kind: kindBraze, Path: "/api/v3/data/"})

	list := func(query string) []Request {
		t.Helper()
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/__backend/requests"+query, nil))
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
		var reqs []Request
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &reqs))
		return reqs
	}
	assert.Len(t, list(""), 3)
	assert.Len(t, list("?since=1"), 2)
	assert.Len(t, list("?kind=braze"), 2)
	assert.Len(t, list("?kind=braze&since=1"), 1)
	assert.JSONEq(t, `{"a":1}`, string(list("")[0].Body))

	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/__backend/requests?since=x", nil))
	assert.Equal(t, http.StatusBadRequest, rec.Code)

	rec = httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodDelete, "/__backend/requests", nil))
	assert.Equal(t, http.StatusNoContent, rec.Code)
	assert.Empty(t, list(""))

	rec = httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/__backend/requests", nil))
	assert.Equal(t, "[]", strings.TrimSpace(rec.Body.String()), "an empty log is [] for JS readers")
}

func TestBackendRecorder_JSONBody(t *testing.T) {
	assert.Nil(t, jsonBody(nil))
	assert.Equal(t, `{"a":1}`, string(jsonBody([]byte(`{"a":1}`))))
	assert.Equal(t, `"a=1\u0026b"`, string(jsonBody([]byte(`a=1&b`))), "not JSON: kept as a JSON string")
}
