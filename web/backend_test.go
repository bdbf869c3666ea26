package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newTestBackend serves a Server's BackendHandler, as the e2e harness does.
func newTestBackend(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir()})
	ts := httptest.NewServer(srv.BackendHandler())
	t.Cleanup(ts.Close)
	return srv, ts
}

// postData posts body to /api/v3/data/ as the Braze SDK does.
func postData(t *testing.T, url, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/api/v3/data/", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://127.0.0.1:1")
	req.Header.Set("X-Braze-Api-Key", "test-api-key")
	req.Header.Set("X-Braze-Req-Attempt", "1")
	req.Header.Set("X-Requested-With", "XMLHttpRequest")
	req.Header.Set("User-Agent", "test") // not recorded
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestBackend_RecordsAndAnswers(t *testing.T) {
	srv, ts := newTestBackend(t)
	resp := postData(t, ts.URL, `{"api_key":"test-api-key","events":[]}`)
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "{}", string(body), "an empty body would make the SDK log an internal error")
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	assert.Equal(t, "http://127.0.0.1:1", resp.Header.Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "true", resp.Header.Get("Access-Control-Allow-Credentials"))

	reqs := srv.Requests.Since(0)
	require.Len(t, reqs, 1)
	got := reqs[0]
	assert.Equal(t, kindBraze, got.Kind)
	assert.Equal(t, "POST", got.Method)
	assert.Equal(t, "/api/v3/data/", got.Path)
	assert.Equal(t, http.StatusOK, got.Status)
	assert.Equal(t, map[string]string{
		"Content-Type":        "application/json",
		"Origin":              "http://127.0.0.1:1",
		"X-Braze-Api-Key":     "test-api-key",
		"X-Braze-Req-Attempt": "1",
		"X-Requested-With":    "XMLHttpRequest",
	}, got.Headers)
	assert.JSONEq(t, `{"api_key":"test-api-key","events":[]}`, string(got.Body))

	// The log is served on the backend's origin too, for non-Go drivers.
	resp, err := http.Get(ts.URL + "/__backend/requests?kind=braze")
	require.NoError(t, err)
	defer resp.Body.Close()
	var listed []Request
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&listed))
	assert.Len(t, listed, 1)
}

func TestBackend_Faults(t *testing.T) {
	srv, ts := newTestBackend(t)
	srv.Faults.Add(Fault{Path: "/api/v3/other/", Status: http.StatusTeapot}) // does not apply
	srv.Faults.Add(Fault{Path: "/api/v3/data/", Status: http.StatusInternalServerError, Count: 2})

	var statuses []int
	for range 3 {
		statuses = append(statuses, postData(t, ts.URL, `{}`).StatusCode)
	}
	assert.Equal(t, []int{500, 500, 200}, statuses)
	var recorded []int
	for _, r := range srv.Requests.Since(0) {
		recorded = append(recorded, r.Status)
	}
	assert.Equal(t, statuses, recorded, "the recorded status is the one answered")

	// A delay of Count 1 holds back one answer: the next request gets the
	// fault queued after it (a 503 without delay), not the delay again. Its
	// answer says which fault it got, where a time would be a guess on a
	// busy machine.
	srv.Faults.Clear()
	srv.Faults.Add(Fault{Delay: 150 * time.Millisecond, Count: 1})
	srv.Faults.Add(Fault{Status: http.StatusServiceUnavailable, Count: 1})
	start := time.Now()
	resp := postData(t, ts.URL, `{}`)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "a delay alone keeps 200")
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond, "the answer waited for the delay")
	assert.Equal(t, http.StatusServiceUnavailable, postData(t, ts.URL, `{}`).StatusCode, "Count 1: the delay was used up, the next fault applies")
	assert.Equal(t, http.StatusOK, postData(t, ts.URL, `{}`).StatusCode, "and then none")
}

func TestBackend_Rejects(t *testing.T) {
	t.Parallel() // the 4 MiB upload takes a while
	_, ts := newTestBackend(t)
	resp, err := http.Get(ts.URL + "/api/v3/data/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)

	resp = postData(t, ts.URL, strings.Repeat("x", maxBackendBody+1))
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)

	// The backend's own origin serves nothing of the site.
	resp, err = http.Get(ts.URL + "/v1/projects/wk/settings")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}
