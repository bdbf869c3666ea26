package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"html/template"
	"net/http"
	"strings"
)

// newNonce returns a fresh CSP nonce: 128 random bits, base64url (no "+"
// for html/template to escape).
func newNonce() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand documents it)
	return base64.RawURLEncoding.EncodeToString(b)
}

// contentSecurityPolicy returns the policy of our own pages (the playground,
// the demo). It is strict on purpose: the demo proves that the integration
// works under a policy a security team would sign off.
//
//   - script-src: our files ('self'), the page's nonce (inline <script> tags
//     carry it; Go passes it to the Braze SDK as contentSecurityNonce), and
//     'wasm-unsafe-eval', the one directive WebAssembly needs. No
//     'unsafe-inline', no 'unsafe-eval'.
//   - style-src: 'self' and the nonce, which the Braze SDK puts on the <style>
//     tags of its in-app messages.
//   - connect-src: 'self' (the wasm fetch, the backend on this origin, the
//     Segment API emulation) and the backend's own origin when it has one.
//   - frame-src 'self': the playground's live mode runs in an iframe.
func contentSecurityPolicy(nonce string, connect []string) string {
	n := "'nonce-" + nonce + "'"
	directives := []string{
		"default-src 'self'",
		"script-src 'self' " + n + " 'wasm-unsafe-eval'",
		"style-src 'self' " + n,
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src " + strings.Join(append([]string{"'self'"}, connect...), " "),
		"frame-src 'self'",
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'self'",
	}
	return strings.Join(directives, "; ")
}

// pageData is what our page templates get.
type pageData struct {
	Nonce string // the CSP nonce of this response
	Build string // URL path of the build folder, content-hashed: /braze-wasm/<hash>/
	// Settings is the shim's data-settings for the demo, as JSON.
	Settings string
	// Origin is the site's origin as the browser reached it.
	Origin string
}

// servePage renders tmpl with a fresh nonce and sends it with the CSP, and
// with no-cache: the page names the current build's hash, so it must be
// revalidated to pick up a new build.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, tmpl *template.Template, data pageData) {
	data.Nonce = newNonce()
	data.Build = s.build.prefix()
	if data.Origin == "" {
		data.Origin = requestOrigin(r)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		http.Error(w, tmpl.Name()+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", contentSecurityPolicy(data.Nonce, s.connectSrc))
	h.Set("Cache-Control", "no-cache")
	h.Set("Referrer-Policy", "no-referrer")
	w.Write(buf.Bytes())
}

// requestOrigin returns the origin the browser used to reach r. The local
// server speaks plain HTTP only.
func requestOrigin(r *http.Request) string {
	return "http://" + r.Host
}
