package main

// Hosting it yourself (issue 10 §2): the folder of `make dist`, served by
// nginx with the README's configuration, and a page on another origin with
// the script tag that `make dist` prints.

import (
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeSection returns the README from the line heading on.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(readme), "\n"+heading+"\n")
	require.True(t, ok, "README.md has no section %q", heading)
	return section
}

// readmeBlock returns the first fenced block of language lang in the
// README section that starts with heading.
func readmeBlock(t *testing.T, heading, lang string) string {
	t.Helper()
	_, block, ok := strings.Cut(readmeSection(t, heading), "```"+lang+"\n")
	require.True(t, ok, "README.md section %q has no %s block", heading, lang)
	block, _, ok = strings.Cut(block, "```")
	require.True(t, ok, "unterminated %s block", lang)
	return block
}

// startNginx serves root with the README's nginx location block on a free
// loopback port, and returns its origin.
func startNginx(t *testing.T, root string) string {
	t.Helper()
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		nginx = "/usr/sbin/nginx" // root's PATH has it, a user's may not
		if _, err := os.Stat(nginx); err != nil {
			t.Fatalf("nginx is needed for this test: make deps-browser installs it (apt-get install nginx-light libnginx-mod-http-brotli-static)")
		}
	}
	block := readmeBlock(t, "## Hosting it yourself", "nginx")
	require.Contains(t, block, "root /srv/assets;")
	block = strings.Replace(block, "root /srv/assets;", "root "+root+";", 1)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	dir := t.TempDir()
	conf := filepath.Join(dir, "nginx.conf")
	require.NoError(t, os.WriteFile(conf, []byte(fmt.Sprintf(`daemon off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log stderr;
include /etc/nginx/modules-enabled/*.conf;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    server {
        listen 127.0.0.1:%[2]d;
%[3]s
    }
}
`, dir, port, block)), 0o644))

	if out, err := exec.Command(nginx, "-t", "-c", conf).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t with the README's block: %v\n%s", err, out)
	}
	logFile, err := os.Create(filepath.Join(dir, "nginx.log"))
	require.NoError(t, err)
	cmd := exec.Command(nginx, "-c", conf)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		// SIGTERM: the master stops its workers; SIGKILL would orphan them.
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		logFile.Close()
		if t.Failed() {
			log, _ := os.ReadFile(logFile.Name())
			t.Logf("nginx log:\n%s", log)
		}
	})
	origin := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(busyWait)
	for {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err == nil {
			conn.Close()
			return origin
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx did not listen on %s in %v: %v", origin, busyWait, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var scriptTagRE = regexp.MustCompile(`<script src="([^"]+)" integrity="([^"]+)" crossorigin="anonymous"`)

func TestDist(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	// make dist as an owner runs it, into a folder of this test's: the
	// owner's build/dist stays as they made it.
	distDir := t.TempDir()
	// nginx's workers run as another user: they need to read it.
	for _, d := range []string{filepath.Dir(distDir), distDir} {
		require.NoError(t, os.Chmod(d, 0o755))
	}
	out, err := exec.Command("make", "-s", "-C", "..", "dist", "DIST="+distDir).CombinedOutput()
	require.NoError(t, err, "make dist: %s", out)
	tagFile, err := os.ReadFile(filepath.Join(distDir, "script-tag.html"))
	require.NoError(t, err)
	assert.Contains(t, string(out), string(tagFile), "make dist prints the tag")
	m := scriptTagRE.FindStringSubmatch(string(tagFile))
	require.NotNil(t, m, "script-tag.html: %s", tagFile)
	// The script tag alone: no preload hint (js/scripttag.js), and the
	// plan of the default settings, for the SDK as Go's configure gives it.
	assert.Regexp(t, `^<script src=`, string(tagFile))
	assert.Contains(t, string(tagFile), `"sdkUrl":"https://js.appboycdn.com/web-sdk/6.13/braze.no-module.min.js"`)
	hash := (&buildHash{dir: testBuildDir}).current()
	require.Equal(t, "/braze-wasm/"+hash+"/braze-wasm.js", m[1], "the tag names the hashed folder, the server's hash")
	dir := filepath.Join(distDir, "braze-wasm", hash)

	// The three files, as built, with copies that decode to them.
	for _, f := range buildFiles {
		want, err := os.ReadFile(filepath.Join(testBuildDir, f))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "%s is the build's", f)
		gz, err := os.Open(filepath.Join(dir, f+".gz"))
		require.NoError(t, err)
		zr, err := gzip.NewReader(gz)
		require.NoError(t, err)
		unzipped, err := io.ReadAll(zr)
		gz.Close()
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, unzipped), "%s.gz decodes to %s", f, f)
		unbr, err := exec.Command("brotli", "-d", "-c", filepath.Join(dir, f+".br")).Output()
		require.NoError(t, err, "brotli -d %s.br", f)
		assert.True(t, bytes.Equal(want, unbr), "%s.br decodes to %s", f, f)
	}
	_, err = os.Stat(filepath.Join(dir, "planner"))
	assert.True(t, os.IsNotExist(err), "the planner build is not uploaded: pages never download it")
	shim, err := os.ReadFile(filepath.Join(dir, "braze-wasm.js"))
	require.NoError(t, err)
	sum := sha512.Sum384(shim)
	assert.Equal(t, "sha384-"+base64.StdEncoding.EncodeToString(sum[:]), m[2], "the tag's integrity")

	assets := startNginx(t, distDir)
	t.Run("nginx", func(t *testing.T) { checkNginx(t, assets+"/braze-wasm/"+hash+"/", dir) })
	t.Run("page", func(t *testing.T) { checkDistPage(t, assets, distDir, m[1]) })
}

