package main

import "net/http"

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
		if r.Method != http.MethodOptions {
			h.ServeHTTP(w, r)
			return
		}
		hdr.Add("Vary", "Access-Control-Request-Method")
		hdr.Add("Vary", "Access-Control-Request-Headers")
		hdr.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
		if reqHeaders := r.Header.Get("Access-Control-Request-Headers"); reqHeaders != "" {
			hdr.Set("Access-Control-Allow-Headers", reqHeaders)
		}
		hdr.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
	})
}
