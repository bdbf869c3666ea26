package main

// The browser benchmark of make bench (issues 5 and 9): the same page, the
// same events, three destinations registered in turn with the real
// Analytics.js in real Chromium: a no-op destination (the floor), Segment's
// "Braze Web Mode (Actions)" plugin (the peer) and ours. Loads are
// interleaved (floor, peer, ours, floor, ...) so that drift on this shared
// machine hits all three. Each load is cold (a fresh browser context: empty
// cache and storage), followed by a repeat view in the same tab; every
// benchBurstEvery-th round adds a burst page: 1,000 events fired before
// anything loaded, with the peer loaded as a remote plugin from the CDN
// settings, as Segment loads it. Then the network part (bench_net_test.go).
// Every script, JSON and HTML file goes brotli, as from a CDN. It runs only
// when BENCH_OUT names the JSON file to write; go run ./bench turns it into
// bench/report.md. Timings are never asserted.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/segment-braze-wasm/segment-braze-wasm/bench/result"
)

// Bench sizes: benchLoads rounds; in each, a cold load per destination
// sends benchTrack events through analytics.track and benchLatency one at
// a time to the destination; every benchHeavyEvery-th round then sends
// benchThroughput at once and more until benchTotal, reads memory, and
// sends benchLatency more one at a time (warm). Every benchBurstEvery-th
// round has a burst page for the peer and ours. BENCH_LOADS overrides the
// rounds.
const (
	benchLoads      = 10
	benchHeavyEvery = 3
	benchBurstEvery = 5
	benchTrack      = 20
	benchLatency    = 400
	benchThroughput = 2000
	benchTotal      = 10000
	benchBurst      = 1000
	benchTimeoutS   = 90 // per page
)

// benchPeerSDK is the Braze SDK both Braze destinations get: the version
// nested under the peer (the newest it can run is 4.x), from its npm
// package, served for every js.appboycdn.com URL.
const benchPeerSDKFile = "braze-peer.no-module.min.js"

// benchPeerName is the peer's name in Segment's settings.
const benchPeerName = "Braze Web Mode (Actions)"

