package main

import (
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// contentTypes fixes the types this server cares about, whatever the
// machine's mime tables say: compileStreaming refuses a wasm module that
// is not served as application/wasm.
var contentTypes = map[string]string{
	".wasm": "application/wasm",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".json": "application/json",
	".map":  "application/json",
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".md":   "text/plain; charset=utf-8",
}

// encodings are the precompressed copies looked for, best first, with the file
// suffix of each.
var encodings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// staticDir serves the files under dir (directories are not listed). A
// request for name gets name.br or name.gz instead when the client accepts
// that encoding and the copy exists, with Content-Encoding and the type of
// name. hint is added to the 404 message when dir itself is missing, to say
// which make target creates it.
type staticDir struct {
	dir  string
	hint string
}

func (s staticDir) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || name == "." {
		http.NotFound(w, r)
		return
	}
	serveFile(w, r, s.dir, name, s.hint)
}

// staticFile serves the single file dir/name, like staticDir.
type staticFile struct {
	dir, name string
	hint      string
}

func (s staticFile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	serveFile(w, r, s.dir, s.name, s.hint)
}

// serveFile serves dir/name or a precompressed copy of it. name is slash
// separated and must stay inside dir (os.OpenInRoot checks it, symlinks
// included).
func serveFile(w http.ResponseWriter, r *http.Request, dir, name, hint string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	f, st, err := openRegular(dir, name)
	if err != nil {
		notFound(w, dir, name, hint, err)
		return
	}
	defer f.Close()

	h := w.Header()
	h.Set("Content-Type", contentType(name))
	// Nothing served here has a content hash in its name, so every use
	// revalidates (Last-Modified); `make build` takes effect on reload.
	h.Set("Cache-Control", "no-cache")
	for _, enc := range encodings {
		if isCompressedCopy(name) || !acceptsEncoding(r, enc.name) {
			continue // a compressed copy asked for by name is served as it is
		}
		cf, cst, err := openRegular(dir, name+enc.suffix)
		if err != nil {
			continue
		}
		defer cf.Close()
		f, st = cf, cst
		h.Set("Content-Encoding", enc.name)
		break
	}
	// A compressed copy can exist even when this client did not get it, and
	// caches must keep the two apart.
	h.Add("Vary", "Accept-Encoding")
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// isCompressedCopy reports whether name is itself a precompressed copy.
func isCompressedCopy(name string) bool {
	for _, enc := range encodings {
		if strings.HasSuffix(name, enc.suffix) {
			return true
		}
	}
	return false
}

// openRegular opens dir/name in a root, so name cannot escape dir, and
// rejects anything that is not a regular file.
func openRegular(dir, name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenInRoot(dir, filepath.FromSlash(name))
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, fs.ErrNotExist
	}
	return f, st, nil
}

// notFound answers 404 and says why, so that a test or a person looking at
// the network tab sees which install step is missing.
func notFound(w http.ResponseWriter, dir, name, hint string, err error) {
	msg := "not found: " + name
	if _, statErr := os.Stat(dir); errors.Is(statErr, fs.ErrNotExist) {
		msg = "not found: " + name + ": directory " + dir + " does not exist"
		if hint != "" {
			msg += "; " + hint
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		msg += ": " + err.Error()
	}
	http.Error(w, msg, http.StatusNotFound)
}

// contentType returns the Content-Type for a file name.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// acceptsEncoding reports whether the Accept-Encoding of r allows coding,
// honouring q=0 and "*".
func acceptsEncoding(r *http.Request, coding string) bool {
	star := false
	for _, v := range r.Header.Values("Accept-Encoding") {
		for part := range strings.SplitSeq(v, ",") {
			tok, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			tok = strings.ToLower(strings.TrimSpace(tok))
			zero := qIsZero(params)
			switch tok {
			case coding:
				return !zero
			case "*":
				star = !zero
			}
		}
	}
	return star
}

// qIsZero reports whether the parameters of an Accept-Encoding entry set
// q to zero ("q=0", "q=0.0", "q=0.000").
func qIsZero(params string) bool {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		v = strings.TrimSpace(v)
		return strings.Trim(v, "0.") == "" && v != ""
	}
	return false
}
