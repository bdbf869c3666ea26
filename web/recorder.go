package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Default bounds of a Recorder. A page left open for a day against `make run`
// must not grow the server without limit.
const (
	defaultMaxRequests = 1000
	defaultMaxBytes    = 8 << 20
)

// Kinds of recorded requests.
const (
	kindBraze   = "braze"   // the Braze SDK backend, /api/v3/*
	kindSegment = "segment" // Segment's tracking API, /v1/*
)

// Request is one HTTP request that the server recorded.
type Request struct {
	Seq     int64             `json:"seq"`
	Kind    string            `json:"kind"` // "braze" or "segment"
	Time    time.Time         `json:"time"`
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Status  int               `json:"status"` // what the server answered
	Headers map[string]string `json:"headers,omitempty"`
	// Body is the JSON body. A body that is not JSON is kept as a JSON string,
	// so that the log itself is always valid JSON.
	Body json.RawMessage `json:"body,omitempty"`
}

// Fixed costs of a kept request beyond its strings: the Request itself, and
// each header's map entry. They make a flood of empty requests count too.
const (
	requestOverhead = 256
	headerOverhead  = 64
)

// size returns what keeping req costs, as counted against MaxBytes: every
// string it holds, and the fixed costs.
func (req *Request) size() int {
	n := requestOverhead + len(req.Kind) + len(req.Method) + len(req.Path) + len(req.Body)
	for k, v := range req.Headers {
		n += headerOverhead + len(k) + len(v)
	}
	return n
}

// Recorder keeps the most recent requests in memory, at most MaxRequests of
// them and at most MaxBytes of them, counting everything kept of a request
// (path, headers, body and a fixed overhead); the oldest go first. It is safe for
// concurrent use, and its zero value is ready to use. Sequence numbers keep
// growing across Clear, so a reader that polls with Since never sees a
// request twice.
type Recorder struct {
	MaxRequests int // 0 means 1,000
	MaxBytes    int // 0 means 8 MiB; see Request.size

	mu      sync.Mutex
	seq     int64
	reqs    []Request
	bytes   int
	clears  int64         // how many times Clear was called
	changed chan struct{} // closed and replaced on every change
}

// NewRecorder returns a Recorder with the default bounds.
func NewRecorder() *Recorder { return &Recorder{} }

// Add records req, sets its Seq and Time, and returns it.
func (r *Recorder) Add(req Request) Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	req.Seq = r.seq
	if req.Time.IsZero() {
		req.Time = time.Now()
	}
	r.reqs = append(r.reqs, req)
	r.bytes += req.size()
	maxRequests, maxBytes := r.MaxRequests, r.MaxBytes
	if maxRequests <= 0 {
		maxRequests = defaultMaxRequests
	}
	if maxBytes <= 0 {
		maxBytes = defaultMaxBytes
	}
	for len(r.reqs) > 0 && (len(r.reqs) > maxRequests || r.bytes > maxBytes) {
		r.bytes -= r.reqs[0].size()
		r.reqs[0] = Request{} // let the body be collected
		r.reqs = r.reqs[1:]
	}
	r.notify()
	return req
}

// Bytes returns the size of what r keeps, as counted against MaxBytes.
func (r *Recorder) Bytes() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bytes
}

// Since returns a copy of the recorded requests whose Seq is greater than seq.
func (r *Recorder) Since(seq int64) []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Request
	for _, req := range r.reqs {
		if req.Seq > seq {
			out = append(out, req)
		}
	}
	return out
}

// Clear forgets every recorded request.
func (r *Recorder) Clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs, r.bytes = nil, 0
	r.clears++
	r.notify()
}

// notify wakes the waiters. r.mu must be held.
func (r *Recorder) notify() {
	if r.changed != nil {
		close(r.changed)
		r.changed = nil
	}
}

// clearCount returns how many times Clear was called.
func (r *Recorder) clearCount() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.clears
}

// sinceAndWatch returns what Since(seq) returns, a channel closed at the
// next change, and the clear count, all read at one instant so that no
// change falls between them.
func (r *Recorder) sinceAndWatch(seq int64) ([]Request, <-chan struct{}, int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Request
	for _, req := range r.reqs {
		if req.Seq > seq {
			out = append(out, req)
		}
	}
	if r.changed == nil {
		r.changed = make(chan struct{})
	}
	return out, r.changed, r.clears
}

// Wait calls done with the recorded requests now and after every change,
// until done returns true or ctx ends. It returns the requests that done
// accepted, or the last ones it saw together with the error of ctx.
func (r *Recorder) Wait(ctx context.Context, done func([]Request) bool) ([]Request, error) {
	for {
		r.mu.Lock()
		reqs := append([]Request(nil), r.reqs...)
		if r.changed == nil {
			r.changed = make(chan struct{})
		}
		changed := r.changed
		r.mu.Unlock()
		if done(reqs) {
			return reqs, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return reqs, ctx.Err()
		}
	}
}

// ServeHTTP lists the recorded requests as JSON on GET (optional query
// parameters: since, a sequence number, and kind) and clears them on DELETE.
func (r *Recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	switch req.Method {
	case http.MethodGet, http.MethodHead:
		var since int64
		if s := req.URL.Query().Get("since"); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				http.Error(w, "since: not a sequence number: "+strconv.Quote(s), http.StatusBadRequest)
				return
			}
			since = n
		}
		reqs := r.Since(since)
		if kind := req.URL.Query().Get("kind"); kind != "" {
			kept := reqs[:0]
			for _, rr := range reqs {
				if rr.Kind == kind {
					kept = append(kept, rr)
				}
			}
			reqs = kept
		}
		if reqs == nil {
			reqs = []Request{} // [] rather than null, for JS readers
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(reqs) // an error here is the client's: nothing to do
	case http.MethodDelete:
		r.Clear()
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, HEAD, DELETE")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// jsonBody returns body as JSON: as it is when it is valid JSON, else as a
// JSON string.
func jsonBody(body []byte) json.RawMessage {
	if len(body) == 0 {
		return nil
	}
	if json.Valid(body) {
		return json.RawMessage(body)
	}
	s, _ := json.Marshal(string(body)) // a string always marshals
	return s
}

// selectHeaders returns the headers of h that are named in names, or whose
// canonical name starts with one of prefixes (given in canonical form, like
// "X-Braze-"). Multiple values are joined with ", ".
func selectHeaders(h http.Header, names []string, prefixes []string) map[string]string {
	out := map[string]string{}
	for k, v := range h {
		keep := false
		for _, n := range names {
			keep = keep || k == http.CanonicalHeaderKey(n)
		}
		for _, p := range prefixes {
			keep = keep || strings.HasPrefix(k, p)
		}
		if keep {
			out[k] = strings.Join(v, ", ")
		}
	}
	return out
}
