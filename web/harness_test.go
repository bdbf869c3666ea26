package main

// The server side of the e2e harness: a Server per test on two loopback
// listeners (the site, and the Braze backend on another origin, as in
// production), the pages of the test, and waiting on recorded requests.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Where the tests find the build output and the npm install; go test runs in
// this folder.
const (
	testBuildDir       = "../build"
	testNodeModulesDir = "node_modules"
)

const (
	testAPIKey   = "test-api-key"
	testWriteKey = "test-write-key"
)

// longReadyTimeoutMs is the longest readyTimeoutMs the shim takes (it caps
// the setting there). A test that reads the status at analytics.ready sets
// it: however busy the machine, analytics.ready is then released by Braze
// (ready, deferred, blocked or failed), not by the timeout, which the
// default 5 s can be while Braze still loads.
const longReadyTimeoutMs = 60000

var pageTemplate = template.Must(template.ParseFiles(filepath.Join("testdata", "page.html")))

// harness is the local site of one test.
type harness struct {
	t       *testing.T
	srv     *Server
	site    string // origin of the page, http://127.0.0.1:PORT
	backend string // origin of the Braze backend, another port
	pages   pageSet[page]
	// mux serves the site; a test may add its own routes (a built app).
	mux *http.ServeMux
}

// page is a test page (testdata/page.html).
type page struct {
	Title string
	// WriteKey, when set, adds the Segment snippet, which loads Analytics.js
	// from this server.
	WriteKey string
	// Tag, when set, is the shim's script tag as it is (HTML), instead of
	// the one Settings makes.
	Tag template.HTML
	// Integrations are added to the integrations option of analytics.load.
	Integrations map[string]any
	// Settings, when set, adds the shim's script tag with these settings in
	// data-settings, after the snippet, as a site does.
	Settings map[string]any
	// Before is a script run first, before the snippet and the shim.
	Before string
	// Script is the test's own script, run last. window.e2eConfig holds
	// {backend, site, settings} for it.
	Script string
}

// newHarness starts the site and the backend of one test on 127.0.0.1.
// Pages are served under /e2e/. A 404 on the site fails the test, unless
// allowed with allow404: a missing file is a bug of the harness or the
// product.
func newHarness(t *testing.T) *harness {
	t.Helper()
	requireNpm(t)
	h := &harness{
		t:   t,
		srv: NewServer(Config{Build: testBuildDir, NodeModules: testNodeModulesDir}),
	}
	mux := http.NewServeMux()
	h.mux = mux
	mux.HandleFunc("GET /e2e/{name}", h.servePage)
	mux.Handle("/", h.srv.Handler())
	site := httptest.NewServer(h.pages.watch404(mux))
	backend := httptest.NewServer(h.srv.BackendHandler())
	t.Cleanup(func() {
		site.Close()
		backend.Close()
		h.pages.report(t, "the site")
	})
	h.site, h.backend = site.URL, backend.URL
	return h
}

// allow404 lets the site answer 404 for path without failing the test.
func (h *harness) allow404(path string) { h.pages.allow404(path) }

// addPage registers p and returns its URL.
func (h *harness) addPage(p page) string { return h.site + "/e2e/" + h.pages.add(p) }

