package main

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"path/filepath"
	"sync"
)

// maxSegmentBody bounds one Segment API request; Segment's own limit is
// 32 KB per event and 500 KB per batch.
const maxSegmentBody = 1 << 20

// segmentMethods are the endpoints of Segment's tracking API, under /v1/:
// track, identify, page, group, alias, screen, metrics and batch.
var segmentMethods = map[string]bool{
	"t": true, "i": true, "p": true, "g": true, "a": true, "s": true, "m": true, "batch": true,
}

// segmentCDN plays Segment's CDN and tracking API for Analytics.js loaded by
// the snippet, with analytics._cdn set to this origin and the "Segment.io"
// integration's apiHost set to this host + "/v1". The scripts come from the
// npm package @segment/analytics-next: standalone.js is the snippet build that
// the CDN serves as analytics.min.js, and its lazily loaded chunks are beside
// it in dist/umd.
type segmentCDN struct {
	dist     string // node_modules/@segment/analytics-next/dist/umd
	requests *Recorder
	extras   *CDNExtras
}

// CDNExtras are destinations added to the CDN settings the server sends,
// as a workspace's own would appear there: Segment's Braze destination in
// device mode, for the tests of the check that finds it beside ours, and
// the workspace's consent settings, for the consent tests. Safe for
// concurrent use.
type CDNExtras struct {
	mu              sync.Mutex
	integrations    map[string]map[string]any
	remotePlugins   []any
	consentSettings map[string]any
}

// Set replaces the extras: integrations entries by name, and remotePlugins.
func (c *CDNExtras) Set(integrations map[string]map[string]any, remotePlugins ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.integrations, c.remotePlugins = integrations, remotePlugins
}

// SetConsent replaces the consentSettings of the CDN settings
// ({allCategories, hasUnmappedDestinations}), as Segment sends them when
// the workspace maps consent categories to destinations.
func (c *CDNExtras) SetConsent(settings map[string]any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.consentSettings = settings
}

// add puts the extras into doc.
func (c *CDNExtras) add(doc *cdnSettings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.Copy(doc.Integrations, c.integrations)
	doc.RemotePlugins = append(doc.RemotePlugins, c.remotePlugins...)
	doc.ConsentSettings = c.consentSettings
}

// register adds the routes of the CDN and of the tracking API to mux.
func (s *segmentCDN) register(mux *http.ServeMux) {
	const hint = "run make deps-npm"
	mux.HandleFunc("GET /v1/projects/{writeKey}/settings", s.settings)
	mux.Handle("GET /analytics.js/v1/{writeKey}/analytics.min.js", staticFile{dir: s.dist, name: "standalone.js", hint: hint})
	mux.Handle("GET /analytics-next/bundles/", http.StripPrefix("/analytics-next/bundles/", staticDir{dir: s.dist, hint: hint}))
	mux.HandleFunc("POST /v1/{method}", s.track)
}

// cdnSettings is the smallest settings document Analytics.js accepts. It
// enables no destination of its own (the Braze destination under test is
// registered by the page), and it turns remote metrics off, which would
// otherwise go to api.segment.io every 30 seconds.
type cdnSettings struct {
	Integrations    map[string]map[string]any `json:"integrations"`
	RemotePlugins   []any                     `json:"remotePlugins"`
	Metrics         map[string]any            `json:"metrics"`
	ConsentSettings map[string]any            `json:"consentSettings,omitempty"`
}

// settings serves /v1/projects/{writeKey}/settings.
func (s *segmentCDN) settings(w http.ResponseWriter, r *http.Request) {
	doc := cdnSettings{
		Integrations: map[string]map[string]any{
			"Segment.io": {"apiKey": r.PathValue("writeKey")},
		},
		RemotePlugins: []any{},
		Metrics:       map[string]any{"sampleRate": 0},
	}
	s.extras.add(&doc)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	json.NewEncoder(w).Encode(doc) // a write error is the client's
}

// track records a call of the tracking API and answers as Segment does.
func (s *segmentCDN) track(w http.ResponseWriter, r *http.Request) {
	if !segmentMethods[r.PathValue("method")] {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSegmentBody))
	if err != nil {
		http.Error(w, "reading the body: "+err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	s.requests.Add(Request{
		Kind:    kindSegment,
		Method:  r.Method,
		Path:    r.URL.Path,
		Status:  http.StatusOK,
		Headers: selectHeaders(r.Header, []string{"Content-Type"}, nil),
		Body:    jsonBody(body),
	})
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"success":true}`)
}

// analyticsDist returns where the Analytics.js builds are in nodeModules.
func analyticsDist(nodeModules string) string {
	return filepath.Join(nodeModules, "@segment", "analytics-next", "dist", "umd")
}
