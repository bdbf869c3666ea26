package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// pageSet holds the pages a test site serves, by generated name, and the
// 404s it answered: a missing file is a bug of the harness or the product,
// unless the test allowed it.
type pageSet[P any] struct {
	mu       sync.Mutex
	pages    map[string]P
	allowed  map[string]bool
	notFound []string
}

// add registers p and returns its file name.
func (s *pageSet[P]) add(p P) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pages == nil {
		s.pages = map[string]P{}
	}
	name := fmt.Sprintf("page-%d.html", len(s.pages)+1)
	s.pages[name] = p
	return name
}

func (s *pageSet[P]) get(name string) (P, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pages[name]
	return p, ok
}

// allow404 lets path answer 404 without failing the test.
func (s *pageSet[P]) allow404(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.allowed == nil {
		s.allowed = map[string]bool{}
	}
	s.allowed[path] = true
}

// browserOwn is what Chromium asks a site for by itself, whatever the page:
// an icon, when the page names none (headless Chromium 156.0.8078.129 asks
// for it, earlier builds did not, and when it asks depends on the load).
// No file of ours is at that path, so its 404 says nothing about the
// product or the harness.
const browserOwn = "/favicon.ico"

// watch404 notes the paths next answers with 404 that were not allowed.
func (s *pageSet[P]) watch404(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status != http.StatusNotFound || r.URL.Path == browserOwn {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.allowed[r.URL.Path] {
			s.notFound = append(s.notFound, r.URL.Path)
		}
	})
}

// report fails t for every 404 that was not allowed; site names the server.
func (s *pageSet[P]) report(t interface{ Errorf(string, ...any) }, site string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.notFound {
		t.Errorf("%s answered 404 for %s", site, p)
	}
}

// statusRecorder remembers the status of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// errorfs counts Errorf calls, to test what would fail a test.
type errorfs []string

func (e *errorfs) Errorf(format string, args ...any) { *e = append(*e, fmt.Sprintf(format, args...)) }

func TestPageSet_404Guard(t *testing.T) {
	var s pageSet[string]
	s.allow404("/allowed")
	name := s.add("p")
	h := s.watch404(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/"+name {
			return
		}
		http.NotFound(w, r)
	}))
	for _, path := range []string{"/" + name, "/allowed", "/missing", browserOwn} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	var got errorfs
	s.report(&got, "the site")
	if len(got) != 1 || got[0] != "the site answered 404 for /missing" {
		t.Fatalf("report: %q", got)
	}
	if p, ok := s.get(name); !ok || p != "p" {
		t.Fatalf("get(%q) = %q, %v", name, p, ok)
	}
}

// TestPageSet_404GuardInChromium: in a real page that names no icon, a
// missing file of ours still fails the test, and the icon request the
// browser may make by itself does not.
func TestPageSet_404GuardInChromium(t *testing.T) {
	t.Parallel()
	var s pageSet[string]
	seen := make(chan string, 16)
	srv := httptest.NewServer(s.watch404(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case seen <- r.URL.Path:
		default:
		}
		if r.URL.Path == "/page.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<!doctype html><title>no icon</title><script src="/ours.js"></script>`)
			return
		}
		http.NotFound(w, r)
	})))
	defer srv.Close()
	tb := newTab(t)
	tb.navigate(srv.URL + "/page.html")
	for path := ""; path != "/ours.js"; {
		select {
		case path = <-seen:
		case <-time.After(busyWait):
			t.Fatal("the page never asked for /ours.js")
		}
	}
	var got errorfs
	s.report(&got, "the site")
	assert.Equal(t, errorfs{"the site answered 404 for /ours.js"}, got)
}
