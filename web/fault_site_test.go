package main

// faultSite: a site of its own in front of a harness's server, for the
// fault, fuzz and security tests. They need what testdata/page.html cannot
// give: response headers (a Content-Security-Policy), nonces on every
// script, an Analytics.js stand-in for pages where Analytics.js itself
// cannot run, and assets that are slow, missing or served wrongly.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html/template"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// faultPage is one page of a faultSite.
type faultPage struct {
	Title string
	// CSP is sent as the Content-Security-Policy header when set.
	CSP string
	// Nonce is put on every script of the page.
	Nonce string
	// Segment adds the Segment snippet, which loads the real Analytics.js;
	// SegmentOff keeps it from sending to the Segment API (fewer requests
	// for the tests that fire thousands of events).
	Segment, SegmentOff bool
	// Stub adds stubAnalytics instead, for pages where Analytics.js cannot
	// run (Trusted Types, nonce-only CSP).
	Stub bool
	// Settings, when set, adds the shim's script tag with them in
	// data-settings; RawSettings is written there as is instead.
	Settings    map[string]any
	RawSettings string
	// Plan, when set, is the tag's data-plan: the boot plan (bootPlan).
	Plan string
	// Shim adds the shim's script tag without data-settings, for pages that
	// create the destination themselves.
	Shim bool
	// Before runs first; Script runs last, with window.e2eConfig =
	// {backend, site, settings}.
	Before, Script string
}

// stubAnalytics stands in for Analytics.js: register(plugin) loads the
// plugin as Analytics.js does, and the test calls the plugin's methods
// (analytics.plugins[0]) with contexts shaped like analytics-next's.
const stubAnalytics = `window.analytics = {
  plugins: [], userId: null,
  user() { return {id: () => analytics.userId}; },
  register(p) { this.plugins.push(p); return Promise.resolve(p.load({}, this)); },
  send(type, fields) {
    const ctx = {event: Object.assign({type, messageId: 'm' + Math.random(), timestamp: new Date(), context: {}, integrations: {}}, fields)};
    return Promise.all(this.plugins.map(p => p[type](ctx)));
  },
};`

var faultTemplate = template.Must(template.New("fault").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="icon" href="data:,">
{{- if .Before}}
<script nonce="{{.Nonce}}">{{.Before}}</script>
{{- end}}
{{- if .Segment}}
<script nonce="{{.Nonce}}">
` + segmentSnippet + `
analytics.load({{.WriteKey}}, {integrations: {"Segment.io": {{.SegmentIO}}}});
}}();
</script>
{{- end}}
{{- if .Stub}}
<script nonce="{{.Nonce}}">{{.Stub}}</script>
{{- end}}
{{- if .HasSettings}}
<script nonce="{{.Nonce}}" src="/braze-wasm/braze-wasm.js" data-settings="{{.Settings}}"{{if .Plan}} data-plan="{{.Plan}}"{{end}}></script>
{{- else if .Shim}}
<script nonce="{{.Nonce}}" src="/braze-wasm/braze-wasm.js"></script>
{{- end}}
<script nonce="{{.Nonce}}">
window.e2eConfig = {{.Config}};
{{.Script}}
</script>
</head>
<body><h1>{{.Title}}</h1></body>
</html>
`))

// segmentSnippet is the Segment snippet of testdata/page.html up to its
// load call, which the template completes.
const segmentSnippet = `!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src=analytics._cdn+"/analytics.js/v1/"+key+"/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._cdn=location.origin;analytics.SNIPPET_VERSION="5.2.1";`

// faultSite serves its pages, the routes a test adds, and everything else
// from the harness's server (the shim, the SDKs, Analytics.js, the Segment
// API), with optional delays. The harness's backend stays the Braze backend.
type faultSite struct {
	*harness
	origin string

	pages  pageSet[faultPage]
	mu     sync.Mutex
	delays map[string]time.Duration // by path prefix
	mux    *http.ServeMux
}

