package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Config says where the server finds its files. Relative paths are resolved
// against the working directory.
type Config struct {
	Build       string // the build output of `make build`
	NodeModules string // web/node_modules, from `make deps-npm`
	Playground  string // the playground/ folder; empty: no playground
	// BackendOrigin is the origin of the backend when it is served on a
	// second address too (-backend-addr), added to connect-src of the CSP.
	BackendOrigin string
	// SiteOrigin is the origin of the site as make run prints it. With
	// BackendOrigin, it is one of the server's own origins, whose pages may
	// read and clear the request log from the other address.
	SiteOrigin string
}

// buildPath is where the build output is served; the shim finds the wasm
// module and wasm_exec.js next to its own URL.
const buildPath = "/braze-wasm/"

// Server is the local site. Handler serves all of it on one origin;
// BackendHandler serves the Braze backend alone, for a second listener, so
// that the page and the backend can be different origins as in production.
// Both share one request log and one fault queue.
type Server struct {
	// Requests records what the Braze backend and the Segment API received.
	Requests *Recorder
	// Faults are injected into the Braze backend's answers.
	Faults *Faults
	// Triggers are the in-app message triggers the backend serves.
	Triggers *Triggers
	// CDN adds destinations to the Segment CDN settings the site serves.
	CDN *CDNExtras

	site    *http.ServeMux
	backend *http.ServeMux
	// Handler and BackendHandler: site and backend behind guard.
	siteHandler, backendHandler http.Handler
	build                       *buildHash
	connectSrc                  []string // extra origins of the pages' connect-src
	origins                     []string // the server's own origins, for the request log
	streams                     *streams
}

// NewServer returns a Server for cfg. Missing files are not an error here:
// they are answered with a 404 that names the make target to run, so that the
// server starts before `make build` has run.
func NewServer(cfg Config) *Server {
	s := &Server{
		Requests: NewRecorder(),
		Faults:   &Faults{},
		Triggers: &Triggers{},
		CDN:      &CDNExtras{},
		site:     http.NewServeMux(),
		backend:  http.NewServeMux(),
		build:    &buildHash{dir: cfg.Build},
	}
	if cfg.BackendOrigin != "" {
		s.connectSrc = []string{cfg.BackendOrigin}
	}
	for _, o := range []string{cfg.SiteOrigin, cfg.BackendOrigin} {
		if o != "" {
			s.origins = append(s.origins, o)
		}
	}
	s.streams = newStreams(s.Requests)
	be := allowCORS(&Backend{Requests: s.Requests, Faults: s.Faults, Triggers: s.Triggers})
	log := allowOwnOrigins(s.origins, s.Requests)
	events := allowOwnOrigins(s.origins, s.streams)
	for _, mux := range []*http.ServeMux{s.site, s.backend} {
		mux.Handle("/api/v3/", be)
		mux.Handle("/__backend/requests", log)
		mux.Handle("GET /__backend/events", events)
	}

	build := http.StripPrefix(buildPath, staticDir{dir: cfg.Build, hint: "run make build"})
	s.site.Handle("GET "+buildPath, build)
	s.site.Handle("GET "+buildPath+"{hash}/{file}", hashedBuild{hash: s.build, files: staticDir{dir: cfg.Build}, plain: build})
	registerVendor(s.site, cfg.NodeModules)
	(&segmentCDN{dist: analyticsDist(cfg.NodeModules), requests: s.Requests, extras: s.CDN}).register(s.site)
	if cfg.Playground != "" {
		s.registerPlayground(cfg.Playground)
	}
	s.registerDemo()
	s.site.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		// A browser lands on the playground; curl and scripts get the list.
		if cfg.Playground != "" && strings.Contains(r.Header.Get("Accept"), "text/html") {
			http.Redirect(w, r, "/playground/", http.StatusFound)
			return
		}
		index(w, r)
	})
	s.siteHandler, s.backendHandler = guard(s.site), guard(s.backend)
	return s
}

// Close ends the server-sent event streams, which would otherwise hold
// http.Server.Shutdown until its deadline.
func (s *Server) Close() { s.streams.stop() }

// Handler serves the whole site, the backend included.
func (s *Server) Handler() http.Handler { return s.siteHandler }

// BackendHandler serves only the Braze backend and its request log.
func (s *Server) BackendHandler() http.Handler { return s.backendHandler }

// index lists what the server offers.
func index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, "segment-braze-wasm local site\n\n")
	for _, l := range siteLinks("") {
		fmt.Fprintf(w, "%-14s %s\n", l.name, l.url)
	}
}

// link is one entry of the list that main prints and that "/" shows.
type link struct{ name, url string }

// siteLinks returns the main URLs of a site at origin ("" for relative ones).
func siteLinks(origin string) []link {
	return []link{
		{"playground", origin + "/playground/"},
		{"demo shop", origin + "/demo/"},
		{"shim", origin + buildPath + "braze-wasm.js"},
		{"wasm", origin + buildPath + "braze-wasm.wasm"},
		{"braze sdk", origin + vendorBrazePath},
		{"appboy sdk", origin + vendorAppboyPath + "appboy.no-amd.min.js"},
		{"analytics.js", origin + "/analytics.js/v1/{writeKey}/analytics.min.js (set analytics._cdn = location.origin)"},
		{"segment api", origin + "/v1/{t,i,p,g,a,s,m,batch}"},
	}
}

// backendLinks returns the URLs of a Braze backend at origin.
func backendLinks(origin string) []link {
	return []link{
		{"braze backend", origin + "/api/v3 (the SDK's baseUrl)"},
		{"requests", origin + "/__backend/requests (GET ?since=seq&kind=braze|segment, DELETE clears)"},
		{"events", origin + "/__backend/events (server-sent events; ?since=seq&kind=)"},
	}
}