func TestBrowserBench(t *testing.T) {
	out := os.Getenv("BENCH_OUT")
	if out == "" {
		t.Skip("the browser benchmark runs with make bench (BENCH_OUT=file)")
	}
	requireBuild(t)
	requireNpm(t)
	local := filepath.Join(testNodeModulesDir, ".local")
	sdk, err := os.ReadFile(filepath.Join(local, benchPeerSDKFile))
	if err != nil {
		t.Fatalf("%v: run make deps-bench", err)
	}
	peerBundle, err := filepath.Glob(filepath.Join(local, "peer-actions-braze-*.js"))
	if err != nil || len(peerBundle) != 1 {
		t.Fatalf("the peer bundle is missing from %s: run make deps-bench", local)
	}
	loads := benchLoads
	if n, err := strconv.Atoi(os.Getenv("BENCH_LOADS")); err == nil && n >= 0 {
		loads = n
	}

	// BENCH_BUILD measures another build of ours (a before/after
	// comparison): a folder with braze-wasm.wasm, braze-wasm.js,
	// wasm_exec.js and planner/ (the boot plan's maker), as make build.
	build := testBuildDir
	if b := os.Getenv("BENCH_BUILD"); b != "" {
		build = b
	}
	srv := NewServer(Config{Build: build, NodeModules: testNodeModulesDir})
	backend := httptest.NewServer(srv.BackendHandler())
	defer backend.Close()
	// Ours as a site gets it from make dist or the npm build step: with
	// the boot plan for its settings, made by the module under test.
	ours := benchOurs{settings: map[string]any{"apiKey": "bench-api-key", "version": "4.10",
		"baseUrl": backend.URL + "/api/v3", "automaticallyDisplayMessages": false}}
	ours.plan = bootPlanIn(t, build, ours.settings)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /bench/{page}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		// Cross-origin isolated: performance.now() at 5 us, not 100 us.
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
		w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		q := r.URL.Query()
		w.Write([]byte(benchHTML(r.PathValue("page"), srv.build.prefix(), benchPageOptions{Hero: q.Has("hero"), Visit: q.Get("visit"), Ours: ours})))
	})
	// Both destinations' scripts are cached as on a production CDN: ours
	// under its content hash (srv.build.prefix), the peer's here.
	peerFile := staticFile{dir: local, name: filepath.Base(peerBundle[0])}
	mux.HandleFunc("GET /bench-assets/peer.js", func(w http.ResponseWriter, r *http.Request) {
		peerFile.ServeHTTP(cacheControl{w, immutable}, r)
	})
	hero := benchHero(t)
	mux.HandleFunc("GET /bench-assets/hero.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Header().Set("Cache-Control", immutable)
		w.Write(hero)
	})
	// The peer as Segment's CDN settings list it (rpeer, and the peer's
	// burst page): a remote plugin under the write key of its pages.
	var peerPlugin map[string]any
	mux.HandleFunc("GET /v1/projects/"+benchRemoteWriteKey+"/settings", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		json.NewEncoder(w).Encode(cdnSettings{
			Integrations:  map[string]map[string]any{"Segment.io": {"apiKey": benchRemoteWriteKey}},
			RemotePlugins: []any{peerPlugin},
			Metrics:       map[string]any{"sampleRate": 0},
		})
	})
	mux.Handle("/", srv.Handler())
	// Every file of every destination goes brotli, as from a CDN: ours
	// has its .br copies, the rest is compressed here.
	br := &brotliCache{t: t}
	site := httptest.NewServer(br.wrap(mux))
	defer site.Close()

	// js.appboycdn.com, where the peer loads the SDK from, is this HTTPS
	// server (the browser resolves the name to it and takes its
	// certificate), with the SDK cached as on the real CDN.
	cdn := httptest.NewTLSServer(br.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Cache-Control", immutable)
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
		// The page may read the transfer sizes.
		w.Header().Set("Timing-Allow-Origin", "*")
		w.Write(sdk)
	})))
	defer cdn.Close()
	browserCtx, stop := benchBrowser(t, cdn.Listener.Addr().String())
	defer stop()
	// The peer as a remote plugin, which Analytics.js loads from url and
	// makes with window[libraryName], its presets as subscriptions (read
	// from its bundle in the browser).
	peerPlugin = map[string]any{
		"name": benchPeerName, "creationName": benchPeerName, "libraryName": "brazeDestination",
		"url": site.URL + "/bench-assets/peer.js",
		"settings": map[string]any{
			"api_key": "bench-api-key", "endpoint": "sdk.iad-01.braze.com", "sdkVersion": "4.6",
			"doNotLoadFontAwesome": true, "automaticallyDisplayMessages": false,
			"subscriptions": benchPeerSubscriptions(t, browserCtx, site.URL),
		},
	}

	dests := []result.Destination{
		{Name: "floor", About: "a no-op destination plugin: Analytics.js alone"},
		{Name: "peer", About: "@segment/analytics-browser-actions-braze " + strings.TrimSuffix(strings.TrimPrefix(filepath.Base(peerBundle[0]), "peer-actions-braze-"), ".js") + ", sdkVersion 4.6"},
		{Name: "ours", About: "braze-wasm (" + build + "), version 4.10, with the boot plan make dist writes"},
	}
	only := os.Getenv("BENCH_DESTS") // e.g. "peer,ours" while debugging
	backendURL := "?backend=" + backend.URL
	for i := range loads {
		heavy := i%benchHeavyEvery == 0
		for d := range dests {
			name := dests[d].Name
			if only != "" && !slices.Contains(strings.Split(only, ","), name) {
				continue
			}
			l := benchRun(t, browserCtx, site.URL+"/bench/"+name+backendURL, heavy)
			t.Logf("%s load %d: ready %.1f ms (repeat %.1f), track %.0f us, latency %.1f us, total %.0f us/event, warm %.1f us, %.0f events/s, wasm %.1f MiB",
				name, i+1, l.ReadyMs, l.RepeatReadyMs, median(l.TrackUs), median(l.LatencyUs), l.TotalUs, median(l.WarmUs), l.EventsPerS, l.WasmBytes/(1<<20))
			dests[d].Loads = append(dests[d].Loads, l)
			if i%benchBurstEvery == 0 && name != "floor" {
				b := benchBurstRun(t, browserCtx, srv, site.URL+"/bench/burst-"+name+backendURL)
				t.Logf("%s burst %d: %d reached the SDK (in order %v), %d the backend in %d requests (in order %v); first %.0f ms, last %.0f ms, ready %.0f ms; longest task %.0f ms after the first SDK call, %.0f ms before",
					name, i+1, b.Reached, b.InOrder, b.Backend, b.Requests, b.BackendInOrder, b.FirstMs, b.LastMs, b.ReadyMs, b.FreezeMs, b.BeforeMs)
				dests[d].Burst = append(dests[d].Burst, b)
			}
		}
	}
	if only != "" {
		dests = slices.DeleteFunc(dests, func(d result.Destination) bool { return len(d.Loads) == 0 })
	}
	network := benchNetwork(t, browserCtx, srv, site.URL, backendURL, len(hero))
	b, err := json.MarshalIndent(result.Browser{
		Chromium:   benchChromiumVersion(t, browserCtx),
		Track:      benchTrack,
		Latency:    benchLatency,
		Throughput: benchThroughput,
		Total:      benchTotal,
		Burst:      benchBurst,
		Loads:      loads,
		HeavyEvery: benchHeavyEvery,
		BurstEvery: benchBurstEvery,
		SDK:        "@braze/web-sdk nested under the peer (" + benchPeerSDKFile + "), served as js.appboycdn.com by a local HTTPS server",
		Results:    dests,
		Network:    network,
	}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// benchBrowser starts a Chromium of its own, with precise JS heap figures
// and gc() exposed, which the shared test browser has not, and
// js.appboycdn.com at cdn (host:port).
func benchBrowser(t *testing.T, cdn string) (context.Context, func()) {
	path, err := chromiumPath()
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("enable-precise-memory-info", true),
		chromedp.Flag("js-flags", "--expose-gc"),
		chromedp.Flag("host-resolver-rules", "MAP js.appboycdn.com:443 "+cdn),
		chromedp.Flag("ignore-certificate-errors", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx, func() { cancel(); cancelAlloc() }
}

func benchChromiumVersion(t *testing.T, ctx context.Context) string {
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string]("navigator.userAgent"))
	if err != nil {
		t.Logf("user agent: %v", err)
	}
	return v
}