func (h *harness) servePage(w http.ResponseWriter, r *http.Request) {
	p, ok := h.pages.get(r.PathValue("name"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	data := map[string]any{
		"Title":        p.Title,
		"WriteKey":     p.WriteKey,
		"Integrations": p.Integrations,
		"Tag":          p.Tag,
		"Before":       template.JS(p.Before),
		"Script":       template.JS(p.Script),
		"Config":       map[string]any{"backend": h.backend, "site": h.site, "settings": p.Settings},
		"Settings":     "",
	}
	if p.Settings != nil {
		b, err := json.Marshal(p.Settings)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		data["Settings"] = string(b) // html/template escapes it for the attribute
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, data); err != nil {
		http.Error(w, "testdata/page.html: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// baseURL is the Braze SDK's baseUrl for this harness's backend. It ends in
// /api/v3 for every SDK version: appboy 3.x does not append it itself.
func (h *harness) baseURL() string { return h.backend + "/api/v3" }

// sdkSettings are the shim settings of a working page of this harness:
// its backend and Braze SDK 6.13 (no Font Awesome, which the request guard
// would catch), with extra merged in.
func (h *harness) sdkSettings(extra map[string]any) map[string]any {
	m := map[string]any{"apiKey": testAPIKey, "baseUrl": h.baseURL(), "sdkUrl": h.site + vendorBrazePath, "version": "6.13", "doNotLoadFontAwesome": true}
	maps.Copy(m, extra)
	return m
}

// brazeBodies returns the decoded bodies of the Braze requests in reqs that
// were answered 200 (a failed one is sent again by the SDK).
func brazeBodies(t *testing.T, reqs []Request) []BrazeBody {
	t.Helper()
	var out []BrazeBody
	for _, r := range reqs {
		if r.Kind != kindBraze || r.Method != http.MethodPost || r.Status != http.StatusOK {
			continue
		}
		var b BrazeBody
		if err := json.Unmarshal(r.Body, &b); err != nil {
			t.Errorf("request %d to %s: body is not a Braze request: %v: %s", r.Seq, r.Path, err, r.Body)
			continue
		}
		out = append(out, b)
	}
	return out
}

// waitFor waits until done accepts the Braze bodies recorded so far, and
// returns them. While it waits it runs flush in the page every 250 ms, when
// set: requestImmediateDataFlush sends only what is queued at the time, and
// the SDK's own timer waits 10 s. At the timeout it fails the test with what
// was recorded and the console.
func (h *harness) waitFor(tb *tab, timeout time.Duration, flush string, done func([]BrazeBody) bool) []BrazeBody {
	h.t.Helper()
	bodies, err := h.collect(tb, timeout, flush, done)
	if err != nil {
		h.t.Fatal(err)
	}
	return bodies
}

// collect is waitFor, except that at the timeout it returns what was
// recorded with an error that shows it, so that a test can go on and report
// each missing piece.
func (h *harness) collect(tb *tab, timeout time.Duration, flush string, done func([]BrazeBody) bool) ([]BrazeBody, error) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, timeout)
	defer cancel()
	if flush != "" {
		// A failing flush (no SDK yet) shows in the console.
		go every(ctx, 250*time.Millisecond, flush)
	}
	reqs, err := h.srv.Requests.Wait(ctx, func(reqs []Request) bool {
		return done(brazeBodies(h.t, reqs))
	})
	bodies := brazeBodies(h.t, reqs)
	if err != nil {
		return bodies, fmt.Errorf("waiting for the Braze requests: %w\nrecorded:\n%s\nconsole:%s", err, dumpRequests(reqs), tb.consoleText())
	}
	return bodies, nil
}

// every runs js in the tab of ctx every d until ctx ends.
func every(ctx context.Context, d time.Duration, js string) {
	tick := time.NewTicker(d)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			runJS(ctx, js)
		}
	}
}

// segmentCalls returns the paths of the recorded Segment API calls.
func (h *harness) segmentCalls() []string { return segmentPaths(h.srv.Requests.Since(0)) }

// waitSegmentCalls waits until the recorded Segment API calls include each
// of want, at most busyWait, and returns them: Analytics.js sends on its
// own time, so the test waits for the calls it expects, then asserts.
func (h *harness) waitSegmentCalls(want ...string) []string {
	ctx, cancel := context.WithTimeout(context.Background(), busyWait)
	defer cancel()
	reqs, _ := h.srv.Requests.Wait(ctx, func(reqs []Request) bool {
		calls := segmentPaths(reqs)
		return !slices.ContainsFunc(want, func(w string) bool { return !slices.Contains(calls, w) })
	})
	return segmentPaths(reqs)
}

func segmentPaths(reqs []Request) []string {
	var out []string
	for _, r := range reqs {
		if r.Kind == kindSegment {
			out = append(out, r.Path)
		}
	}
	return out
}

// dumpRequests formats reqs for a failure message.
func dumpRequests(reqs []Request) string {
	if len(reqs) == 0 {
		return "\t(none)"
	}
	var b strings.Builder
	for _, r := range reqs {
		body, _ := json.Marshal(r.Body)
		fmt.Fprintf(&b, "\t#%d %s %s %s -> %d %s\n", r.Seq, r.Kind, r.Method, r.Path, r.Status, body)
	}
	return b.String()
}

// requireBuild fails the test when the build output is missing: the product
// tests load the real shim and wasm module.
func requireBuild(t *testing.T) {
	t.Helper()
	for _, f := range []string{"braze-wasm.wasm", "braze-wasm.js", "wasm_exec.js"} {
		if _, err := os.Stat(filepath.Join(testBuildDir, f)); err != nil {
			t.Fatalf("build/%s is missing: run `make build` before the e2e tests (%v)", f, err)
		}
	}
}

// requireNpm fails the test when the npm install is missing: every page loads
// Analytics.js or a Braze SDK from it.
func requireNpm(t *testing.T) {
	t.Helper()
	for _, f := range []string{
		filepath.Join(".local", "braze-"+brazeSDKVersion+".no-module.min.js"),
		filepath.Join("@segment", "analytics-next", "dist", "umd", "standalone.js"),
		filepath.Join("appboy-web-sdk", "appboy.no-amd.min.js"),
	} {
		if _, err := os.Stat(filepath.Join(testNodeModulesDir, f)); err != nil {
			t.Fatalf("web/node_modules/%s is missing: run `make deps-npm` before the browser tests (%v)", filepath.ToSlash(f), err)
		}
	}
}
