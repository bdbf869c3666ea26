package main

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// allowCORS lets pages of any origin call h with credentials, as Braze's
// backend does. The Braze SDK posts JSON with custom X-Braze-* headers, so a
// page on another origin sends a preflight first; it is answered here with 204
// and cached by the browser for 10 minutes (Access-Control-Max-Age).
func allowCORS(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		hdr := w.Header()
		hdr.Add("Vary", "Origin")
		if origin != "" {
			// Echo the origin: "*" is not allowed with credentials.
			hdr.Set("Access-Control-Allow-Origin", origin)
			hdr.Set("Access-Control-Allow-Credentials", "true")
		}
		if r.Method == http.MethodOptions {
			preflight(w, r, "GET, POST, DELETE, OPTIONS")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// allowOwnOrigins lets a browser call h only from the server's own pages:
// those of the origin the request was sent to, and those of origins (the
// site's and the backend's, which read each other's log). h is the request
// log: it holds API keys and email addresses, and DELETE clears it, so a page
// of any other origin gets 403 and no Access-Control-Allow-Origin. A request
// with no Origin (curl, a Go test, a browser's same-origin GET) passes.
func allowOwnOrigins(origins []string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		hdr := w.Header()
		hdr.Add("Vary", "Origin")
		if origin != "" {
			if !sameHost(origin, r.Host) && !slices.Contains(origins, origin) {
				http.Error(w, "origin not allowed to use the request log: "+strconv.Quote(origin), http.StatusForbidden)
				return
			}
			// The log needs no cookies: no Access-Control-Allow-Credentials.
			hdr.Set("Access-Control-Allow-Origin", origin)
		}
		if r.Method == http.MethodOptions {
			preflight(w, r, "GET, DELETE")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// preflight answers a CORS preflight that the caller let through, allowing
// methods and the headers asked for, cached for 10 minutes.
func preflight(w http.ResponseWriter, r *http.Request, methods string) {
	hdr := w.Header()
	hdr.Add("Vary", "Access-Control-Request-Method")
	hdr.Add("Vary", "Access-Control-Request-Headers")
	hdr.Set("Access-Control-Allow-Methods", methods)
	if reqHeaders := r.Header.Get("Access-Control-Request-Headers"); reqHeaders != "" {
		hdr.Set("Access-Control-Allow-Headers", reqHeaders)
	}
	hdr.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
}

// sameHost reports whether origin names host (with its port): the page is
// on the origin the request was sent to. The scheme is not compared: a
// TLS-terminating proxy in front of this plain-HTTP server forwards the Host
// of an https: page.
func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, host)
}
