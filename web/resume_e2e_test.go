package main

// What Chromium does with a module download that a navigation cut (issue
// 16 item 4, the README's hosting section): it keeps the part it has and
// resumes with a Range request only for a response without
// Content-Encoding. The module is served brotli, so the next view fetches
// it again from the first byte; served uncompressed it would resume, at
// 4.5 times the bytes. Both are asserted, so that a Chromium that starts
// resuming compressed downloads shows here.

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWasmDownloadResume(t *testing.T) {
	t.Parallel()
	requireBuild(t)
	tests := []struct {
		name   string
		build  func(t *testing.T) string
		resume bool
	}{
		{"brotli, as served", func(*testing.T) string { return testBuildDir }, false},
		{"uncompressed", uncompressedBuild, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := NewServer(Config{Build: tc.build(t), NodeModules: testNodeModulesDir})
			wasm := srv.build.prefix() + "braze-wasm.wasm"
			cut := &cutOnce{reached: make(chan struct{}), gone: make(chan struct{})}
			mux := http.NewServeMux()
			mux.HandleFunc("GET /resume/page", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				io.WriteString(w, `<!doctype html><title>resume</title><script>
fetch('`+wasm+`').then(r => WebAssembly.compileStreaming(r)).then(() => window.compiled = 'ok', e => window.compiled = String(e));
</script>`)
			})
			mux.HandleFunc("GET /resume/other", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				io.WriteString(w, `<!doctype html><title>another page</title>`)
			})
			mux.Handle("GET "+wasm, cut.wrap(srv.Handler()))
			site := httptest.NewServer(mux)
			defer site.Close()

			tb := newTab(t)
			tb.navigate(site.URL + "/resume/page")
			waitChan(t, cut.reached, "the first part of the module sent")
			tb.navigate(site.URL + "/resume/other")
			waitChan(t, cut.gone, "the navigation to cut the download")
			tb.navigate(site.URL + "/resume/page")
			// Asked again on an error: on a busy machine chromedp can still
			// hold the previous page's execution context for a moment.
			var compiled string
			waitUntil(func() bool {
				v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`window.compiled || ''`))
				compiled = v
				return err == nil && v != ""
			})
			assert.Equal(t, "ok", compiled, "the module compiled on the next view")

			ranges := cut.ranges()
			require.GreaterOrEqual(t, len(ranges), 2, "the cut download and the next view's")
			assert.Empty(t, ranges[0], "the first download asks for the whole module")
			resumed := false
			for _, rng := range ranges[1:] {
				if strings.HasPrefix(rng, "bytes=") && !strings.HasPrefix(rng, "bytes=0-") {
					resumed = true
				}
			}
			assert.Equal(t, tc.resume, resumed, "a Range request after the cut: %q", ranges)
		})
	}
}

// uncompressedBuild copies the build without its .br and .gz copies, its
// files modified an hour ago: Chromium takes a Last-Modified as a strong
// validator, which resuming needs, only when it is a minute older than the
// response's Date.
func uncompressedBuild(t *testing.T) string {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for _, f := range buildFiles {
		b, err := os.ReadFile(filepath.Join(testBuildDir, f))
		require.NoError(t, err)
		p := filepath.Join(dir, f)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		require.NoError(t, os.Chtimes(p, old, old))
	}
	return dir
}

// cutOnce serves the first request only in part: after cutAfter bytes it
// holds the rest until the client goes away. It notes the Range header of
// every request.
type cutOnce struct {
	reached, gone chan struct{}

	mu     sync.Mutex
	seen   []string
	served bool
}

const cutAfter = 64 << 10

func (c *cutOnce) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.seen = append(c.seen, r.Header.Get("Range"))
		first := !c.served
		c.served = true
		c.mu.Unlock()
		if !first {
			h.ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(&cutWriter{ResponseWriter: w, left: cutAfter, reached: c.reached, done: r.Context().Done()}, r)
		close(c.gone)
	})
}

func (c *cutOnce) ranges() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.seen...)
}

// cutWriter passes left bytes on, then says so on reached and blocks until
// done (the client went away).
type cutWriter struct {
	http.ResponseWriter
	left    int
	reached chan struct{}
	done    <-chan struct{}
}

func (w *cutWriter) Write(b []byte) (int, error) {
	if w.left <= 0 {
		return 0, io.ErrClosedPipe
	}
	n := min(len(b), w.left)
	n, err := w.ResponseWriter.Write(b[:n])
	w.left -= n
	if err != nil || w.left > 0 {
		return n, err
	}
	http.NewResponseController(w.ResponseWriter).Flush()
	close(w.reached)
	<-w.done
	return n, io.ErrClosedPipe
}

// waitChan waits for ch, or fails the test saying what did not happen.
func waitChan(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(busyWait):
		t.Fatalf("waited %v for %s", busyWait, what)
	}
}
