package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// maxStreams bounds the open /__backend/events connections: each one holds
// a goroutine and a socket for as long as the page lives.
const maxStreams = 64

// heartbeat is how often an idle stream sends a comment, so that proxies and
// the browser do not drop it as dead.
const heartbeat = 15 * time.Second

// streams serves the recorded requests as server-sent events, for the
// playground's live mode and the demo's log: GET /__backend/events.
//
// Each request is an event "request" whose id is its Seq and whose data is
// the Request as JSON; a DELETE of the log is an event "clear". A client
// that reconnects (the browser sends Last-Event-ID) or passes ?since=seq
// gets only the newer requests; ?kind=braze or ?kind=segment filters. The
// recorder's bounds apply: a client further behind than the log reaches
// gets what is still kept.
type streams struct {
	rec *Recorder

	mu     sync.Mutex
	open   int
	closed chan struct{} // closed by stop, ends every stream
}

func newStreams(rec *Recorder) *streams {
	return &streams{rec: rec, closed: make(chan struct{})}
}

// stop ends every stream, so that http.Server.Shutdown, which waits for
// connections to become idle, does not wait for them.
func (s *streams) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.closed:
	default:
		close(s.closed)
	}
}

func (s *streams) acquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open >= maxStreams {
		return false
	}
	s.open++
	return true
}

func (s *streams) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.open--
}

func (s *streams) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	since := int64(0)
	for _, v := range []string{r.Header.Get("Last-Event-ID"), r.URL.Query().Get("since")} {
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			http.Error(w, "since: not a sequence number: "+strconv.Quote(v), http.StatusBadRequest)
			return
		}
		since = max(since, n)
	}
	kind := r.URL.Query().Get("kind")
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	if !s.acquire() {
		w.Header().Set("Retry-After", "10")
		http.Error(w, fmt.Sprintf("too many event streams (%d)", maxStreams), http.StatusServiceUnavailable)
		return
	}
	defer s.release()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// Retry quickly after a restart of make run.
	fmt.Fprint(w, "retry: 1000\n\n")
	flusher.Flush()

	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	clears := s.rec.clearCount()
	for {
		reqs, changed, cleared := s.rec.sinceAndWatch(since)
		if cleared != clears {
			clears = cleared
			fmt.Fprint(w, "event: clear\ndata: {}\n\n")
		}
		for _, req := range reqs {
			since = req.Seq
			if kind != "" && req.Kind != kind {
				continue
			}
			data, err := json.Marshal(req)
			if err != nil {
				continue // a Request always marshals; Body is valid JSON
			}
			fmt.Fprintf(w, "event: request\nid: %d\ndata: %s\n\n", req.Seq, data)
		}
		flusher.Flush()
		select {
		case <-changed:
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.closed:
			return
		}
	}
}
