package main

import (
	"net/http"
	"unicode/utf8"
)

// guard wraps the whole of a listener's handler with what every answer
// needs, before any route sees the request:
//
//   - X-Content-Type-Options: nosniff on every answer, so that a browser
//     uses each as the type it is served with: the request log's JSON, for
//     one, never runs as a script of another site's page.
//   - A path that is not valid UTF-8 once unescaped is answered 400. No file
//     or route has such a name, and the embedded demo's file system called
//     it invalid, which http.FileServerFS answered with a 500.
func guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if !utf8.ValidString(r.URL.Path) {
			http.Error(w, "bad request: the path is not valid UTF-8", http.StatusBadRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}
