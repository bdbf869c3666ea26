package main

// The npm package as a site uses it (issue 10 §1): `make package` folder,
// packed with npm pack, installed offline into a scratch app, bundled with
// esbuild next to the real @segment/analytics-next, served and opened in
// Chromium; the types checked with tsc; imported on a server with node.

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPackageDir = "../build/package"

// scratchApp is a site's own project with segment-braze-wasm installed from
// the packed tarball.
type scratchApp struct {
	t   *testing.T
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
	a := &scratchApp{t: t, dir: filepath.Join(tmp, "app")}
	pkg, err := filepath.Abs(testPackageDir)
	require.NoError(t, err)
	tarball := strings.TrimSpace(lastLine(a.run(tmp, "npm", "pack", "--silent", "--pack-destination", tmp, pkg)))
	require.NoError(t, os.MkdirAll(filepath.Join(a.dir, "node_modules"), 0o755))
	a.write("package.json", `{"name": "scratch-app", "private": true}`)
	a.run(a.dir, "npm", "install", "--offline", "--no-audit", "--no-fund", filepath.Join(tmp, tarball))
	segment, err := filepath.Abs(filepath.Join(testNodeModulesDir, "@segment"))
	require.NoError(t, err)
	require.NoError(t, os.Symlink(segment, filepath.Join(a.dir, "node_modules", "@segment")))
	return a
}

func (a *scratchApp) write(name, content string) {
	a.t.Helper()
	p := filepath.Join(a.dir, name)
	require.NoError(a.t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(a.t, os.WriteFile(p, []byte(content), 0o644))
}

// run runs a command in dir and returns its output; a failure fails the test
// with the output.
func (a *scratchApp) run(dir, name string, args ...string) string {
	a.t.Helper()
	out, err := a.exec(dir, name, args...)
	if err != nil {
		a.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

func (a *scratchApp) exec(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// tool returns the absolute path of a binary of web/node_modules/.bin.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(testNodeModulesDir, ".bin", name))
	require.NoError(t, err)
	return p
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// packageApp is the scratch app's entry: what the README shows.
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

// TestPackage packs and installs the package once; its subtests use it as
// a site, a TypeScript project and a server would.
func TestPackage(t *testing.T) {
	requireBuild(t)
	t.Parallel()
	a := newScratchApp(t)
	t.Run("server", a.testServer)
	t.Run("types", a.testTypes)
	t.Run("bundled app", a.testBundledApp)
}

func (a *scratchApp) testBundledApp(t *testing.T) {
	a.t = t
	a.write("src/app.js", packageApp)
	// The README's recipe for esbuild: an ES module bundle, and the two
	// files copied beside it, where new URL(..., import.meta.url) finds them.
	a.run(a.dir, tool(t, "esbuild"), "--bundle", "--format=esm", "--log-level=warning", "--outdir=dist", "src/app.js")
	for _, f := range []string{"braze-wasm.wasm", "wasm_exec.js"} {
		a.run(a.dir, "cp", filepath.Join("node_modules", "segment-braze-wasm", f), "dist/")
	}

	h := newHarness(t)
	settings := map[string]any{
		"api_key": testAPIKey, "endpoint": h.baseURL(), "sdkVersion": "6.13",
		"sdkUrl": h.site + vendorBrazePath, "doNotLoadFontAwesome": true,
	}
	config, err := json.Marshal(map[string]any{"settings": settings})
	require.NoError(t, err)
	a.write("dist/index.html", `<!doctype html><meta charset="utf-8"><title>bundled app</title>
<link rel="icon" href="data:,">
<script>window.e2eConfig = `+string(config)+`;</script>
<script type="module" src="app.js"></script>`)
	h.mux.Handle("GET /app/", http.StripPrefix("/app/", staticDir{dir: filepath.Join(a.dir, "dist")}))

	tb := newTab(t)
	tb.navigate(h.site + "/app/index.html")
	tb.poll(`window.e2eReady === true`, 10*time.Second)
	st := eval[shimStatus](tb, `app.status()`)
	require.Equal(t, "ready", st.State, "status after analytics.ready: %+v%s", st, tb.consoleText())
	assert.Equal(t, "6.13", st.SDKVersion)

	eval[bool](tb, `(async () => {
  await app.analytics.identify('pkg-user', {email: 'pkg@example.com', plan: 'team'});
  await app.analytics.track('Bundled', {from: 'npm'});
  return true;
})()`)
	bodies := h.waitFor(tb, 10*time.Second, `app.sdk() && app.sdk().requestImmediateDataFlush()`, func(bodies []BrazeBody) bool {
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
	assert.Contains(t, h.segmentCalls(), "/v1/t", "Analytics.js sent the track to Segment too")
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
	a.t = t
	// Against analytics-next's own types: skipLibCheck spares checking all
	// of them (10 s on a busy machine); ours are checked just below.
	a.write("src/check.ts", packageTypes)
	a.write("tsconfig.json", `{
  "compilerOptions": {
    "strict": true, "noEmit": true, "target": "es2020", "module": "esnext", "skipLibCheck": true,
    "moduleResolution": "bundler", "lib": ["es2020", "dom"], "types": []
  },
  "files": ["src/check.ts"]
}`)
	a.run(a.dir, tool(t, "tsc"), "-p", ".")

	// Our declaration files themselves, and the CommonJS types for a
	// project that require()s the package.
	a.write("src/check.cts", `import bw = require('segment-braze-wasm');
const s: import('segment-braze-wasm').Status = bw.status();
bw.destination({apiKey: 'k'});
export = s;
`)
	a.write("tsconfig.cjs.json", `{
  "compilerOptions": {"strict": true, "noEmit": true, "target": "es2020", "module": "nodenext",
    "moduleResolution": "nodenext", "lib": ["es2020", "dom"], "types": []},
  "files": ["src/check.cts", "node_modules/segment-braze-wasm/braze-wasm.d.mts", "node_modules/segment-braze-wasm/braze-wasm.d.cts"]
}`)
	a.run(a.dir, tool(t, "tsc"), "-p", "tsconfig.cjs.json")
}

// testServer imports the package where there is no window: Node's
// require() and import, as an SSR server does. Neither may throw, and the
// API answers.
func (a *scratchApp) testServer(t *testing.T) {
	a.t = t
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
		out, err := a.exec(a.dir, "node", args...)
		if assert.NoError(t, err, "%s: %s", tc.name, out) {
			assert.Equal(t, "ok", strings.TrimSpace(out), tc.name)
		}
	}
}