// benchPeerSubscriptions returns the peer's presets, all enabled: the
// subscriptions of its settings, as a Segment workspace has them by default.
func benchPeerSubscriptions(t *testing.T, browserCtx context.Context, site string) []any {
	p := newBenchPage(t, browserCtx)
	defer p.close()
	err := chromedp.Do(p.ctx, chromedp.Navigate(site+"/bench/presets"))
	var subs []any
	if err == nil {
		subs, err = chromedp.Run(p.ctx, chromedp.Evaluate[[]any](`brazeDestinationPresets.map(p => ({...p, enabled: true}))`))
	}
	if err != nil || len(subs) == 0 {
		p.fail("reading the peer's presets: %v (%d)", err, len(subs))
	}
	return subs
}

// benchPage is one tab in a fresh browser context, with its console kept
// for failure messages.
type benchPage struct {
	t      *testing.T
	ctx    context.Context
	cancel func()
	wg     sync.WaitGroup

	mu      sync.Mutex
	console []string
}

func newBenchPage(t *testing.T, browserCtx context.Context) *benchPage {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	p := &benchPage{t: t, ctx: ctx, cancel: cancel}
	messages := chromedp.Console(ctx)
	p.wg.Go(func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.console = append(p.console, formatMessage(m))
			p.mu.Unlock()
		}
	})
	return p
}

func (p *benchPage) close() {
	p.cancel()
	p.wg.Wait()
}

// fail ends the benchmark with the page's console.
func (p *benchPage) fail(format string, args ...any) {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.t.Fatalf(format+"\nconsole:\n\t%s", append(args, strings.Join(p.console, "\n\t"))...)
}

