package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeNodeModules makes a node_modules folder with small stand-ins for the
// files the server serves from the npm install.
func fakeNodeModules(t *testing.T) string {
	t.Helper()
	nm := t.TempDir()
	writeFiles(t, nm, map[string]string{
		"@segment/analytics-next/dist/umd/standalone.js":        "STANDALONE",
		"@segment/analytics-next/dist/umd/standalone.js.gz":     "STANDALONE-GZ",
		"@segment/analytics-next/dist/umd/407.bundle.abc.js":    "CHUNK",
		".local/braze-" + brazeSDKVersion + ".no-module.min.js": "BRAZE",
		"appboy-web-sdk/appboy.no-amd.min.js":                   "APPBOY",
		"appboy-web-sdk/package.json":                           `{"version":"3.5.1"}`,
	})
	return nm
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

func TestServer_SegmentCDN(t *testing.T) {
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: fakeNodeModules(t)})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	status, body, hdr := get(t, ts.URL+"/v1/projects/test-write-key/settings")
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "application/json", hdr.Get("Content-Type"))
	assert.JSONEq(t, `{
		"integrations": {"Segment.io": {"apiKey": "test-write-key"}},
		"remotePlugins": [],
		"metrics": {"sampleRate": 0}
	}`, body)

	// A workspace with consent categories, as the consent tests set it.
	srv.CDN.Set(map[string]map[string]any{"Braze (WASM)": {"consentSettings": map[string]any{"categories": []any{"C0004"}}}})
	srv.CDN.SetConsent(map[string]any{"allCategories": []any{"C0004"}, "hasUnmappedDestinations": false})
	_, body, _ = get(t, ts.URL+"/v1/projects/test-write-key/settings")
	assert.JSONEq(t, `{
		"integrations": {"Segment.io": {"apiKey": "test-write-key"}, "Braze (WASM)": {"consentSettings": {"categories": ["C0004"]}}},
		"remotePlugins": [],
		"metrics": {"sampleRate": 0},
		"consentSettings": {"allCategories": ["C0004"], "hasUnmappedDestinations": false}
	}`, body)
	srv.CDN.Set(nil)
	srv.CDN.SetConsent(nil)

	status, body, hdr = get(t, ts.URL+"/analytics.js/v1/test-write-key/analytics.min.js")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "STANDALONE", body, "the CDN's analytics.min.js is the npm standalone build")
	assert.Equal(t, "text/javascript; charset=utf-8", hdr.Get("Content-Type"))

	status, body, _ = get(t, ts.URL+"/analytics-next/bundles/407.bundle.abc.js")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "CHUNK", body)

	resp, err := http.Post(ts.URL+"/v1/t", "text/plain", strings.NewReader(`{"type":"track","event":"E"}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	reqs := srv.Requests.Since(0)
	require.Len(t, reqs, 1)
	assert.Equal(t, kindSegment, reqs[0].Kind)
	assert.Equal(t, "/v1/t", reqs[0].Path)
	var ev map[string]any
	require.NoError(t, json.Unmarshal(reqs[0].Body, &ev))
	assert.Equal(t, "E", ev["event"])

	resp, err = http.Post(ts.URL+"/v1/nope", "text/plain", strings.NewReader(`{}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Len(t, srv.Requests.Since(0), 1, "an unknown API method is not recorded")
}

func TestServer_SegmentCDNWithoutNpmInstall(t *testing.T) {
	ts := httptest.NewServer(NewServer(Config{Build: t.TempDir(), NodeModules: filepath.Join(t.TempDir(), "none")}).Handler())
	defer ts.Close()
	status, body, _ := get(t, ts.URL+"/analytics.js/v1/wk/analytics.min.js")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, "run make deps-npm")
}