// newFaultSite starts a harness and a faultSite in front of it.
func newFaultSite(t *testing.T) *faultSite {
	t.Helper()
	requireBuild(t)
	s := &faultSite{
		harness: newHarness(t),
		delays:  map[string]time.Duration{},
		mux:     http.NewServeMux(),
	}
	s.mux.HandleFunc("GET /f/{name}", s.servePage)
	s.mux.Handle("/", s.srv.Handler())
	watched := s.pages.watch404(s.mux)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d := s.delay(r.URL.Path); d > 0 {
			select {
			case <-time.After(d):
			case <-r.Context().Done():
				return
			}
		}
		watched.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		srv.Close()
		s.pages.report(t, "the fault site")
	})
	s.origin = srv.URL
	return s
}

// handle adds a route; patterns are those of http.ServeMux.
func (s *faultSite) handle(pattern string, h http.HandlerFunc) { s.mux.HandleFunc(pattern, h) }

// slow holds back every answer under prefix by d.
func (s *faultSite) slow(prefix string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delays[prefix] = d
}

func (s *faultSite) delay(path string) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p, d := range s.delays {
		if strings.HasPrefix(path, p) {
			return d
		}
	}
	return 0
}

// gate serves file as contentType on pattern only once release is called:
// a test holds a script back for as long as it needs, where a delay would
// be a guess of how long the page takes (on a busy machine, anything). A
// page whose script is held does not fire its load event: open it with
// navigateNoWait.
func (s *faultSite) gate(pattern, file, contentType string) (release func()) {
	open := make(chan struct{})
	serve := serveBytes(s.t, file, contentType, nil)
	s.handle(pattern, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-open:
		case <-r.Context().Done():
			return
		}
		serve(w, r)
	})
	release = sync.OnceFunc(func() { close(open) })
	s.t.Cleanup(release)
	return release
}

// allow404 lets path answer 404 without failing the test.
func (s *faultSite) allow404(path string) { s.pages.allow404(path) }

// addPage registers p and returns its URL.
func (s *faultSite) addPage(p faultPage) string { return s.origin + "/f/" + s.pages.add(p) }

