package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// guardCase is one request sent to the site or to the backend.
type guardCase struct{ method, url string }

// serveGuarded serves a Server with a build, a playground and the npm files
// on a site and a backend listener, and returns the status and header of
// each case (URLs are relative to site or backend, as its prefix says).
func serveGuarded(t *testing.T, cases []guardCase) (*Server, []*http.Response) {
	t.Helper()
	build := t.TempDir()
	writeFiles(t, build, map[string]string{"braze-wasm.js": "SHIM", "braze-wasm.wasm": "WASM", "wasm_exec.js": "EXEC"})
	playground := t.TempDir()
	writeFiles(t, playground, map[string]string{"index.html": "<p>{{.Nonce}}</p>", "playground.js": "PG"})
	srv := NewServer(Config{Build: build, NodeModules: fakeNodeModules(t), Playground: playground})
	t.Cleanup(srv.Close)
	site := httptest.NewServer(srv.Handler())
	t.Cleanup(site.Close)
	backend := httptest.NewServer(srv.BackendHandler())
	t.Cleanup(backend.Close)
	origins := strings.NewReplacer("site:", site.URL, "backend:", backend.URL, "{build}", srv.build.prefix())

	var out []*http.Response
	for _, tc := range cases {
		req, err := http.NewRequest(tc.method, origins.Replace(tc.url), strings.NewReader("{}"))
		require.NoError(t, err)
		resp, err := http.DefaultTransport.RoundTrip(req)
		require.NoError(t, err)
		resp.Body.Close()
		out = append(out, resp)
	}
	return srv, out
}

// TestServer_Nosniff: every answer, JSON and static files included, carries
// X-Content-Type-Options: nosniff, so that a browser never runs or renders
// it as a type it guesses (issue 11 item 10).
func TestServer_Nosniff(t *testing.T) {
	cases := []guardCase{
		{"GET", "site:/"},
		{"GET", "site:/__backend/requests"},
		{"GET", "backend:/__backend/requests"},
		{"POST", "backend:/api/v3/data/"},
		{"POST", "site:/v1/t"},
		{"GET", "site:/v1/projects/wk/settings"},
		{"GET", "site:/braze-wasm/braze-wasm.js"},
		{"GET", "site:{build}braze-wasm.wasm"},
		{"GET", "site:" + vendorBrazePath},
		{"GET", "site:/analytics.js/v1/wk/analytics.min.js"},
		{"GET", "site:/demo/demo.js"},
		{"GET", "site:/demo/"},
		{"GET", "site:/playground/playground.js"},
		{"GET", "site:/playground/"},
		{"GET", "site:/nothing-here"},
	}
	_, resps := serveGuarded(t, cases)
	for i, resp := range resps {
		assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), "%v (%d)", cases[i], resp.StatusCode)
	}
}

// TestServer_InvalidUTF8Path: a path that is not UTF-8 once unescaped is a
// bad request (400), wherever it points; /demo/ used to answer 500 (issue
// 11 item 10).
func TestServer_InvalidUTF8Path(t *testing.T) {
	cases := []guardCase{
		{"GET", "site:/demo/%ff"},
		{"GET", "site:/demo/%c3%28.js"},
		{"GET", "site:/playground/%ff"},
		{"GET", "site:/braze-wasm/%ff"},
		{"GET", "site:/vendor/appboy/3.5.1/%ff"},
		{"GET", "site:/analytics-next/bundles/%ed%a0%80.js"}, // a UTF-16 surrogate
		{"GET", "site:/%ff"},
		{"POST", "site:/v1/%ff"},
		{"POST", "backend:/api/v3/%ff"},
	}
	srv, resps := serveGuarded(t, cases)
	for i, resp := range resps {
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "%v", cases[i])
	}
	assert.Zero(t, len(srv.Requests.Since(0)), "nothing recorded")
}
