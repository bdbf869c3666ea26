package main

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// maxBackendBody bounds one request body. The Braze SDK rejects events over
// 50 KB, so a real batch stays far below this.
const maxBackendBody = 4 << 20

// Headers of a Braze SDK request that the backend records: the SDK's own
// X-Braze-* headers (api key, attempt, last request, tokens) and the few
// standard ones a test may check.
var (
	brazeHeaderNames    = []string{"Content-Type", "Origin", "X-Requested-With"}
	brazeHeaderPrefixes = []string{"X-Braze-"}
)

// Backend plays the Braze SDK backend (the SDK's baseUrl, ".../api/v3"). It
// records every POST under /api/v3/ and answers 200 with {}: an empty body
// would make the SDK queue an internal-error event into later requests.
type Backend struct {
	Requests *Recorder
	Faults   *Faults
	Triggers *Triggers
}

// ServeHTTP records the request and answers it, or fails it as the first
// matching fault says.
func (b *Backend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST, OPTIONS")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBackendBody))
	if err != nil {
		status := http.StatusBadRequest
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			status = http.StatusRequestEntityTooLarge
		}
		http.Error(w, "reading the body: "+err.Error(), status)
		return
	}
	fault, faulty := b.Faults.take(r.URL.Path)
	status := http.StatusOK
	if faulty && fault.Status != 0 {
		status = fault.Status
	}
	b.Requests.Add(Request{
		Kind:    kindBraze,
		Method:  r.Method,
		Path:    r.URL.Path,
		Status:  status,
		Headers: selectHeaders(r.Header, brazeHeaderNames, brazeHeaderPrefixes),
		Body:    jsonBody(body),
	})
	if faulty && fault.Delay > 0 {
		select {
		case <-time.After(fault.Delay):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if status == http.StatusOK {
		w.Write(b.Triggers.answer(body))
	} else {
		io.WriteString(w, `{"error":"injected fault"}`)
	}
}
