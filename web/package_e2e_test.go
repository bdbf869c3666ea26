package main

// The npm package as a site uses it (issue 10 §1, issue 17 §3 and §4): the
// `make package` folder, published dry, packed with npm pack, installed
// offline into a scratch app, built by each common bundler next to the real
// @segment/analytics-next, served and opened in Chromium; the types checked
// with tsc; imported on a server with node.

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPackageDir = "../build/package"

// scratchApp is a site's own project with segment-braze-wasm installed from
// the packed tarball. Each bundler builds its app in a folder of its own
// under dir, sharing dir's node_modules.
type scratchApp struct {
	dir string
}

// newScratchApp packs build/package and installs the tarball into a new
// project, with no registry: the package has no dependencies. The app's
// other packages (analytics-next) come from web/node_modules through a
// symlink, as if installed.
func newScratchApp(t *testing.T) *scratchApp {
	t.Helper()
	requireNpm(t)
	if _, err := os.Stat(filepath.Join(testPackageDir, "package.json")); err != nil {
		t.Fatalf("build/package is missing: run `make package` before this test (%v)", err)
	}
	tmp := t.TempDir()
	a := &scratchApp{dir: filepath.Join(tmp, "app")}
	pkg, err := filepath.Abs(testPackageDir)
	require.NoError(t, err)
	tarball := strings.TrimSpace(lastLine(runIn(t, tmp, "npm", "pack", "--silent", "--pack-destination", tmp, pkg)))
	writeFile(t, a.dir, "package.json", `{"name": "scratch-app", "private": true}`)
	runIn(t, a.dir, "npm", "install", "--offline", "--no-audit", "--no-fund", filepath.Join(tmp, tarball))
	// Linked last: an npm install in the app from here on would prune the
	// linked packages as extraneous, inside web/node_modules.
	segment, err := filepath.Abs(filepath.Join(testNodeModulesDir, "@segment"))
	require.NoError(t, err)
	require.NoError(t, os.Symlink(segment, filepath.Join(a.dir, "node_modules", "@segment")))
	return a
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
}

// command is name with args, run in dir.
func command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false", "NO_COLOR=1")
	return cmd
}

// runIn runs a command in dir and returns its output; a failure fails the test
// with the output.
func runIn(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	out, err := command(dir, name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// tool returns the absolute path of a file under web/node_modules: a
// binary of .bin, or a bundler's own script.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(testNodeModulesDir, name))
	require.NoError(t, err)
	return p
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestPackage checks the package folder, then packs and installs it once;
// its subtests use it as a site built by each bundler, a TypeScript
// project and a server would.
func TestPackage(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	t.Run("publish", testPublish)
	t.Run("readme", testReadme)
	t.Run("braze-wasm-plan", testPlanCommand)
	a := newScratchApp(t)
	t.Run("server", a.testServer)
	t.Run("types", a.testTypes)
	t.Run("bundled app", func(t *testing.T) {
		for _, b := range bundlers {
			t.Run(b.name, func(t *testing.T) {
				t.Parallel()
				a.testBundledApp(t, b)
			})
		}
	})
}

// testPublish: npm publish --dry-run of the folder says nothing but
// notices: no warning (a field npm would correct, a missing login) and no
// error. It is kept off the network: --offline, and a registry on a closed
// local port (the discard port) with a token of its own in a config file
// of its own, since without one npm warns that it needs a login. Without
// --offline npm asks that registry which versions exist, and retries for a
// minute.
func testPublish(t *testing.T) {
	requireNpm(t)
	config := t.TempDir()
	writeFile(t, config, "npmrc", "//127.0.0.1:9/:_authToken=dry-run\n")
	pkg, err := filepath.Abs(testPackageDir)
	require.NoError(t, err)
	out := runIn(t, pkg, "npm", "publish", "--dry-run", "--offline", "--registry=http://127.0.0.1:9/",
		"--userconfig="+filepath.Join(config, "npmrc"))
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "npm notice") && line != "+ segment-braze-wasm@"+packageVersion(t) {
			t.Errorf("npm publish --dry-run said more than notices:\n%s", out)
			break
		}
	}
	// What a site installs: the README, the three files of the script tag,
	// the module builds and their types, the boot plan's command and the
	// planner build it runs; nothing of the repository.
	for _, f := range []string{"README.md", "package.json", "braze-wasm.js", "braze-wasm.mjs", "braze-wasm.cjs",
		"braze-wasm.d.mts", "braze-wasm.d.cts", "braze-wasm.wasm", "wasm_exec.js", "bootplan.js", "planner/braze-wasm.wasm", "planner/wasm_exec.js"} {
		assert.Regexp(t, `npm notice [0-9.]+k?M?B `+regexp.QuoteMeta(f)+`\n`, out, "the tarball holds %s", f)
	}
	assert.Contains(t, out, "total files: 12", "nothing else in the tarball")
}