// open navigates to url and waits until the SDK's openSession.
func (p *benchPage) open(url string) float64 {
	p.t.Helper()
	err := chromedp.Do(p.ctx, chromedp.Navigate(url))
	var ready float64
	if err == nil {
		ready, err = chromedp.Run(p.ctx, chromedp.Poll[float64]("window.__bench && __bench.ready >= 0 && __bench.ready",
			chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)))
	}
	if err != nil {
		p.fail("loading %s: %v", url, err)
	}
	return ready
}

// benchRun makes one cold page load, runs the events, and views the page
// again in the same tab.
func benchRun(t *testing.T, browserCtx context.Context, url string, heavy bool) result.Load {
	t.Helper()
	p := newBenchPage(t, browserCtx)
	defer p.close()
	p.open(url)
	runCtx, cancelRun := context.WithTimeout(p.ctx, benchTimeoutS*time.Second)
	defer cancelRun()
	l, err := chromedp.Run(runCtx, chromedp.Evaluate[result.Load](
		"__bench.run("+strconv.Itoa(benchTrack)+","+strconv.Itoa(benchLatency)+","+strconv.Itoa(benchThroughput)+","+strconv.Itoa(benchTotal)+","+strconv.FormatBool(heavy)+")",
		chromedp.EvalAwaitPromise))
	if err != nil {
		state, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`JSON.stringify({calls: __bench.calls, goal: __bench.goal,
			plugins: __bench.plugins.map(p => p.name + (p.isLoaded() ? ' loaded' : '')), sdk: Object.keys(window.braze || {}).length})`))
		p.fail("running %s: %v\npage state: %s", url, err, state)
	}
	// The repeat view starts with what the SDK left unsent sent, as after
	// a page that lived longer than the benchmark's.
	if _, err := chromedp.Run(runCtx, chromedp.Evaluate[chromedp.Void](`__bench.settle()`, chromedp.EvalAwaitPromise)); err != nil {
		p.fail("flushing %s: %v", url, err)
	}
	l.RepeatReadyMs = p.open(url)
	return l
}

// benchBurstRun loads a burst page in a fresh browser context and waits
// until every event reached the SDK and the backend.
func benchBurstRun(t *testing.T, browserCtx context.Context, srv *Server, url string) result.BurstLoad {
	t.Helper()
	p := newBenchPage(t, browserCtx)
	defer p.close()
	var seq int64
	for _, r := range srv.Requests.Since(0) {
		seq = max(seq, r.Seq)
	}
	ctx, cancel := context.WithTimeout(p.ctx, benchTimeoutS*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.Poll[chromedp.Void]("window.__bench && __bench.lastBurst >= 0 && __bench.readyAt >= 0",
			chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(benchTimeoutS*time.Second)))
	var b result.BurstLoad
	if err == nil {
		b, err = chromedp.Run(ctx, chromedp.Evaluate[result.BurstLoad](`__bench.burstResult(`+strconv.Itoa(benchBurst)+`)`))
	}
	if err != nil {
		state, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`JSON.stringify({reached: __bench.burst.length, readyAt: __bench.readyAt})`))
		p.fail("burst %s: %v\npage state: %s", url, err, state)
	}
	// What the SDK still holds goes out on a flush, as its timer would.
	go every(ctx, 250*time.Millisecond, `window.braze && braze.requestImmediateDataFlush()`)
	reqs, err := srv.Requests.Wait(ctx, func(reqs []Request) bool {
		return len(burstOrder(brazeBodies(t, since(reqs, seq)))) >= benchBurst
	})
	bodies := brazeBodies(t, since(reqs, seq))
	got := burstOrder(bodies)
	b.Backend = len(got)
	b.BackendInOrder = slices.Equal(got, allBurst())
	for _, body := range bodies {
		if len(burstOrder([]BrazeBody{body})) > 0 {
			b.Requests++
		}
	}
	if err != nil {
		t.Logf("burst %s: %d of %d events reached the backend: %v", url, b.Backend, benchBurst, err)
	}
	return b
}

