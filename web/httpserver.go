package main

import (
	"net/http"
	"time"
)

// maxHeaderBytes caps the request line and headers of one request (Go's
// default is 1 MiB); a larger request is answered 431. A browser's requests
// to this server, cookies of other localhost sites included, stay far
// below it; it also bounds the path the recorder keeps.
const maxHeaderBytes = 64 << 10

// timeouts are the deadlines of the site's http.Servers.
type timeouts struct {
	ReadHeader time.Duration // the request line and headers
	Read       time.Duration // the whole request, body included
	Idle       time.Duration // a keep-alive connection between requests
}

// defaultTimeouts are make run's. Requests come from pages on this machine
// and are small (a body is at most 4 MiB), so 30 s to send one is generous;
// a browser reopens a keep-alive connection closed after 60 s idle. They
// bound reading requests only: an event stream or a delayed fault answers
// for longer (TestHTTPServer_LongAnswers).
var defaultTimeouts = timeouts{ReadHeader: 10 * time.Second, Read: 30 * time.Second, Idle: 60 * time.Second}

// httpServer returns the http.Server of make run for h.
func httpServer(h http.Handler, t timeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}
