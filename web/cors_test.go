package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBackend_CORSPreflight(t *testing.T) {
	_, ts := newTestBackend(t)
	req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/api/v3/data/", nil)
	req.Header.Set("Origin", "http://127.0.0.1:1")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type,x-braze-api-key,x-requested-with")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Equal(t, "http://127.0.0.1:1", resp.Header.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "true", resp.Header.Get("Access-Control-Allow-Credentials"))
	assert.Equal(t, "content-type,x-braze-api-key,x-requested-with", resp.Header.Get("Access-Control-Allow-Headers"))
	assert.Contains(t, resp.Header.Get("Access-Control-Allow-Methods"), "POST")
	assert.Equal(t, "600", resp.Header.Get("Access-Control-Max-Age"))
}

// TestRequestLog_Origins: the request log holds API keys and email
// addresses. Only the server's own pages may read it or clear it from a
// browser: the page's own origin, and the site's and the backend's origins
// given in Config; any other Origin is refused, and never echoed (issue 11
// item 10).
func TestRequestLog_Origins(t *testing.T) {
	const site, backend = "http://site.test", "http://backend.test"
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir(), SiteOrigin: site, BackendOrigin: backend})
	defer srv.Close()
	sites := map[string]*httptest.Server{
		"site":    httptest.NewServer(srv.Handler()),
		"backend": httptest.NewServer(srv.BackendHandler()),
	}
	for _, ts := range sites {
		defer ts.Close()
	}
	same := "same origin" // replaced by the test server's own origin

	tests := []struct {
		name, on, method, path, origin string
		status                         int
		allowed                        bool // Access-Control-Allow-Origin echoes origin
	}{
		{"no origin: curl, a test, a same-origin GET", "site", "GET", "/__backend/requests", "", 200, false},
		{"same origin", "backend", "GET", "/__backend/requests", same, 200, true},
		{"the site's origin on the backend", "backend", "GET", "/__backend/requests", site, 200, true},
		{"the backend's origin on the site", "site", "GET", "/__backend/requests", backend, 200, true},
		{"another origin", "site", "GET", "/__backend/requests", "http://evil.test", 403, false},
		{"another port of the site's host", "site", "GET", "/__backend/requests", "http://site.test:81", 403, false},
		{"an opaque origin", "backend", "GET", "/__backend/requests", "null", 403, false},
		{"events, another origin", "site", "GET", "/__backend/events", "http://evil.test", 403, false},
		{"events, the site's origin", "backend", "GET", "/__backend/events", site, 200, true},
		{"preflight, another origin", "backend", "OPTIONS", "/__backend/requests", "http://evil.test", 403, false},
		{"preflight, the site's origin", "backend", "OPTIONS", "/__backend/requests", site, 204, true},
		{"delete, another origin", "site", "DELETE", "/__backend/requests", "http://evil.test", 403, false},
		{"delete, same origin", "site", "DELETE", "/__backend/requests", same, 204, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := sites[tc.on]
			srv.Requests.Add(Request{Kind: kindBraze, Path: "/api/v3/data/"})
			ctx, cancel := context.WithTimeout(context.Background(), busyWait)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, tc.method, ts.URL+tc.path, nil)
			require.NoError(t, err)
			origin := tc.origin
			if origin == same {
				origin = ts.URL
			}
			if origin != "" {
				req.Header.Set("Origin", origin)
			}
			if tc.method == http.MethodOptions {
				req.Header.Set("Access-Control-Request-Method", "DELETE")
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tc.status, resp.StatusCode)
			want := ""
			if tc.allowed {
				want = origin
			}
			assert.Equal(t, want, resp.Header.Get("Access-Control-Allow-Origin"))
			assert.Empty(t, resp.Header.Get("Access-Control-Allow-Credentials"), "the log needs no credentials")
			if tc.method == http.MethodOptions && tc.allowed {
				assert.Contains(t, resp.Header.Get("Access-Control-Allow-Methods"), "DELETE")
			}
			if tc.method == http.MethodDelete && !tc.allowed {
				assert.NotEmpty(t, srv.Requests.Since(0), "a refused DELETE clears nothing")
			}
		})
	}
}