// testReadme: the README names the versions the bundled apps are built
// with, those web/package.json pins.
func testReadme(t *testing.T) {
	section := readmeSection(t, "## In a bundled app: the npm package")
	section, _, _ = strings.Cut(section, "\n## ")
	for _, tc := range []struct{ name, pkg string }{
		{"`@segment/analytics-next`", "@segment/analytics-next"},
		{"esbuild", "esbuild"},
		{"Vite", "vite"},
		{"Vite", "vite7"},
		{"webpack", "webpack"},
		{"Parcel", "parcel"},
	} {
		var p struct{ Version string }
		b, err := os.ReadFile(filepath.Join(testNodeModulesDir, tc.pkg, "package.json"))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, &p))
		assert.Contains(t, section, tc.name+" "+p.Version, "the README names the version tested")
	}
}

// packageVersion is the version of build/package.
func packageVersion(t *testing.T) string {
	t.Helper()
	var p struct{ Version string }
	b, err := os.ReadFile(filepath.Join(testPackageDir, "package.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &p))
	return p.Version
}

// packageApp is the scratch app's entry: what the README shows.
// window.e2eConfig comes from the test (onNewDocument).
const packageApp = `import {AnalyticsBrowser} from '@segment/analytics-next';
import {destination, status, whenReady, sdk} from 'segment-braze-wasm';

const {settings} = window.e2eConfig;
export const analytics = AnalyticsBrowser.load(
  {writeKey: 'test-write-key', cdnURL: location.origin, plugins: [destination(settings)]},
  {integrations: {'Segment.io': {apiHost: location.host + '/v1', protocol: 'http'}}},
);
analytics.ready(() => { window.e2eReady = true; });
window.app = {analytics, status, whenReady, sdk};
`

// indexHTML is the page of the app, as a site writes it for a bundler that
// starts from HTML (Vite, Parcel), or beside the bundle for one that starts
// from app.js (esbuild, webpack), src being the bundle.
func indexHTML(src string) string {
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>bundled app</title>
<script type="module" src="` + src + `"></script>
</head><body></body></html>
`
}

// bundler builds the app in dir (app.js and index.html are there) and
// returns a handler that serves it at base, the path of the app's folder
// on the site.
type bundler func(t *testing.T, dir, base string) http.Handler

// bundlerCase is one way a site builds the app. blocked is set for a setup
// that does not serve the module: the path, under the app's folder, of the
// URL the shim's one console error must name, saying why.
type bundlerCase struct {
	name    string
	build   bundler
	blocked string
}

// bundlers are the ways a site builds the app, each run as the README says
// (In a bundled app: the npm package), with the versions it names.
var bundlers = []bundlerCase{
	{name: "esbuild", build: esbuildApp},
	{name: "vite 8 build", build: viteBuild("vite")},
	{name: "vite 8 dev server", build: viteDev("vite", true)},
	// Vite 8 pre-bundles with Rolldown, which moves the module's URLs with it.
	{name: "vite 8 dev server without exclude", build: viteDev("vite", false)},
	{name: "vite 7 build", build: viteBuild("vite7")},
	{name: "vite 7 dev server", build: viteDev("vite7", true)},
	// Vite 7's pre-bundling moves the module into its cache (.vite/deps),
	// away from the wasm, where the dev server answers with its index page.
	{name: "vite 7 dev server without exclude", build: viteDev("vite7", false), blocked: ".vite/deps/braze-wasm.wasm"},
	{name: "webpack 5", build: webpackApp},
	{name: "parcel 2", build: parcelApp},
}

// esbuildApp: the README's recipe for esbuild, an ES module bundle and the
// module copied beside it, where new URL(..., import.meta.url) finds it.
// wasm_exec.js, imported, is in the bundle.
func esbuildApp(t *testing.T, dir, base string) http.Handler {
	runIn(t, dir, tool(t, ".bin/esbuild"), "--bundle", "--format=esm", "--log-level=warning", "--outdir=dist", "app.js")
	runIn(t, dir, "cp", "../node_modules/segment-braze-wasm/braze-wasm.wasm", "dist/")
	writeFile(t, dir, "dist/index.html", indexHTML("app.js"))
	return http.StripPrefix(base, staticDir{dir: filepath.Join(dir, "dist")})
}

// viteConfig is a site's vite.config.js, with this test's own: the base,
// a cache of its own (the default is the project's node_modules/.vite,
// which the other Vite apps would share) and no HMR socket (the site's
// proxy passes plain requests only).
func viteConfig(t *testing.T, dir, base string, exclude bool) {
	opt := ""
	if exclude {
		opt = `optimizeDeps: {exclude: ['segment-braze-wasm']}, `
	}
	writeFile(t, dir, "vite.config.mjs", `export default {`+opt+`base: '`+base+`', cacheDir: '.vite', logLevel: 'warn', server: {hmr: false, ws: false}};`)
}

// viteBuild: vite build, the production build, from index.html.
func viteBuild(pkg string) bundler {
	return func(t *testing.T, dir, base string) http.Handler {
		viteConfig(t, dir, base, false)
		out := runIn(t, dir, "node", tool(t, pkg+"/bin/vite.js"), "build")
		assert.Empty(t, strings.TrimSpace(out), "vite build warns")
		return http.StripPrefix(base, staticDir{dir: filepath.Join(dir, "dist")})
	}
}

// viteDevServer starts Vite's dev server with the config of the folder it
// runs in, on the port it is given, prints the port and stops when its
// stdin closes. Vite 7 reads port 0 as its default, 5173, which another
// run of the suite may hold: the test finds a free port itself.
const viteDevServer = `
const {createServer} = await import(process.argv[1]);
const server = await createServer({server: {host: '127.0.0.1', port: +process.argv[2], strictPort: true}});
await server.listen();
console.log(server.httpServer.address().port);
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
process.stdin.resume();
`

// viteDev: the dev server, with or without the README's
// optimizeDeps.exclude. The site proxies the app's folder to it, so that
// the page, Analytics.js's settings and Segment's API stay on one origin.
func viteDev(pkg string, exclude bool) bundler {
	return func(t *testing.T, dir, base string) http.Handler {
		viteConfig(t, dir, base, exclude)
		cmd := command(dir, "node", "--input-type=module", "-e", viteDevServer, "file://"+tool(t, pkg+"/dist/node/index.js"), strconv.Itoa(freePort(t)))
		stdin, err := cmd.StdinPipe()
		require.NoError(t, err)
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		lines := bufio.NewReader(stdout)
		port, err := lines.ReadString('\n')
		done := make(chan error, 1)
		go func() {
			io.Copy(io.Discard, lines) // Vite's own notes; its warnings are on stderr
			done <- cmd.Wait()
		}()
		// stop ends the server and returns what it said on stderr (read
		// once it has exited: exec writes it until then).
		stop := func() string {
			stdin.Close()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-done
			}
			return strings.TrimSpace(stderr.String())
		}
		if err != nil {
			t.Fatalf("vite dev server did not start: %v\n%s", err, stop())
		}
		t.Cleanup(func() {
			if s := stop(); s != "" {
				t.Logf("vite dev server stderr:\n%s", s)
			}
		})
		u, err := url.Parse("http://127.0.0.1:" + strings.TrimSpace(port))
		require.NoError(t, err)
		return httputil.NewSingleHostReverseProxy(u)
	}
}

// freePort returns a loopback port that nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// webpackBuild runs webpack (the config of the folder it runs in) and
// prints its errors and warnings as JSON.
const webpackBuild = `
const webpack = require(process.argv[1]);
webpack(require(require('path').resolve('webpack.config.js')), (err, stats) => {
  if (err) throw err;
  const {errors, warnings} = stats.toJson({all: false, errors: true, warnings: true});
  console.log(JSON.stringify({errors: errors.map(e => e.message), warnings: warnings.map(w => w.message)}));
});
`

// webpackApp: a site's webpack.config.js, no more than the entry and the
// output folder.
func webpackApp(t *testing.T, dir, base string) http.Handler {
	writeFile(t, dir, "webpack.config.js", `module.exports = {mode: 'production', entry: './app.js', output: {path: __dirname + '/dist'}};`)
	var result struct{ Errors, Warnings []string }
	require.NoError(t, json.Unmarshal([]byte(lastLine(runIn(t, dir, "node", "-e", webpackBuild, tool(t, "webpack")))), &result))
	assert.Empty(t, result.Errors, "webpack errors")
	// webpack's performance hints: the module (2.5 MB raw) is over its
	// 244 KiB. The README says so; anything else would be news.
	for _, w := range result.Warnings {
		assert.Regexp(t, `(?s)^(asset|entrypoint) size limit: .*\.wasm`, w, "webpack warns")
	}
	writeFile(t, dir, "dist/index.html", strings.Replace(indexHTML("main.js"), ` type="module"`, "", 1))
	return http.StripPrefix(base, staticDir{dir: filepath.Join(dir, "dist")})
}

// parcelApp: parcel build from index.html, with relative URLs (the app is
// served from a folder) and its cache in the app's folder.
func parcelApp(t *testing.T, dir, base string) http.Handler {
	out := runIn(t, dir, tool(t, ".bin/parcel"), "build", "index.html", "--dist-dir", "dist", "--public-url", "./",
		"--cache-dir", ".parcel-cache", "--no-source-maps", "--log-level", "warn")
	assert.Empty(t, strings.TrimSpace(out), "parcel build warns")
	return http.StripPrefix(base, staticDir{dir: filepath.Join(dir, "dist")})
}

// appGlobal says who put name on a bundled app's page, for the globals
// allowed there, or returns "". The package adds none: not wasm_exec.js's
// fs, process, path and Go, nor a bundler's wrapper of it, nor BrazeWasm
// (the script tag's).
func appGlobal(name string) string {
	switch {
	case slices.Contains([]string{"e2eNames", "e2eConfig", "e2eReady", "app"}, name):
		return "this test's page"
	case name == "analyticsWriteKey" || name == "__SEGMENT_INSPECTOR__":
		// Its write key and its hook for Segment's browser extension.
		return "Analytics.js"
	case name == "braze":
		return "the Braze SDK (its no-module build)"
	case name == "appboy":
		// The SDK's name before 4.0, over braze with appboyCompat
		// (the default), so that Segment's appboy snippets keep working.
		return "the shim, as the README says (analytics.ready and the Braze SDK)"
	case strings.HasPrefix(name, "webpackChunk"), strings.HasPrefix(name, "parcelRequire"):
		// The chunk registry of the app's bundle: analytics-next loads
		// its plugins as chunks, and the package its wasm_exec.js.
		return "the bundler"
	}
	return ""
}

// testBundledApp builds the app with b, serves it and opens it: the
// events reach the Braze backend (or, where the setup does not serve the
// module, the console says which file and why), and the page gains no
// global of ours.
func (a *scratchApp) testBundledApp(t *testing.T, b bundlerCase) {
	name := strings.ReplaceAll(b.name, " ", "-")
	dir, base := filepath.Join(a.dir, name), "/app/"+name+"/"
	writeFile(t, dir, "app.js", packageApp)
	writeFile(t, dir, "index.html", indexHTML("./app.js"))
	h := newHarness(t)
	h.mux.Handle(base, b.build(t, dir, base))

	settings := map[string]any{
		"api_key": testAPIKey, "endpoint": h.baseURL(), "sdkVersion": "6.13",
		"sdkUrl": h.site + vendorBrazePath, "doNotLoadFontAwesome": true,
	}
	config, err := json.Marshal(map[string]any{"settings": settings})
	require.NoError(t, err)
	tb := newTab(t)
	// Before any script of the page: the names the browser gave it.
	tb.onNewDocument(`window.e2eNames = Object.getOwnPropertyNames(window); window.e2eConfig = ` + string(config) + `;`)
	tb.navigate(h.site + base + "index.html")
	// A dev server pre-bundles on the first request.
	tb.poll(`window.e2eReady === true`, busyWait)
	st := eval[shimStatus](tb, `app.status()`)
	if b.blocked != "" {
		assert.Equal(t, "blocked", st.State, "status: %+v", st)
		errs := shimMessages(tb, "error")
		if assert.Len(t, errs, 1, "one console error from the shim:%s", tb.consoleText()) {
			assert.Contains(t, errs[0], "cannot load "+h.site+base+b.blocked+": ", "the error names the file")
			assert.Contains(t, errs[0], "not served by your bundler or dev server (Vite: optimizeDeps.exclude, README)", "and says why")
		}
		// The rest of the app works: Analytics.js sends to Segment.
		eval[bool](tb, `app.analytics.track('Bundled').then(() => true)`)
		waitSegment(t, h, tb, "/v1/t")
		assertAppGlobals(t, tb)
		return
	}
	require.Equal(t, "ready", st.State, "status after analytics.ready: %+v%s", st, tb.consoleText())
	assert.Equal(t, "6.13", st.SDKVersion)

	eval[bool](tb, `(async () => {
  await app.analytics.identify('pkg-user', {email: 'pkg@example.com', plan: 'team'});
  await app.analytics.track('Bundled', {from: 'npm'});
  return true;
})()`)
	bodies := h.waitFor(tb, busyWait, `app.sdk() && app.sdk().requestImmediateDataFlush()`, func(bodies []BrazeBody) bool {
		_, ok := customEvent(bodies, "Bundled")
		return ok && userAttributes(bodies, "pkg-user")["email"] != nil
	})
	ev, _ := customEvent(bodies, "Bundled")
	assert.Equal(t, "pkg-user", ev.UserID)
	assert.Equal(t, map[string]any{"from": "npm"}, ev.Data.Properties())
	assert.Equal(t, "team", userAttributes(bodies, "pkg-user").Custom()["plan"])
	for _, b := range bodies {
		assert.Equal(t, testAPIKey, b.APIKey)
		assert.Equal(t, brazeSDKVersion, b.SDKVersion)
	}
	waitSegment(t, h, tb, "/v1/t") // Analytics.js sent the track to Segment too
	assert.Empty(t, shimMessages(tb, "error"))
	assertAppGlobals(t, tb)
}

// waitSegment waits until Analytics.js has called Segment's API at path.
func waitSegment(t *testing.T, h *harness, tb *tab, path string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, busyWait)
	defer cancel()
	_, err := h.srv.Requests.Wait(ctx, func(reqs []Request) bool {
		return slices.ContainsFunc(reqs, func(r Request) bool { return r.Kind == kindSegment && r.Path == path })
	})
	require.NoError(t, err, "Analytics.js never called %s; Segment calls: %q%s", path, h.segmentCalls(), tb.consoleText())
}

// assertAppGlobals fails t for each global the page gained since
// onNewDocument that appGlobal does not allow.
func assertAppGlobals(t *testing.T, tb *tab) {
	t.Helper()
	added := eval[[]string](tb, `Object.getOwnPropertyNames(window).filter(k => !e2eNames.includes(k))`)
	t.Logf("globals added: %q", added)
	for _, k := range added {
		if appGlobal(k) == "" {
			t.Errorf("the page gained the global %q, not allowed (appGlobal)", k)
		}
	}
}

// packageTypes uses every part of the public API with its types, and
// misuses a few: an unused @ts-expect-error is itself an error, so the file
// fails to check if the types were any.
const packageTypes = `import {AnalyticsBrowser, type Plugin} from '@segment/analytics-next';
import brazeWasm, {destination, status, whenReady, sdk, onInAppMessage, plan,
  type Settings, type Status, type InAppMessage, type DestinationMiddleware} from 'segment-braze-wasm';

const classic: Settings = {apiKey: 'k', version: '6.13', datacenter: 'eu', onlyTrackKnownUsersOnWeb: true, trackAllPages: true, consentCategories: ['C0004']};
const actions: Settings = {api_key: 'k', sdkVersion: '4.6', endpoint: 'sdk.iad-01.braze.com', deferUntilIdentified: false, doNotLoadFontAwesome: true};
const plugin: Plugin = destination(classic);
AnalyticsBrowser.load({writeKey: 'w', plugins: [plugin, destination(actions)]});

const s: Status = status();
const state: 'loading' | 'deferred' | 'ready' | 'blocked' | 'failed' | 'unloaded' = s.state;
const sent: number = s.counts.sent;
const conflicts: string[] | undefined = s.conflicts;
whenReady(1000).then((st: Status) => st.lastError?.toUpperCase());
onInAppMessage((m: InAppMessage) => m.extras?.['msg-id']);
plan(classic, [{type: 'track', event: 'E', properties: {a: 1}}], {initialUserId: 'u'})
  .then(p => p.calls.map(c => c.method + c.dataPoints));
const mw: DestinationMiddleware = async ({payload, integration, next}) => next(integration ? payload : null);
destination(classic).addMiddleware(mw, ({payload, next}) => { payload.obj.properties = {}; next(payload); });
sdk();
brazeWasm.status();
window.BrazeWasm?.whenReady();

// @ts-expect-error apiKey is a string
destination({apiKey: 5});
// @ts-expect-error consentCategories is an array of names
destination({apiKey: 'k', consentCategories: 'C0004'});
// @ts-expect-error anonymousEvents is 'drop' or 'buffer'
destination({apiKey: 'k', anonymousEvents: 'keep'});
// @ts-expect-error no such state
const bad: Status['state'] = 'started';
// @ts-expect-error onInAppMessage takes a function
onInAppMessage('nope');
export {state, sent, conflicts, bad};
`

func (a *scratchApp) testTypes(t *testing.T) {
	// Against analytics-next's own types: skipLibCheck spares checking all
	// of them (10 s on a busy machine); ours are checked just below.
	writeFile(t, a.dir, "src/check.ts", packageTypes)
	writeFile(t, a.dir, "tsconfig.json", `{
  "compilerOptions": {
    "strict": true, "noEmit": true, "target": "es2020", "module": "esnext", "skipLibCheck": true,
    "moduleResolution": "bundler", "lib": ["es2020", "dom"], "types": []
  },
  "files": ["src/check.ts"]
}`)
	runIn(t, a.dir, tool(t, ".bin/tsc"), "-p", ".")

	// Our declaration files themselves, and the CommonJS types for a
	// project that require()s the package.
	writeFile(t, a.dir, "src/check.cts", `import bw = require('segment-braze-wasm');
const s: import('segment-braze-wasm').Status = bw.status();
bw.destination({apiKey: 'k'});
export = s;
`)
	writeFile(t, a.dir, "tsconfig.cjs.json", `{
  "compilerOptions": {"strict": true, "noEmit": true, "target": "es2020", "module": "nodenext",
    "moduleResolution": "nodenext", "lib": ["es2020", "dom"], "types": []},
  "files": ["src/check.cts", "node_modules/segment-braze-wasm/braze-wasm.d.mts", "node_modules/segment-braze-wasm/braze-wasm.d.cts"]
}`)
	runIn(t, a.dir, tool(t, ".bin/tsc"), "-p", "tsconfig.cjs.json")
}

// testServer imports the package where there is no window: Node's
// require() and import, as an SSR server does. Neither may throw, and the
// API answers.
func (a *scratchApp) testServer(t *testing.T) {
	for _, tc := range []struct{ name, args, script string }{
		{"require", "-e", `const bw = require('segment-braze-wasm');
if (typeof bw.destination !== 'function' || bw.status().state !== 'loading') throw Error('bad exports: ' + Object.keys(bw));
console.log('ok');`},
		{"import", "--input-type=module", `import bw, {destination, status} from 'segment-braze-wasm';
import {createRequire} from 'node:module';
if (typeof destination !== 'function' || bw.status !== status) throw Error('bad exports');
const script = createRequire(import.meta.url).resolve('segment-braze-wasm/script');
if (!script.endsWith('braze-wasm.js')) throw Error('script subpath: ' + script);
console.log('ok');`},
	} {
		args := []string{tc.args, tc.script}
		if tc.args != "-e" {
			args = []string{tc.args, "-e", tc.script}
		}
		out, err := command(a.dir, "node", args...).CombinedOutput()
		if assert.NoError(t, err, "%s: %s", tc.name, out) {
			assert.Equal(t, "ok", strings.TrimSpace(string(out)), tc.name)
		}
	}
}

// testPlanCommand: the package's braze-wasm-plan prints the boot plan for
// a settings file (or stdin), null with consentCategories, and stops with
// Go's message for settings Go refuses.
func testPlanCommand(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "settings.json", `{"apiKey": "k", "endpoint": "sdk.fra-01.braze.eu", "version": "3.5"}`)
	cmd := filepath.Join(testPackageDir, "bootplan.js")
	out := runIn(t, dir, "node", mustAbs(t, cmd), "settings.json")
	var plan struct {
		Settings string
		Build    string
		SDKURL   string `json:"sdkUrl"`
		Known    [][]any
	}
	require.NoError(t, json.Unmarshal([]byte(out), &plan), out)
	assert.Regexp(t, `^[0-9a-f]{16}$`, plan.Build, "the build the package's module takes plans of")
	assert.Equal(t, `{"apiKey":"k","endpoint":"sdk.fra-01.braze.eu","version":"3.5"}`, plan.Settings, "the settings as the shim hands them to Go")
	assert.Equal(t, "https://js.appboycdn.com/web-sdk/3.5/appboy.no-amd.min.js", plan.SDKURL)
	if assert.Len(t, plan.Known, 4) {
		assert.Equal(t, []any{"changeUser", "\uE000i"}, plan.Known[2])
	}
	assert.NotContains(t, out, "\uE000", "placeholders escaped: the file reads the same in any charset")

	writeFile(t, dir, "consent.json", `{"apiKey": "k", "consentCategories": ["C0004"]}`)
	stdout, err := command(dir, "node", mustAbs(t, cmd), "consent.json").Output()
	require.NoError(t, err)
	assert.Equal(t, "null\n", string(stdout), "on stdout; stderr says why")

	writeFile(t, dir, "bad.json", `{"version": "6"}`)
	bad, err := command(dir, "node", mustAbs(t, cmd), "bad.json").CombinedOutput()
	require.Error(t, err)
	assert.Contains(t, string(bad), "apiKey: missing")
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	require.NoError(t, err)
	return a
}