// since returns the requests of reqs after seq.
func since(reqs []Request, seq int64) []Request {
	return slices.DeleteFunc(slices.Clone(reqs), func(r Request) bool { return r.Seq <= seq })
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// benchPageOptions are the parts of a destination's page that the
// network part adds: the hero image, the page's largest content; and for a
// short visit, the track event of the visit named Visit (the page the
// visitor goes on to has none).
type benchPageOptions struct {
	Hero  bool
	Visit string
	Ours  benchOurs
}

// benchOurs is how the bench's pages set up ours: its settings and the
// boot plan made for them.
type benchOurs struct {
	settings map[string]any
	plan     string
}

// benchRemoteWriteKey is the write key of the pages whose CDN settings list
// the peer as a remote plugin (rpeer, burst-peer).
const benchRemoteWriteKey = "bench-remote-key"

// benchHTML returns the page called name: a destination's ("floor",
// "peer", "rpeer", "ours"), a burst page ("burst-peer", "burst-ours"), or
// "presets". build is the URL folder of our build. The instrumentation
// comes first, then the Segment snippet (without the Segment.io
// destination, so that no tracking API traffic adds to the figures), the
// destination's script, its registration. The peer of a burst page is
// rpeer: a remote plugin in the CDN settings.
func benchHTML(name, build string, opt benchPageOptions) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench ` + name + `</title>
<link rel="icon" href="data:,">
`)
	if name == "presets" {
		b.WriteString(`<script src="/bench-assets/peer.js"></script></head></html>`)
		return b.String()
	}
	dest, burst := strings.CutPrefix(name, "burst-")
	if burst && dest == "peer" {
		dest = "rpeer"
	}
	writeKey := "bench-write-key"
	if dest == "rpeer" {
		writeKey = benchRemoteWriteKey
	}
	b.WriteString(`<script>` + benchInstrument + `</script>
<script>` + strings.ReplaceAll(benchSnippet, "bench-write-key", writeKey) + `</script>
`)
	switch {
	case dest == "ours":
		// What make dist gives a site: the shim, with the boot plan (in the
		// npm package's form: destination(settings, plan)).
		settings, _ := json.Marshal(opt.Ours.settings) // the plan's own text of them
		b.WriteString(`<script src="` + build + `braze-wasm.js"></script>
<script>
__bench.register(BrazeWasm.destination(` + string(settings) + `, ` + opt.Ours.plan + `));
</script>`)
	case dest == "rpeer":
		// Analytics.js loads it from the CDN settings.
		b.WriteString(`<script>window.BRAZE_BASE_URL = __bench.backend + '/api/v3';</script>`)
	case dest == "peer":
		b.WriteString(`<script src="/bench-assets/peer.js"></script>
<script>
window.BRAZE_BASE_URL = __bench.backend + '/api/v3';
brazeDestination({api_key: 'bench-api-key', endpoint: 'sdk.iad-01.braze.com', sdkVersion: '4.6',
  doNotLoadFontAwesome: true, automaticallyDisplayMessages: false,
  subscriptions: brazeDestinationPresets.map(p => ({...p, enabled: true}))})
  .then(plugins => __bench.register(...plugins));
</script>`)
	default:
		b.WriteString(`<script>
const floorSDK = __bench.wrap({openSession() {}, logCustomEvent() {}, logPurchase() {}});
__bench.register({name: 'Floor (no-op)', type: 'destination', version: '1.0.0', isLoaded: () => true,
  load: () => { floorSDK.openSession(); return Promise.resolve(); },
  track: ctx => {
    const e = ctx.event;
    if (e.event == 'Order Completed') e.properties.products.forEach(p => floorSDK.logPurchase(p.product_id, p.price, 'USD', p.quantity || 1, {}));
    else floorSDK.logCustomEvent(e.event, e.properties);
    return ctx;
  },
  identify: ctx => ctx, page: ctx => ctx, group: ctx => ctx});
</script>`)
	}
	if burst {
		b.WriteString(`
<script>
analytics.ready(() => { __bench.readyAt = performance.now() - __bench.t0; });
for (let i = 0; i < ` + strconv.Itoa(benchBurst) + `; i++) analytics.track('Burst', {i});
</script>`)
	}
	if opt.Visit != "" {
		b.WriteString(`
<script>analytics.page(); analytics.track('Short Visit', {visit: ` + strconv.Quote(opt.Visit) + `});</script>`)
	} else if opt.Hero {
		b.WriteString(`
<script>analytics.page();</script>`)
	}
	b.WriteString("\n</head><body>")
	if opt.Hero {
		b.WriteString(`<h1>Bags for every day</h1>
<img src="/bench-assets/hero.jpg" width="720" height="405" alt="A bag" elementtiming="hero">
<p>The shop's own content: its largest paint is the hero image above.</p>`)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// benchInstrument runs first. It wraps the SDK methods the destinations
// call (openSession, logCustomEvent, logPurchase) by trapping the
// window.braze assignment of the SDK bundle, notes wasm linear memory and
// long tasks, and holds the run.
var benchInstrument = `
window.__bench = {t0: performance.now(), ready: -1, calls: 0, goal: 0, done: null, sdkUs: 0, sdkN: 0, stub: false,
  backend: new URLSearchParams(location.search).get('backend'), longTasks: [], burst: [], firstBurst: -1, lastBurst: -1, readyAt: -1};
(() => {
  const B = window.__bench, WRAP = new Set(['openSession', 'logCustomEvent', 'logPurchase']);
  new PerformanceObserver(l => l.getEntries().forEach(e => B.longTasks.push([e.startTime, e.duration])))
    .observe({type: 'longtask', buffered: true});
  // The page's largest contentful paint, from navigation start.
  B.lcp = -1;
  new PerformanceObserver(l => l.getEntries().forEach(e => { B.lcp = e.startTime; B.lcpUrl = e.url; }))
    .observe({type: 'largest-contentful-paint', buffered: true});
  // The hero image's own paint (Element Timing), should Chromium not make
  // it a largest-contentful-paint entry.
  B.hero = -1;
  new PerformanceObserver(l => l.getEntries().forEach(e => { if (e.identifier == 'hero') B.hero = e.renderTime || e.loadTime; }))
    .observe({type: 'element', buffered: true});
  // loaded resolves once the page has loaded all it loads: its load event,
  // and ours its wasm module (Go configured, or a final state), which it
  // fetches after the load event with a boot plan.
  B.loaded = async () => {
    const done = () => document.readyState == 'complete' && (!window.BrazeWasm ||
      BrazeWasm.status().sdkVersion != null || /blocked|failed|unloaded/.test(BrazeWasm.status().state));
    while (!done()) await pause(50);
  };
  // bytes returns the transfer sizes of the page's requests by part, the
  // Braze backend's left out.
  B.bytes = () => {
    const out = {}, add = (k, n) => out[k] = (out[k] || 0) + n;
    add('html', performance.getEntriesByType('navigation')[0].transferSize);
    for (const e of performance.getEntriesByType('resource')) {
      if (B.backend && e.name.startsWith(B.backend)) continue;
      const u = new URL(e.name), p = u.pathname;
      add(u.host == 'js.appboycdn.com' ? 'sdk' : /^\/(analytics\.js|analytics-next)\//.test(p) ? 'analytics.js'
        : /\/settings$/.test(p) ? 'settings' : /\/peer\.js$/.test(p) ? 'plugin' : /wasm_exec\.js$/.test(p) ? 'wasm_exec.js'
        : /\.wasm$/.test(p) ? 'wasm' : /braze-wasm\.js$/.test(p) ? 'shim' : /hero/.test(p) ? 'hero' : 'other', e.transferSize);
    }
    return out;
  };
  const mark = (k, args) => {
    const now = performance.now();
    if (k == 'openSession') { if (B.ready < 0) B.ready = now - B.t0; return; }
    if (k == 'logCustomEvent' && args[0] == 'Short Visit') B.short = true;
    if (k == 'logCustomEvent' && args[0] == 'Burst') {
      if (B.firstBurst < 0) B.firstBurst = now;
      B.burst.push(args[1] && args[1].i);
      if (B.burst.length == B.burstGoal) B.lastBurst = now;
    }
    B.calls++;
    B.at = now;
    if (B.done && B.calls >= B.goal) { const d = B.done; B.done = null; d(now - B.enter); }
  };
  B.burstGoal = ` + strconv.Itoa(benchBurst) + `;
  B.wrap = ns => {
    const w = {};
    for (const k in ns) {
      const v = ns[k];
      // A flush is the SDK's work too: skipped with the rest.
      if (k == 'requestImmediateDataFlush') w[k] = function () { if (!B.stub) return v.apply(ns, arguments); };
      else w[k] = typeof v == 'function' && WRAP.has(k) ? function () {
        mark(k, arguments);
        if (B.stub && k != 'openSession') return true;
        const t = performance.now(), r = v.apply(ns, arguments);
        B.sdkUs += (performance.now() - t) * 1000;
        B.sdkN++;
        return r;
      } : v;
    }
    return w;
  };
  let sdk;
  Object.defineProperty(window, 'braze', {configurable: true, enumerable: true,
    get: () => sdk, set: v => { sdk = v && typeof v == 'object' ? B.wrap(v) : v; }});
  const stream = WebAssembly.instantiateStreaming, buffer = WebAssembly.instantiate;
  const keep = r => { B.mem = (r.instance || r).exports.mem; return r; };
  WebAssembly.instantiateStreaming = (...a) => stream.apply(WebAssembly, a).then(keep);
  WebAssembly.instantiate = (...a) => buffer.apply(WebAssembly, a).then(keep);
  // register wraps each destination plugin's event methods to note when
  // Analytics.js hands it an event, and keeps them for direct delivery.
  B.plugins = [];
  B.register = (...ps) => {
    for (const p of ps) {
      for (const m of ['track', 'identify']) {
        const f = p[m];
        if (f) p[m] = function (ctx) { B.enter = performance.now(); B.ctx = ctx; return f.apply(this, arguments); };
      }
      B.plugins.push(p);
    }
    return analytics.register(...ps);
  };
  // deliver hands one event straight to the destination's plugins, as
  // Analytics.js does once its queue gets to it.
  B.deliver = ev => { B.enter = performance.now(); return Promise.all(B.plugins.map(p => p.track({...B.ctx, event: ev}))); };
  B.until = n => new Promise(res => { B.goal = B.calls + n; B.done = res; });
  // idle resolves once the tasks queued so far have run: the end of an
  // event's work, deferred parts included.
  const ch = new MessageChannel();
  B.idle = () => new Promise(r => { ch.port1.onmessage = r; ch.port2.postMessage(0); });

  const product = i => ({product_id: 'sku-' + (i % 50), name: 'Bag', category: 'Bags', brand: 'Acme', variant: 'red',
    price: 49.5, currency: 'USD', url: 'https://shop.example/bag', image_url: 'https://shop.example/bag.png',
    position: i % 10, coupon: 'FALL', in_stock: true, viewed_at: '2026-11-30T10:00:00Z', list_id: 'l-9', rating: 4.5});
  const order = i => ({order_id: 'o-' + i, total: 99, revenue: 90, shipping: 5, tax: 4, currency: 'EUR', coupon: 'FALL',
    products: [
      {product_id: 'p1', sku: 'S1', name: 'Bag', price: 49.5, quantity: 1, category: 'Bags'},
      {product_id: 'p2', sku: 'S2', name: 'Belt', price: 20, quantity: 2, category: 'Belts'},
      {product_id: 'p3', sku: 'S3', name: 'Hat', price: 9.5, quantity: 1, category: 'Hats'}]});
  const pause = ms => new Promise(r => setTimeout(r, ms));

  // oneByOne hands n events to the destination one at a time, each in a
  // task of its own, and returns each one's time to its first SDK call.
  const oneByOne = async (n, ev, from) => {
    const lat = [];
    for (let i = 0; i < n; i++) {
      const p = B.until(1);
      B.deliver(i % 10 == 9 ? ev('Order Completed', order(i), from + i) : ev('Product Viewed', product(i), from + i))
        .catch(e => console.error('bench: deliver failed: ' + e.stack));
      lat.push((await p) * 1000);
      await B.idle();
    }
    return lat;
  };

  // run: nTrack events through analytics.track one at a time (timed from
  // the call, Analytics.js's queue included); then, handed straight to the
  // destination as Analytics.js does: nLat events one at a time (every
  // tenth an Order Completed with three products). When heavy: nTp Product
  // Viewed at once, and more up to nTotal, after which memory is read, and
  // nLat one at a time again (warm).
  B.run = async (nTrack, nLat, nTp, nTotal, heavy) => {
    await analytics.identify('bench-user', {email: 'bench@example.com', plan: 'pro'});
    await pause(50);
    const track = [];
    for (let i = 0; i < nTrack; i++) {
      const p = B.until(1), t = performance.now();
      analytics.track('Product Viewed', product(i));
      await p;
      track.push((B.at - t) * 1000);
    }
    const base = B.ctx.event, ev = (name, props, i) => ({...base, event: name, properties: props, messageId: 'bench-' + i});
    let sent = nTrack;
    await pause(50);
    const t0 = performance.now();
    const lat = await oneByOne(nLat, ev, sent);
    const totalUs = (performance.now() - t0) / nLat * 1000;
    sent += nLat;
    const sdkUs = B.sdkN ? B.sdkUs / B.sdkN : 0;
    const res = {readyMs: B.ready, sdkCallUs: sdkUs, isolated: crossOriginIsolated, trackUs: track, latencyUs: lat, totalUs, heavy};
    if (heavy) {
      // The SDK's own cost per call grows with its unsent queue (it
      // persists the queue on every call), which makes thousands of calls
      // in a burst take minutes. It is the same SDK for both Braze
      // destinations, so from here on the calls reaching the SDK's methods
      // are counted and the SDK's work is skipped.
      B.stub = true;
      await pause(50);
      let p = B.until(nTp);
      const t = performance.now();
      for (let i = 0; i < nTp; i++, sent++) B.deliver(ev('Product Viewed', product(i), sent)).catch(e => console.error('bench: deliver failed: ' + e.stack));
      await p;
      res.eventsPerS = nTp / (performance.now() - t) * 1000;
      while (sent < nTotal) {
        const n = Math.min(1000, nTotal - sent);
        p = B.until(n);
        for (let i = 0; i < n; i++, sent++) B.deliver(ev('Product Viewed', product(i), sent));
        await p;
      }
      await pause(200);
      if (window.gc) gc();
      res.wasmBytes = B.mem ? B.mem.buffer.byteLength : 0;
      res.jsHeapBytes = performance.memory.usedJSHeapSize;
      res.warmUs = await oneByOne(nLat, ev, sent);
      B.stub = false;
    }
    const s = window.braze || {};
    res.sdkCalls = B.calls;
    res.sdkVersion = String(s.getSdkVersion ? s.getSdkVersion() : '');
    return res;
  };
  // settle sends what the SDK holds and waits for it to go out.
  B.settle = async () => {
    if (window.braze && braze.requestImmediateDataFlush) braze.requestImmediateDataFlush();
    await pause(300);
  };
  // burstResult summarises a burst page once n events reached the SDK.
  B.burstResult = n => {
    const first = B.firstBurst, ends = B.longTasks.map(([s, d]) => [s + d, d]);
    return {firstMs: first - B.t0, lastMs: B.lastBurst - B.t0, readyMs: B.readyAt,
      freezeMs: Math.max(0, ...ends.filter(([e]) => e > first).map(([, d]) => d)),
      beforeMs: Math.max(0, ...ends.filter(([e]) => e <= first).map(([, d]) => d)),
      reached: B.burst.length, inOrder: B.burst.length == n && B.burst.every((x, i) => x === i)};
  };
})();
`

// benchSnippet is the Segment snippet (5.2.1) loading Analytics.js from this
// server, with the Segment.io destination off.
const benchSnippet = `!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src=analytics._cdn+"/analytics.js/v1/"+key+"/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._writeKey="bench-write-key";analytics._cdn=location.origin;analytics.SNIPPET_VERSION="5.2.1";
analytics.load("bench-write-key",{integrations:{"Segment.io":false}});
}}();`
