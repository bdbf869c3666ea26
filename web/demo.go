package main

import (
	"embed"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/http"
)

// demoFiles is the demo shop: a page with the Segment snippet and our script
// tag, under the strict CSP. It is embedded so that `go run ./web` serves it
// from any working directory.
//
//go:embed demo
var demoFiles embed.FS

var demoPage = template.Must(template.ParseFS(demoFiles, "demo/index.html"))

// registerDemo serves the demo shop under /demo/.
func (s *Server) registerDemo() {
	s.site.HandleFunc("GET /demo/{$}", s.demo)
	s.site.Handle("GET /demo/index.html", http.RedirectHandler("/demo/", http.StatusMovedPermanently))
	sub, _ := fs.Sub(demoFiles, "demo") // "demo" is embedded: no error
	files := http.StripPrefix("/demo/", http.FileServerFS(sub))
	s.site.Handle("GET /demo/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		if ct := contentType(r.URL.Path); ct != "application/octet-stream" {
			w.Header().Set("Content-Type", ct)
		}
		files.ServeHTTP(w, r)
	}))
}

// demo renders the shop with the shim's settings for this server: the local
// Braze SDK bundle and the embedded backend, on the origin the browser used.
func (s *Server) demo(w http.ResponseWriter, r *http.Request) {
	origin := requestOrigin(r)
	settings, _ := json.Marshal(map[string]any{ // a map of strings and bools always marshals
		"apiKey":                        "demo-api-key",
		"version":                       "6.13",
		"baseUrl":                       origin + "/api/v3",
		"sdkUrl":                        origin + vendorBrazePath,
		"trackNamedPages":               true,
		"logPurchaseWhenRevenuePresent": true,
		// The seed's soft push prompt displays the messages itself.
		"automaticallyDisplayMessages": false,
		// The in-app message UI would load Font Awesome from its CDN.
		"doNotLoadFontAwesome": true,
	})
	s.servePage(w, r, demoPage, pageData{Settings: string(settings), Origin: origin})
}
