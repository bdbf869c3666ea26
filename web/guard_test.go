package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServer_Nosniff: every answer, JSON and static files included, carries
// X-Content-Type-Options: nosniff, so that a browser never runs or renders
// it as a type it guesses (issue 11 item 10).
func TestServer_Nosniff(t *testing.T) {
	build := t.TempDir()
	writeFiles(t, build, map[string]string{"braze-wasm.js": "SHIM", "braze-wasm.wasm": "WASM", "wasm_exec.js": "EXEC"})
	playground := t.TempDir()
	writeFiles(t, playground, map[string]string{"index.html": "<p>{{.Nonce}}</p>", "playground.js": "PG"})
	srv := NewServer(Config{Build: build, NodeModules: fakeNodeModules(t), Playground: playground})
	defer srv.Close()
	site := httptest.NewServer(srv.Handler())
	defer site.Close()
	backend := httptest.NewServer(srv.BackendHandler())
	defer backend.Close()

	for _, tc := range []struct{ method, url string }{
		{"GET", site.URL + "/"},
		{"GET", site.URL + "/__backend/requests"},
		{"GET", backend.URL + "/__backend/requests"},
		{"POST", backend.URL + "/api/v3/data/"},
		{"POST", site.URL + "/v1/t"},
		{"GET", site.URL + "/v1/projects/wk/settings"},
		{"GET", site.URL + "/braze-wasm/braze-wasm.js"},
		{"GET", site.URL + srv.build.prefix() + "braze-wasm.wasm"},
		{"GET", site.URL + vendorBrazePath},
		{"GET", site.URL + "/analytics.js/v1/wk/analytics.min.js"},
		{"GET", site.URL + "/demo/demo.js"},
		{"GET", site.URL + "/demo/"},
		{"GET", site.URL + "/playground/playground.js"},
		{"GET", site.URL + "/playground/"},
		{"GET", site.URL + "/nothing-here"},
	} {
		req, err := http.NewRequest(tc.method, tc.url, strings.NewReader("{}"))
		require.NoError(t, err)
		resp, err := http.DefaultTransport.RoundTrip(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), "%s %s (%d)", tc.method, tc.url, resp.StatusCode)
	}
}

// TestServer_InvalidUTF8Path: a path that is not UTF-8 once unescaped is a
// bad request (400), wherever it points; /demo/ used to answer 500 (issue
// 11 item 10).
func TestServer_InvalidUTF8Path(t *testing.T) {
	playground := t.TempDir()
	writeFiles(t, playground, map[string]string{"index.html": "<p>{{.Nonce}}</p>"})
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: fakeNodeModules(t), Playground: playground})
	defer srv.Close()
	site := httptest.NewServer(srv.Handler())
	defer site.Close()
	backend := httptest.NewServer(srv.BackendHandler())
	defer backend.Close()

	for _, tc := range []struct{ method, url string }{
		{"GET", site.URL + "/demo/%ff"},
		{"GET", site.URL + "/demo/%c3%28.js"},
		{"GET", site.URL + "/playground/%ff"},
		{"GET", site.URL + "/braze-wasm/%ff"},
		{"GET", site.URL + "/vendor/appboy/3.5.1/%ff"},
		{"GET", site.URL + "/analytics-next/bundles/%ed%a0%80.js"}, // a UTF-16 surrogate
		{"GET", site.URL + "/%ff"},
		{"POST", site.URL + "/v1/%ff"},
		{"POST", backend.URL + "/api/v3/%ff"},
	} {
		req, err := http.NewRequest(tc.method, tc.url, strings.NewReader("{}"))
		require.NoError(t, err)
		resp, err := http.DefaultTransport.RoundTrip(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "%s %s", tc.method, tc.url)
	}
	assert.Zero(t, len(srv.Requests.Since(0)), "nothing recorded")
}
