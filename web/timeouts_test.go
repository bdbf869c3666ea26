package main

// The timeouts of make run's http.Server (issue 11 item 10), driven over
// real loopback TCP: a client that trickles its request or idles is cut off,
// and a long answer is not.

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testTimeouts are defaultTimeouts scaled down, so that the tests of what
// they cut off run in a second.
var testTimeouts = timeouts{ReadHeader: 150 * time.Millisecond, Read: 300 * time.Millisecond, Idle: 300 * time.Millisecond}

// TestHTTPServer_Timeouts: a client that trickles its request, or keeps an
// idle connection, is cut off. The scaled-down timeouts are far below how
// long the trickle would take (a busy machine only makes it longer); the
// busyWait deadline of each read only keeps a failure from hanging the
// suite.
func TestHTTPServer_Timeouts(t *testing.T) {
	t.Parallel()
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir()})
	addr := serveHTTP(t, httpServer(srv.Handler(), testTimeouts))

	const body = `{"trickled":"` + "0123456789012345678901234567890123456789" + `"}`
	trickles := []struct {
		name, head, trickle string
	}{
		{"headers", "POST /api/v3/data/ HTTP/1.1\r\nHost: " + addr + "\r\n",
			"X-Braze-Slow: 0123456789\r\nContent-Length: 2\r\n\r\n{}"},
		{"body", "POST /api/v3/data/ HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\nContent-Length: " +
			strconv.Itoa(len(body)) + "\r\n\r\n", body},
	}
	for _, tc := range trickles {
		t.Run("trickled "+tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer conn.Close()
			closed := make(chan error, 1)
			go func() {
				conn.SetReadDeadline(time.Now().Add(busyWait))
				_, err := io.Copy(io.Discard, conn) // returns at the server's hang-up
				closed <- err
			}()
			_, err = io.WriteString(conn, tc.head)
			require.NoError(t, err)
			sent := 0
		trickle:
			for ; sent < len(tc.trickle); sent++ {
				select {
				case err := <-closed:
					var ne net.Error
					require.False(t, errors.As(err, &ne) && ne.Timeout(), "the server hung up, not the test's deadline: %v", err)
					break trickle
				case <-time.After(testTimeouts.Read / 6):
				}
				if _, err := io.WriteString(conn, tc.trickle[sent:sent+1]); err != nil {
					break // reset by the server
				}
			}
			assert.Less(t, sent, len(tc.trickle), "the server waited for the whole trickle")
		})
	}
	assert.Zero(t, len(srv.Requests.Since(0)), "no trickled request got through")

	t.Run("idle keep-alive", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(busyWait))
		_, err = io.WriteString(conn, "GET /__backend/requests HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
		require.NoError(t, err)
		br := bufio.NewReader(conn)
		resp, err := http.ReadResponse(br, nil)
		require.NoError(t, err)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.False(t, resp.Close, "the connection is kept alive")
		_, err = br.ReadByte()
		assert.ErrorIs(t, err, io.EOF, "the server closes the idle connection")
	})
}

// TestHTTPServer_LongAnswers: the read timeout bounds reading the request,
// not the answer: an event stream and a delayed backend answer outlive it.
func TestHTTPServer_LongAnswers(t *testing.T) {
	t.Parallel()
	srv := NewServer(Config{Build: t.TempDir(), NodeModules: t.TempDir()})
	defer srv.Close()
	addr := serveHTTP(t, httpServer(srv.Handler(), testTimeouts))
	ctx, cancel := context.WithTimeout(context.Background(), busyWait)
	defer cancel()

	_, sc := openStream(t, ctx, "http://"+addr+"/__backend/events", nil)
	srv.Faults.Add(Fault{Delay: 3 * testTimeouts.Read, Count: 1})
	resp, err := http.Post("http://"+addr+"/api/v3/data/", "application/json", strings.NewReader(`{"late":1}`))
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "{}", string(b), "the delayed answer is sent, not cut by the read timeout")

	// By now the stream has been open for longer than the read timeout.
	post(t, "http://"+addr+"/api/v3/data/", `{"after":1}`)
	evs := readEvents(t, sc, 2)
	assert.Contains(t, evs[1].data, `"after":1`)
}
