package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sseEvent is one server-sent event.
type sseEvent struct{ name, id, data string }

// readEvents reads events from an event stream until n have arrived.
func readEvents(t *testing.T, sc *bufio.Scanner, n int) []sseEvent {
	t.Helper()
	var out []sseEvent
	var cur sseEvent
	for len(out) < n && sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if cur.name != "" || cur.data != "" {
				out = append(out, cur)
			}
			cur = sseEvent{}
		case strings.HasPrefix(line, "event: "):
			cur.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "id: "):
			cur.id = strings.TrimPrefix(line, "id: ")
		case strings.HasPrefix(line, "data: "):
			cur.data = strings.TrimPrefix(line, "data: ")
		}
	}
	require.Len(t, out, n, "events read before the stream ended: %v", sc.Err())
	return out
}

// openStream opens /__backend/events with the query and headers given.
func openStream(t *testing.T, ctx context.Context, u string, header http.Header) (*http.Response, *bufio.Scanner) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp, bufio.NewScanner(resp.Body)
}

func post(t *testing.T, u, body string) {
	t.Helper()
	resp, err := http.Post(u, "application/json", strings.NewReader(body))
	require.NoError(t, err)
	resp.Body.Close()
}

func TestBackend_Events(t *testing.T) {
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir(), SiteOrigin: "http://site.test"})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), busyWait)
	defer cancel()

	post(t, ts.URL+"/api/v3/data/", `{"n":1}`)
	resp, sc := openStream(t, ctx, ts.URL+"/__backend/events?kind=braze", http.Header{"Origin": {"http://site.test"}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	assert.Equal(t, "http://site.test", resp.Header.Get("Access-Control-Allow-Origin"), "the server's other origin streams to the page (TestRequestLog_Origins)")

	// What was recorded before the stream opened, then what comes after;
	// the Segment request is filtered out by kind.
	post(t, ts.URL+"/v1/t", `{"segment":true}`)
	post(t, ts.URL+"/api/v3/data/", `{"n":2}`)
	evs := readEvents(t, sc, 2)
	var reqs []Request
	for _, ev := range evs {
		assert.Equal(t, "request", ev.name)
		var r Request
		require.NoError(t, json.Unmarshal([]byte(ev.data), &r))
		assert.Equal(t, ev.id, strconv.FormatInt(r.Seq, 10), "the event id is the sequence number")
		reqs = append(reqs, r)
	}
	assert.JSONEq(t, `{"n":1}`, string(reqs[0].Body))
	assert.JSONEq(t, `{"n":2}`, string(reqs[1].Body))
	assert.Equal(t, kindBraze, reqs[1].Kind)

	// A DELETE of the log is an event too.
	req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/__backend/requests", nil)
	r, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	r.Body.Close()
	assert.Equal(t, "clear", readEvents(t, sc, 1)[0].name)

	// A reconnecting browser sends Last-Event-ID and gets only newer ones.
	post(t, ts.URL+"/api/v3/data/", `{"n":4}`)
	_, sc2 := openStream(t, ctx, ts.URL+"/__backend/events", http.Header{"Last-Event-ID": {evs[1].id}})
	ev := readEvents(t, sc2, 1)[0]
	assert.Contains(t, ev.data, `"n":4`)
}

func TestBackend_EventsBounds(t *testing.T) {
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir()})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), busyWait)
	defer cancel()

	resp, _ := openStream(t, ctx, ts.URL+"/__backend/events?since=x", nil)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)

	var first *bufio.Scanner
	for range maxStreams {
		resp, sc := openStream(t, ctx, ts.URL+"/__backend/events", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		if first == nil {
			first = sc
		}
	}
	resp, _ = openStream(t, ctx, ts.URL+"/__backend/events", nil)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, "the number of streams is bounded")
	assert.Equal(t, "10", resp.Header.Get("Retry-After"))

	// Close ends every stream, so that a shutdown need not wait for them.
	srv.Close()
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		for first.Scan() {
		}
	}()
	select {
	case <-ended:
	case <-time.After(busyWait):
		t.Fatal("a stream did not end at Close")
	}
}

// TestServer_RunEndsStreams checks that stopping `make run` (Ctrl-C) is not
// held up by a page that keeps an event stream open.
func TestServer_RunEndsStreams(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-build", t.TempDir(), "-node-modules", t.TempDir(),
			"-playground", t.TempDir()}, func(string) string { return "" }, out)
	}()
	var site string
	require.Eventually(t, func() bool {
		m := regexp.MustCompile(`serving (http://\S+)/ `).FindStringSubmatch(out.String())
		if m != nil {
			site = m[1]
		}
		return m != nil
	}, busyWait, 10*time.Millisecond)
	assert.Contains(t, out.String(), site+"/playground/")
	assert.Contains(t, out.String(), site+"/__backend/events")

	streamCtx, stop := context.WithTimeout(context.Background(), 2*busyWait)
	defer stop()
	resp, sc := openStream(t, streamCtx, site+"/__backend/events", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	ended := make(chan error, 1)
	go func() {
		for sc.Scan() {
		}
		ended <- sc.Err()
	}()

	// Not held up means the server ended the stream itself as it shut
	// down: a stream left open would hold Shutdown to its own deadline,
	// and stay open after it (Shutdown does not close an active
	// connection). The cause, not a time, which a busy machine stretches.
	cancel()
	select {
	case err := <-ended:
		assert.NoError(t, err, "the server ended the stream (a clean end, not the test's deadline)")
	case <-time.After(busyWait):
		t.Fatal("the stream was not ended at shutdown")
	}
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(busyWait):
		t.Fatal("run did not return")
	}
}
