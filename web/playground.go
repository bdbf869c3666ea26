package main

import (
	"html/template"
	"net/http"
	"path/filepath"
)

// registerPlayground serves the playground folder under /playground/.
// index.html (the playground) and live.html (the page its live mode runs in
// an iframe) are templates: each response gets a CSP nonce and the URL of the
// current, content-hashed build. They are read from disk on every request, so
// an edit shows on reload. The other files (playground.js, .css, the
// screenshot) are served as they are, revalidated on every use.
func (s *Server) registerPlayground(dir string) {
	page := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			tmpl, err := template.ParseFiles(filepath.Join(dir, name))
			if err != nil {
				http.Error(w, "playground: "+err.Error(), http.StatusNotFound)
				return
			}
			s.servePage(w, r, tmpl, pageData{})
		}
	}
	s.site.HandleFunc("GET /playground/{$}", page("index.html"))
	s.site.HandleFunc("GET /playground/live.html", page("live.html"))
	s.site.Handle("GET /playground/index.html", http.RedirectHandler("/playground/", http.StatusMovedPermanently))
	s.site.Handle("GET /playground/", http.StripPrefix("/playground/", staticDir{dir: dir, hint: "run make run from the repository root"}))
}
