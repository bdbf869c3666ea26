package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFiles creates files (slash-separated names) with their contents under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

func TestServer_BuildFiles(t *testing.T) {
	build := t.TempDir()
	writeFiles(t, build, map[string]string{
		"braze-wasm.wasm":    "WASM",
		"braze-wasm.wasm.br": "WASM-BR",
		"braze-wasm.wasm.gz": "WASM-GZ",
		"braze-wasm.js":      "JS",
		"braze-wasm.js.gz":   "JS-GZ",
		"wasm_exec.js":       "EXEC",
		"sub/x.js":           "X",
	})
	writeFiles(t, filepath.Dir(build), map[string]string{"secret.txt": "SECRET"})
	ts := httptest.NewServer(NewServer(Config{Build: build, NodeModules: t.TempDir()}).Handler())
	defer ts.Close()

	tests := []struct {
		name, path, accept string
		wantStatus         int
		wantBody           string
		wantType           string
		wantEncoding       string
	}{
		{"wasm, no encoding", "/braze-wasm/braze-wasm.wasm", "identity", 200, "WASM", "application/wasm", ""},
		{"wasm, br preferred", "/braze-wasm/braze-wasm.wasm", "gzip, deflate, br, zstd", 200, "WASM-BR", "application/wasm", "br"},
		{"wasm, gzip only", "/braze-wasm/braze-wasm.wasm", "gzip", 200, "WASM-GZ", "application/wasm", "gzip"},
		{"wasm, br refused with q=0", "/braze-wasm/braze-wasm.wasm", "br;q=0, gzip;q=0.5", 200, "WASM-GZ", "application/wasm", "gzip"},
		{"wasm, star", "/braze-wasm/braze-wasm.wasm", "*", 200, "WASM-BR", "application/wasm", "br"},
		{"js, br missing falls back to gzip", "/braze-wasm/braze-wasm.js", "br, gzip", 200, "JS-GZ", "text/javascript; charset=utf-8", "gzip"},
		{"js without a compressed copy", "/braze-wasm/wasm_exec.js", "br, gzip", 200, "EXEC", "text/javascript; charset=utf-8", ""},
		{"a compressed copy asked by name", "/braze-wasm/braze-wasm.wasm.gz", "br, gzip", 200, "WASM-GZ", "", ""},
		{"sub directory file", "/braze-wasm/sub/x.js", "", 200, "X", "text/javascript; charset=utf-8", ""},
		{"directory is not listed", "/braze-wasm/sub/", "", 404, "", "", ""},
		{"root is not listed", "/braze-wasm/", "", 404, "", "", ""},
		{"missing file", "/braze-wasm/nope.js", "", 404, "", "", ""},
		{"no escape from the build dir", "/braze-wasm/../secret.txt", "", 404, "", "", ""},
		{"no escape, encoded", "/braze-wasm/%2e%2e/secret.txt", "", 404, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, ts.URL+tc.path, nil)
			require.NoError(t, err)
			// Go's client adds gzip itself unless an Accept-Encoding is set.
			req.Header.Set("Accept-Encoding", tc.accept)
			resp, err := http.DefaultTransport.RoundTrip(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assert.NotContains(t, string(body), "SECRET", "nothing outside the build dir")
			if tc.wantStatus != 200 {
				// The mux answers a path with ".." with a redirect to the
				// cleaned path, which is outside /braze-wasm/.
				assert.Contains(t, []int{404, 307}, resp.StatusCode, string(body))
				return
			}
			require.Equal(t, tc.wantStatus, resp.StatusCode, string(body))
			assert.Equal(t, tc.wantBody, string(body))
			if tc.wantType != "" {
				assert.Equal(t, tc.wantType, resp.Header.Get("Content-Type"))
			}
			assert.Equal(t, tc.wantEncoding, resp.Header.Get("Content-Encoding"))
			assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
			assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))
		})
	}
}

func TestServer_BuildMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "build")
	ts := httptest.NewServer(NewServer(Config{Build: missing, NodeModules: t.TempDir()}).Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/braze-wasm/braze-wasm.wasm")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Contains(t, string(body), "run make build", "the 404 says what to do")
}

func TestServer_AcceptsEncoding(t *testing.T) {
	tests := []struct {
		header string
		coding string
		want   bool
	}{
		{"", "br", false},
		{"br", "br", true},
		{"gzip, br", "br", true},
		{"BR;q=1.0", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.000", "br", false},
		{"br;q=0.001", "br", true},
		{"*", "gzip", true},
		{"*;q=0", "gzip", false},
		{"gzip;q=0, *", "gzip", false},
		{"deflate", "gzip", false},
	}
	for _, tc := range tests {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if tc.header != "" {
			r.Header.Set("Accept-Encoding", tc.header)
		}
		assert.Equal(t, tc.want, acceptsEncoding(r, tc.coding), "Accept-Encoding %q, %s", tc.header, tc.coding)
	}
}
