package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServer_Index(t *testing.T) {
	ts := httptest.NewServer(NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir()}).Handler())
	defer ts.Close()
	status, body, hdr := get(t, ts.URL+"/")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "text/plain; charset=utf-8", hdr.Get("Content-Type"))
	assert.Contains(t, body, "/braze-wasm/braze-wasm.js")
	status, _, _ = get(t, ts.URL+"/nothing-here")
	assert.Equal(t, http.StatusNotFound, status)
}

// TestServer_SiteServesTheBackend checks that make run, with one address,
// has the Braze backend and its log on the site's origin too.
func TestServer_SiteServesTheBackend(t *testing.T) {
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir()})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Post(ts.URL+"/api/v3/data/", "application/json", strings.NewReader(`{"a":1}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	require.Len(t, srv.Requests.Since(0), 1)
	status, body, _ := get(t, ts.URL+"/__backend/requests")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"kind": "braze"`)
}
