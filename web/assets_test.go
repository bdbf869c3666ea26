package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeBuild writes a build output with precompressed copies and returns its
// folder.
func fakeBuild(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"braze-wasm.wasm":    "WASM",
		"braze-wasm.wasm.br": "WASM-BR",
		"braze-wasm.wasm.gz": "WASM-GZ",
		"braze-wasm.js":      "JS",
		"wasm_exec.js":       "EXEC",
	})
	return dir
}

// fetch GETs u with the given Accept-Encoding ("identity" for none: an empty
// one makes the transport ask for gzip and decode it itself).
func fetch(t *testing.T, u, accept string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", accept)
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestServer_HashedBuild(t *testing.T) {
	build := fakeBuild(t)
	srv := NewServer(Config{Build: build, NodeModules: t.TempDir()})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	prefix := srv.build.prefix()
	require.Regexp(t, `^/braze-wasm/[0-9a-f]{16}/$`, prefix)

	resp, body := fetch(t, ts.URL+prefix+"braze-wasm.wasm", "gzip, br")
	assert.Equal(t, http.StatusOK, resp.StatusCode, body)
	assert.Equal(t, "WASM-BR", body)
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, "br", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, "public, max-age=31536000, immutable", resp.Header.Get("Cache-Control"))
	assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))

	resp, body = fetch(t, ts.URL+prefix+"wasm_exec.js", "gzip")
	assert.Equal(t, "EXEC", body)
	assert.Equal(t, "text/javascript; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, immutable, resp.Header.Get("Cache-Control"))

	// Unhashed URLs revalidate on every use.
	resp, _ = fetch(t, ts.URL+"/braze-wasm/braze-wasm.js", "identity")
	assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))

	// A new build changes the hash; the old hash is gone rather than serving
	// new bytes under an immutable old URL.
	later := time.Now().Add(-time.Hour) // a past time: a future one confuses http.ServeContent
	require.NoError(t, os.WriteFile(filepath.Join(build, "braze-wasm.wasm"), []byte("WASM2"), 0o644))
	require.NoError(t, os.Chtimes(filepath.Join(build, "braze-wasm.wasm"), later, later))
	next := srv.build.prefix()
	assert.NotEqual(t, prefix, next)
	resp, body = fetch(t, ts.URL+prefix+"braze-wasm.wasm", "identity")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Contains(t, body, "reload")
	assert.NotContains(t, resp.Header.Get("Cache-Control"), "immutable")
	resp, body = fetch(t, ts.URL+next+"braze-wasm.wasm", "identity")
	assert.Equal(t, "WASM2", body)
	assert.Equal(t, immutable, resp.Header.Get("Cache-Control"))

	// A hashed URL for a missing file is a 404 that is not cached for a year.
	resp, _ = fetch(t, ts.URL+next+"nope.js", "identity")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.NotContains(t, resp.Header.Get("Cache-Control"), "immutable")
}

func TestServer_HashedBuildMissing(t *testing.T) {
	srv := NewServer(Config{Build: filepath.Join(t.TempDir(), "build"), NodeModules: t.TempDir()})
	assert.Equal(t, "/braze-wasm/", srv.build.prefix(), "without a build, pages point at the folder whose 404 says make build")
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, _ := fetch(t, ts.URL+"/braze-wasm/0123456789abcdef/braze-wasm.js", "identity")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

// TestServer_PagesUseTheHashedBuild checks that the pages load the build by
// its hashed URL, and only the current one.
func TestServer_PagesUseTheHashedBuild(t *testing.T) {
	srv := NewServer(Config{Build: fakeBuild(t), NodeModules: t.TempDir(), Playground: filepath.Join("..", "playground")})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, p := range []string{"/playground/", "/playground/live.html", "/demo/"} {
		_, body := fetch(t, ts.URL+p, "")
		m := regexp.MustCompile(`src="(/braze-wasm/[^"]*)braze-wasm.js"`).FindStringSubmatch(body)
		if assert.NotNil(t, m, "%s loads the shim", p) {
			assert.Equal(t, srv.build.prefix(), m[1], p)
		}
	}
}

// TestServer_Ranges: the build files answer Range requests on the bytes
// served (the brotli copy when the client takes br), with the validators
// (Last-Modified) an If-Range needs; a stale If-Range gets the whole file.
// Chromium does not resume a compressed download with them (the README's
// hosting section, TestWasmDownloadResume), but a client of the
// uncompressed file can.
func TestServer_Ranges(t *testing.T) {
	build := fakeBuild(t)
	srv := NewServer(Config{Build: build, NodeModules: t.TempDir()})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	u := ts.URL + srv.build.prefix() + "braze-wasm.wasm"

	whole, body := fetch(t, u, "br")
	require.Equal(t, "WASM-BR", body)
	assert.Equal(t, "bytes", whole.Header.Get("Accept-Ranges"))
	lastModified := whole.Header.Get("Last-Modified")
	require.NotEmpty(t, lastModified)

	tests := []struct {
		name, accept, rng, ifRange string
		wantStatus                 int
		wantBody, wantRange        string
		wantEncoding               string
	}{
		{"br bytes", "br", "bytes=4-", "", http.StatusPartialContent, "-BR", "bytes 4-6/7", "br"},
		{"br bytes, If-Range current", "br", "bytes=4-", lastModified, http.StatusPartialContent, "-BR", "bytes 4-6/7", "br"},
		{"If-Range stale: the whole file", "br", "bytes=4-", "Mon, 02 Jan 2006 15:04:05 GMT", http.StatusOK, "WASM-BR", "", "br"},
		{"uncompressed bytes", "identity", "bytes=1-", lastModified, http.StatusPartialContent, "ASM", "bytes 1-3/4", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, u, nil)
			require.NoError(t, err)
			req.Header.Set("Accept-Encoding", tc.accept)
			req.Header.Set("Range", tc.rng)
			if tc.ifRange != "" {
				req.Header.Set("If-Range", tc.ifRange)
			}
			resp, err := http.DefaultTransport.RoundTrip(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			assert.Equal(t, tc.wantStatus, resp.StatusCode, string(b))
			assert.Equal(t, tc.wantBody, string(b))
			assert.Equal(t, tc.wantRange, resp.Header.Get("Content-Range"))
			assert.Equal(t, tc.wantEncoding, resp.Header.Get("Content-Encoding"))
			assert.Equal(t, immutable, resp.Header.Get("Cache-Control"))
		})
	}
}