// checkNginx asks for each file with each encoding and checks the answer
// against the README's list.
func checkNginx(t *testing.T, base, dir string) {
	types := map[string]string{"braze-wasm.js": "text/javascript", "braze-wasm.wasm": "application/wasm", "wasm_exec.js": "text/javascript"}
	for _, f := range buildFiles {
		for _, enc := range []struct{ accept, encoding, suffix string }{
			{"br, gzip", "br", ".br"},
			{"gzip", "gzip", ".gz"},
			{"", "", ""},
		} {
			req, err := http.NewRequest(http.MethodGet, base+f, nil)
			require.NoError(t, err)
			if enc.accept != "" {
				req.Header.Set("Accept-Encoding", enc.accept) // also keeps Go from decoding
			} else {
				req.Header.Set("Accept-Encoding", "identity")
			}
			req.Header.Set("Origin", "https://www.example.com")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			what := f + " with Accept-Encoding " + req.Header.Get("Accept-Encoding")
			require.Equal(t, http.StatusOK, resp.StatusCode, what)
			assert.Equal(t, types[f], resp.Header.Get("Content-Type"), what)
			assert.Equal(t, enc.encoding, resp.Header.Get("Content-Encoding"), what)
			assert.Equal(t, "public, max-age=31536000, immutable", resp.Header.Get("Cache-Control"), what)
			assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"), what)
			if enc.encoding != "" {
				assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"), what)
			}
			want, err := os.ReadFile(filepath.Join(dir, f+enc.suffix))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(want, body), "%s: the body is %s%s", what, f, enc.suffix)
			if f == "braze-wasm.wasm" {
				checkNginxRange(t, base+f, enc.accept, resp.Header.Get("Last-Modified"), want)
			}
		}
	}
}

// checkNginxRange asks for the bytes of u from 100 on with If-Range, as a
// client resuming a download does, and checks what the README says: nginx
// answers with them for the uncompressed file only; a .br or .gz copy comes
// whole (Chromium never asks for part of a compressed one anyway).
func checkNginxRange(t *testing.T, u, accept, lastModified string, whole []byte) {
	what := "a Range request with Accept-Encoding " + accept
	require.NotEmpty(t, lastModified, what)
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	if accept == "" {
		accept = "identity"
	}
	req.Header.Set("Accept-Encoding", accept)
	req.Header.Set("Range", "bytes=100-")
	req.Header.Set("If-Range", lastModified)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	if accept != "identity" {
		assert.Equal(t, http.StatusOK, resp.StatusCode, what)
		assert.True(t, bytes.Equal(whole, body), "%s: the whole copy", what)
		return
	}
	assert.Equal(t, http.StatusPartialContent, resp.StatusCode, what)
	assert.Equal(t, fmt.Sprintf("bytes 100-%d/%d", len(whole)-1, len(whole)), resp.Header.Get("Content-Range"), what)
	assert.True(t, bytes.Equal(whole[100:], body), "%s: the bytes from 100 on", what)
}

