package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServer_CSP(t *testing.T) {
	srv := NewServer(Config{Build: fakeBuild(t), NodeModules: t.TempDir(),
		Playground: filepath.Join("..", "playground"), BackendOrigin: "http://127.0.0.1:8081"})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	var nonces []string
	for _, p := range []string{"/playground/", "/playground/live.html", "/demo/"} {
		t.Run(p, func(t *testing.T) {
			resp, body := fetch(t, ts.URL+p, "identity")
			require.Equal(t, http.StatusOK, resp.StatusCode, body)
			assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
			assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))
			assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))

			csp := parseCSP(resp.Header.Get("Content-Security-Policy"))
			assert.Equal(t, []string{"'self'"}, csp["default-src"])
			assert.Equal(t, []string{"'none'"}, csp["object-src"])
			assert.Equal(t, []string{"'none'"}, csp["base-uri"])
			assert.Contains(t, csp["script-src"], "'wasm-unsafe-eval'", "WebAssembly needs it")
			assert.Equal(t, []string{"'self'", "http://127.0.0.1:8081"}, csp["connect-src"])
			for _, d := range []string{"script-src", "style-src"} {
				assert.NotContains(t, csp[d], "'unsafe-inline'", d)
				assert.NotContains(t, csp[d], "'unsafe-eval'", d)
				assert.NotContains(t, csp[d], "*", d)
			}

			// Every script tag carries the nonce of this response, and
			// there is no inline script or event handler attribute.
			var nonce string
			for _, src := range csp["script-src"] {
				if n, ok := strings.CutPrefix(src, "'nonce-"); ok {
					nonce = strings.TrimSuffix(n, "'")
				}
			}
			require.NotEmpty(t, nonce)
			nonces = append(nonces, nonce)
			tags := regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1)
			require.NotEmpty(t, tags)
			for _, tag := range tags {
				assert.Contains(t, tag, `nonce="`+nonce+`"`, tag)
				assert.Contains(t, tag, ` src="`, "no inline script: %s", tag)
			}
			assert.NotRegexp(t, `\son[a-z]+=`, body, "no inline event handlers")
		})
	}
	assert.Len(t, dedupe(nonces), len(nonces), "a fresh nonce per response")
}

// parseCSP splits a Content-Security-Policy into its directives.
func parseCSP(h string) map[string][]string {
	out := map[string][]string{}
	for d := range strings.SplitSeq(h, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[f[0]] = f[1:]
		}
	}
	return out
}

func dedupe(s []string) map[string]bool {
	m := map[string]bool{}
	for _, v := range s {
		m[v] = true
	}
	return m
}

func TestServer_PlaygroundFiles(t *testing.T) {
	srv := NewServer(Config{Build: fakeBuild(t), NodeModules: t.TempDir(), Playground: filepath.Join("..", "playground")})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	tests := []struct{ path, wantType string }{
		{"/playground/playground.js", "text/javascript; charset=utf-8"},
		{"/playground/live.js", "text/javascript; charset=utf-8"},
		{"/playground/playground.css", "text/css; charset=utf-8"},
		{"/demo/demo.js", "text/javascript; charset=utf-8"},
		{"/demo/segment-snippet.js", "text/javascript; charset=utf-8"},
		{"/demo/demo.css", "text/css; charset=utf-8"},
	}
	for _, tc := range tests {
		resp, body := fetch(t, ts.URL+tc.path, "identity")
		assert.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", tc.path, body)
		assert.Equal(t, tc.wantType, resp.Header.Get("Content-Type"), tc.path)
		assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"), "%s has no hash in its URL", tc.path)
	}
	// The bare folder names lead to the pages.
	for _, p := range []string{"/playground", "/demo", "/playground/index.html", "/demo/index.html"} {
		resp, _ := fetch(t, ts.URL+p, "identity")
		assert.Contains(t, []int{http.StatusMovedPermanently, http.StatusTemporaryRedirect}, resp.StatusCode, p)
	}
	// A browser asking for / gets the playground; a script gets the list.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusFound, resp.StatusCode)
	assert.Equal(t, "/playground/", resp.Header.Get("Location"))
}