func (s *faultSite) servePage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.pages.get(r.PathValue("name"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	segmentIO := template.JS(`{apiHost: location.host + "/v1", protocol: "http"}`)
	if p.SegmentOff {
		segmentIO = "false"
	}
	data := map[string]any{
		"Title":       p.Title,
		"Nonce":       p.Nonce,
		"Segment":     p.Segment,
		"SegmentIO":   segmentIO,
		"WriteKey":    testWriteKey,
		"Before":      template.JS(p.Before),
		"Script":      template.JS(p.Script),
		"Config":      map[string]any{"backend": s.backend, "site": s.origin, "settings": p.Settings},
		"HasSettings": p.Settings != nil || p.RawSettings != "",
		"Shim":        p.Shim,
		"Settings":    p.RawSettings,
		"Plan":        p.Plan,
	}
	if p.Stub {
		data["Stub"] = template.JS(stubAnalytics)
	}
	if p.Settings != nil {
		b, err := json.Marshal(p.Settings)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		data["Settings"] = string(b)
	}
	var buf bytes.Buffer
	if err := faultTemplate.Execute(&buf, data); err != nil {
		http.Error(w, "fault page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if p.CSP != "" {
		w.Header().Set("Content-Security-Policy", p.CSP)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// baseSettings are the shim settings of a working page against this site's
// backend and SDK, with extra merged in. Their readyTimeoutMs is the
// longest the shim takes (longReadyTimeoutMs): analytics.ready and
// whenReady() wait for Braze however busy the machine, so a test that
// reads the status there reads Braze's, never the timeout's. A test of
// the timeout sets its own.
func (s *faultSite) baseSettings(extra map[string]any) map[string]any {
	m := map[string]any{
		"apiKey":               testAPIKey,
		"baseUrl":              s.baseURL(),
		"sdkUrl":               s.origin + vendorBrazePath,
		"version":              "6.13",
		"doNotLoadFontAwesome": true,
		"readyTimeoutMs":       longReadyTimeoutMs,
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// serveBytes answers with the bytes of a file of the build or of the npm
// install, as they are (no precompressed copy), with contentType, after
// edit when set.
func serveBytes(t *testing.T, path, contentType string, edit func([]byte) []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := os.ReadFile(filepath.FromSlash(path))
		if err != nil {
			t.Errorf("serving %s: %v", path, err)
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if edit != nil {
			b = edit(b)
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
	}
}

// closedPort returns a 127.0.0.1 URL on which nothing listens: a connection
// there is refused.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

// shimMessages returns the shim's console messages of type typ ("error",
// "warning"), without the prefix: all that the page printed before the
// call (syncConsole).
func shimMessages(tb *tab, typ string) []string {
	tb.t.Helper()
	tb.syncConsole()
	return shimText(tb.messages(), typ)
}

// shimText returns the shim's messages of type typ among ms, without the
// prefix.
func shimText(ms []chromedp.ConsoleMessage, typ string) []string {
	var out []string
	for _, m := range ms {
		if string(m.Type) == typ && strings.HasPrefix(m.Text, "[braze-wasm] ") {
			out = append(out, strings.TrimPrefix(m.Text, "[braze-wasm] "))
		}
	}
	return out
}

// hasException reports whether an uncaught exception reached the page
// before the call (syncConsole).
func hasException(tb *tab) bool {
	tb.t.Helper()
	tb.syncConsole()
	return slices.ContainsFunc(tb.messages(), func(m chromedp.ConsoleMessage) bool { return m.IsException() })
}

// peerScript registers a second destination plugin, which records what it
// receives in window.e2ePeer: Braze failing must not keep events from it.
// e2ePeerLoadAt is when Analytics.js loaded the destinations.
const peerScript = `
window.e2ePeer = [];
window.e2ePeerLoadAt = null;
analytics.register({
  name: 'E2E Peer', type: 'destination', version: '1.0.0',
  isLoaded: () => true, load: () => { e2ePeerLoadAt = performance.now(); return Promise.resolve(); },
  track: ctx => (e2ePeer.push('track:' + ctx.event.event), ctx),
  identify: ctx => (e2ePeer.push('identify:' + ctx.event.userId), ctx),
  page: ctx => (e2ePeer.push('page:' + ctx.event.name), ctx),
  group: ctx => (e2ePeer.push('group:' + ctx.event.groupId), ctx),
});
`

// lastSeq returns the sequence number of the last recorded request.
func (s *faultSite) lastSeq() int64 {
	var seq int64
	for _, r := range s.srv.Requests.Since(0) {
		seq = max(seq, r.Seq)
	}
	return seq
}

// waitSince is harness.waitFor on the requests recorded after seq only.
func (s *faultSite) waitSince(tb *tab, seq int64, timeout time.Duration, flush string, done func([]BrazeBody) bool) []BrazeBody {
	s.t.Helper()
	var bodies []BrazeBody
	s.waitFor(tb, timeout, flush, func([]BrazeBody) bool {
		bodies = brazeBodies(s.t, s.srv.Requests.Since(seq))
		return done(bodies)
	})
	return bodies
}

func itoa(i int) string { return strconv.Itoa(i) }

// navigateNoWait loads u without waiting for its load event, which a page
// busy with a backlog of events can hold back for a long time on a loaded
// machine; the test polls for what it needs instead.
func (tb *tab) navigateNoWait(u string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, busyWait)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, cdppage.Navigate, cdppage.NavigateParams{URL: u})
		if err == nil && res.ErrorText != "" {
			err = errors.New(res.ErrorText)
		}
		return err
	}))
	if err != nil {
		tb.t.Fatalf("navigate %s: %v", u, err)
	}
}
