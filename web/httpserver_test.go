package main

// The limits of make run's http.Server (issue 11 item 3), driven over real
// loopback TCP: an oversized request is refused, and the recorder stays
// within its bound whatever it is sent.

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serveHTTP serves hs on a loopback port until the test ends and returns
// the address.
func serveHTTP(t *testing.T, hs *http.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String()
}

// rawExchange writes req on a new connection to addr and reads the answer.
// The request is written while the answer is read, as a client would: a
// server may answer and hang up before it has read a request to the end.
func rawExchange(t *testing.T, addr, req string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(busyWait)) // a hang fails the test, not the suite
	go io.WriteString(conn, req)               // fails once the server hangs up: expected
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// keptSize adds up, from outside the recorder, what its requests hold.
func keptSize(reqs []Request) int {
	n := 0
	for _, r := range reqs {
		n += len(r.Kind) + len(r.Method) + len(r.Path) + len(r.Body)
		for k, v := range r.Headers {
			n += len(k) + len(v)
		}
	}
	return n
}

// TestHTTPServer_HeaderFlood is the repro: 1,000 POSTs with a 2-byte
// body and a 900 KB X-Braze-* header. They are refused with 431 and nothing
// of them is kept; 1,000 with a header under the cap are answered, and what
// the recorder keeps of them stays within its bound.
func TestHTTPServer_HeaderFlood(t *testing.T) {
	t.Parallel()
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir()})
	addr := serveHTTP(t, httpServer(srv.Handler(), defaultTimeouts))

	huge := "POST /api/v3/data/ HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\n" +
		"X-Braze-Flood: " + strings.Repeat("a", 900_000) + "\r\nContent-Length: 2\r\n\r\n{}"
	for i := range 1000 {
		resp := rawExchange(t, addr, huge)
		if !assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode, "request %d", i) {
			break
		}
	}
	assert.Zero(t, len(srv.Requests.Since(0)), "a refused request is not kept")

	// Under the cap: each is recorded, the oldest go.
	header := strings.Repeat("b", maxHeaderBytes-8<<10)
	for i := range 1000 {
		req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/api/v3/data/", strings.NewReader("{}"))
		require.NoError(t, err)
		req.Header.Set("X-Braze-Flood", header)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		if !assert.Equal(t, http.StatusOK, resp.StatusCode, "request %d", i) {
			break
		}
	}
	kept := srv.Requests.Since(0)
	assert.NotEmpty(t, kept)
	assert.Less(t, len(kept), 1000, "the byte bound, not the count, evicted")
	assert.LessOrEqual(t, srv.Requests.Bytes(), defaultMaxBytes, "the recorder's own count")
	assert.LessOrEqual(t, keptSize(kept), srv.Requests.Bytes(), "the count covers the headers, the path and the body")
}

// TestHTTPServer_LongPath: the path is bounded by the header cap too.
func TestHTTPServer_LongPath(t *testing.T) {
	t.Parallel()
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir()})
	addr := serveHTTP(t, httpServer(srv.Handler(), defaultTimeouts))
	resp := rawExchange(t, addr, "POST /api/v3/"+strings.Repeat("p", 900_000)+" HTTP/1.1\r\nHost: "+addr+
		"\r\nContent-Length: 2\r\n\r\n{}")
	assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
	assert.Zero(t, len(srv.Requests.Since(0)), "a refused request is not kept")
}
