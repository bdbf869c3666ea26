package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a strings.Builder safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServer_Run(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	env := map[string]string{"PORT": "0"} // PORT replaces the port of -addr
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:1", "-backend-addr", "127.0.0.1:0",
			"-build", t.TempDir(), "-node-modules", fakeNodeModules(t)}, func(k string) string { return env[k] }, out)
	}()

	var site, backend string
	require.Eventually(t, func() bool {
		s := out.String()
		if m := regexp.MustCompile(`serving (http://\S+)/ `).FindStringSubmatch(s); m != nil {
			site = m[1]
		}
		if m := regexp.MustCompile(`braze backend\s+(http://\S+)/api/v3`).FindStringSubmatch(s); m != nil {
			backend = m[1]
		}
		return site != "" && backend != ""
	}, busyWait, 10*time.Millisecond, "the URLs are printed: %s", out)
	assert.NotEqual(t, "http://127.0.0.1:1", site)
	assert.NotEqual(t, site, backend, "the backend has its own origin")
	assert.Contains(t, out.String(), site+"/braze-wasm/braze-wasm.js")

	status, body, _ := get(t, site+vendorBrazePath)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "BRAZE", body)
	resp, err := http.Post(backend+"/api/v3/data/", "application/json", strings.NewReader(`{}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	status, body, _ = get(t, site+"/__backend/requests")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"/api/v3/data/"`, "site and backend share one log")

	// The site's pages may read the log on the backend's origin; no other may.
	for origin, want := range map[string]int{site: http.StatusOK, "http://evil.test": http.StatusForbidden} {
		req, _ := http.NewRequest(http.MethodGet, backend+"/__backend/requests", nil)
		req.Header.Set("Origin", origin)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, want, resp.StatusCode, origin)
	}

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(busyWait):
		t.Fatal("run did not return after the context ended")
	}
}

func TestServer_RunErrors(t *testing.T) {
	noEnv := func(string) string { return "" }
	err := run(context.Background(), []string{"-nope"}, noEnv, io.Discard)
	assert.ErrorContains(t, err, "flag provided but not defined")
	err = run(context.Background(), []string{"extra"}, noEnv, io.Discard)
	assert.ErrorContains(t, err, "unexpected arguments")
	err = run(context.Background(), []string{"-addr", "nocolon"}, func(string) string { return "1" }, io.Discard)
	assert.ErrorContains(t, err, `-addr "nocolon"`)
	err = run(context.Background(), []string{"-addr", "256.0.0.1:0"}, noEnv, io.Discard)
	assert.ErrorContains(t, err, "listening for the site")
}