// checkDistPage opens a page on the test site whose shim comes from nginx,
// another origin, with the tag `make dist` writes for that origin.
func checkDistPage(t *testing.T, assets, distDir, src string) {
	h := newHarness(t)
	settings, err := json.Marshal(map[string]any{
		"apiKey": testAPIKey, "baseUrl": h.baseURL(), "sdkUrl": h.site + vendorBrazePath,
		"version": "6.13", "doNotLoadFontAwesome": true,
		// The status is read at analytics.ready: Braze's, not the timeout's.
		"readyTimeoutMs": longReadyTimeoutMs,
	})
	require.NoError(t, err)
	// What make dist ASSETS_URL=<nginx>/ SETTINGS=... runs.
	cmd := exec.Command("node", "../js/scripttag.js", assets+src, filepath.Join(distDir, strings.TrimPrefix(src, "/")), filepath.Join(testBuildDir, "planner"))
	cmd.Env = append(os.Environ(), "SETTINGS="+string(settings))
	tag, err := cmd.Output()
	require.NoError(t, err)
	assert.Regexp(t, `^<script src=`, string(tag), "no preload hint")
	assert.Contains(t, string(tag), "\n        data-plan='{\"settings\":", "the boot plan, in its own attribute")
	tb := newTab(t)
	tb.navigate(h.addPage(page{Title: "self-hosted", WriteKey: testWriteKey, Tag: template.HTML(tag), Script: readyScript}))
	tb.poll(`window.e2eReady === true`, busyWait)
	st := eval[shimStatus](tb, `BrazeWasm.status()`)
	require.Equal(t, "ready", st.State, "status: %+v%s", st, tb.consoleText())
	eval[bool](tb, `analytics.track('Self Hosted').then(() => true)`)
	h.waitFor(tb, busyWait, flushScript, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Self Hosted")
		return ok
	})
	assert.True(t, eval[bool](tb, `performance.getEntriesByType('resource').some(e => e.name === `+
		jsString(assets+strings.TrimSuffix(src, "braze-wasm.js")+"braze-wasm.wasm")+`)`), "the wasm came from nginx")
	// The plan's SDK: one download, started before the wasm's (which waits
	// for the plan to have run) and after Analytics.js's own script loaded.
	sdk := jsString(h.site + vendorBrazePath)
	assert.Equal(t, 1, eval[int](tb, `performance.getEntriesByType('resource').filter(e => e.name === `+sdk+`).length`), tb.consoleText())
	assert.True(t, eval[bool](tb, `(() => { const r = performance.getEntriesByType('resource'), at = n => r.find(e => e.name.endsWith(n)).startTime;
		return at(`+sdk+`) < at('/braze-wasm.wasm'); })()`), "the SDK download starts before the wasm's")
	assert.True(t, eval[bool](tb, `(() => { const r = performance.getEntriesByType('resource'), sdk = r.find(e => e.name === `+sdk+`),
		ajs = r.find(e => /\/analytics\.js\/v1\//.test(e.name));
		return !!ajs && sdk.startTime >= ajs.responseEnd; })()`), "the SDK download waits for Analytics.js's script")

	// With consentCategories the SDK must not download before consent: no
	// plan, and make dist says why.
	cmd = exec.Command("node", "../js/scripttag.js", assets+src, filepath.Join(distDir, strings.TrimPrefix(src, "/")), filepath.Join(testBuildDir, "planner"))
	cmd.Env = append(os.Environ(), `SETTINGS={"apiKey":"k","consentCategories":["C0004"]}`)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	tag, err = cmd.Output()
	require.NoError(t, err, stderr.String())
	assert.Regexp(t, `^<script src=`, string(tag))
	assert.NotContains(t, string(tag), "data-plan", "no boot plan: the SDK waits for consent")
	assert.Contains(t, stderr.String(), "no boot plan: with consentCategories the Braze SDK loads once the visitor consents")

	// Bad settings stop make dist with Go's message.
	cmd = exec.Command("node", "../js/scripttag.js", assets+src, filepath.Join(distDir, strings.TrimPrefix(src, "/")), filepath.Join(testBuildDir, "planner"))
	cmd.Env = append(os.Environ(), `SETTINGS={"version":"9"}`)
	out, err := cmd.CombinedOutput()
	require.Error(t, err)
	assert.Contains(t, string(out), "apiKey: missing")
}
