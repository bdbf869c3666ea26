package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// buildFiles are the files of the build output that a page loads together:
// the shim finds the other two next to its own URL, so they share one hash.
var buildFiles = []string{"braze-wasm.js", "braze-wasm.wasm", "wasm_exec.js"}

// immutable is the Cache-Control of a content-hashed URL: its bytes never
// change, so a browser need not even revalidate it for a year.
const immutable = "public, max-age=31536000, immutable"

// buildHash computes the content hash of the build output, for the URLs
// /braze-wasm/<hash>/<file>. One hash covers the three files because the shim
// and the wasm module are a pair: a page must never get the shim of one build
// and the wasm of another. The hash is recomputed only when a file's size or
// modification time changes, so `make build` while the server runs is picked
// up on the next request without rehashing 3.5 MB every time.
type buildHash struct {
	dir string

	mu    sync.Mutex
	stamp string // sizes and mtimes of the files hashed
	hash  string
}

// current returns the hash of the build output, or "" when a file is
// missing.
func (b *buildHash) current() string {
	var stamp strings.Builder
	for _, f := range buildFiles {
		st, err := os.Stat(filepath.Join(b.dir, f))
		if err != nil || !st.Mode().IsRegular() {
			return ""
		}
		stamp.WriteString(f + ":" + st.ModTime().Format(time.RFC3339Nano) + ":" + strconv.FormatInt(st.Size(), 10) + ";")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if stamp.String() == b.stamp {
		return b.hash
	}
	h := sha256.New()
	for _, f := range buildFiles {
		fh, err := os.Open(filepath.Join(b.dir, f))
		if err != nil {
			return ""
		}
		_, err = io.Copy(h, fh)
		fh.Close()
		if err != nil {
			return ""
		}
		io.WriteString(h, "\x00") // file boundaries are part of the content
	}
	b.stamp, b.hash = stamp.String(), hex.EncodeToString(h.Sum(nil))[:16]
	return b.hash
}

// prefix returns the URL path the pages load the build from: the hashed
// folder when the build exists, else the plain one (whose 404 says to run
// make build).
func (b *buildHash) prefix() string {
	if h := b.current(); h != "" {
		return buildPath + h + "/"
	}
	return buildPath
}

// hashedBuild serves /braze-wasm/{hash}/{file}: the build file, cached for a
// year, when hash is the current build's. A stale hash is a 404, not the
// current file: caching today's bytes under yesterday's immutable URL would
// pin the wrong pair forever.
type hashedBuild struct {
	hash  *buildHash
	files http.Handler // the build directory, served with revalidation
	plain http.Handler // /braze-wasm/ unhashed, for sub folders of the build
}

func (s hashedBuild) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !isHash(r.PathValue("hash")) {
		s.plain.ServeHTTP(w, r)
		return
	}
	want := s.hash.current()
	if want == "" || r.PathValue("hash") != want {
		http.Error(w, "not found: build "+r.PathValue("hash")+" is not the current build; reload the page", http.StatusNotFound)
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + r.PathValue("file")
	s.files.ServeHTTP(cacheControl{w, immutable}, r2)
}

// cacheControl replaces the Cache-Control that the wrapped handler sets.
type cacheControl struct {
	http.ResponseWriter
	value string
}

func (c cacheControl) WriteHeader(code int) {
	if code == http.StatusOK || code == http.StatusNotModified || code == http.StatusPartialContent {
		c.Header().Set("Cache-Control", c.value)
	}
	c.ResponseWriter.WriteHeader(code)
}

// isHash reports whether s has the form of a build hash: 16 lowercase hex
// digits.
func isHash(s string) bool {
	if len(s) != 16 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
