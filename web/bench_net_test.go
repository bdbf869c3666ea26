package main

// The network part of the browser benchmark (issue 16): page loads of the
// four destinations (floor, peer, rpeer: the peer as Segment loads it, a
// remote plugin in the CDN settings, and ours) interleaved under DevTools
// network emulation, cold and repeat, with the page's own largest
// contentful paint and the transfer sizes; then short visits on Slow 4G.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/segment-braze-wasm/segment-braze-wasm/bench/result"
)

// Network part sizes: benchNetRounds rounds of a cold load and its repeat
// view per profile and destination (BENCH_NET_ROUNDS; 0 skips the part);
// benchShortTries visits per destination and time of leaving
// (BENCH_SHORT_TRIES; 0 skips them), benchShortParallel at a time (more
// would slow each other's scripts on 2 cores), each staying benchShortStay
// on the page it ends on: long enough for a module downloaded again on
// Slow 4G.
const (
	benchNetRounds     = 6
	benchShortTries    = 5
	benchShortParallel = 2
	benchShortStay     = 8 * time.Second
)

// benchProfiles are the emulated networks: none, and Chrome DevTools'
// Fast 4G and Slow 4G (Lighthouse's mobile profile).
var benchProfiles = []result.Profile{
	{Name: "none"},
	{Name: "Fast 4G", LatencyMs: 40, DownKbps: 9000, UpKbps: 1500},
	{Name: "Slow 4G", LatencyMs: 150, DownKbps: 1600, UpKbps: 750},
}

// benchNetDests are the destinations of the network part, in the order of
// a round; benchShortDests those of the short visits.
var (
	benchNetDests = []string{"floor", "peer", "rpeer", "ours"}
	// Not the peer on the page: registered by the page once its bundle
	// ran, it misses what was tracked before, even on a visitor who stays.
	benchShortDests = []string{"rpeer", "ours"}
	// benchLeaves are when the visitor leaves the first page, in seconds;
	// 0 stays on it.
	benchLeaves = []float64{0, 1, 2, 4}
)

// envInt returns the environment variable name as a count, or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n >= 0 {
		return n
	}
	return def
}

// benchNetwork runs the network part against site (the bench pages and
// assets) and returns its results, or nil when it is off.
func benchNetwork(t *testing.T, browserCtx context.Context, srv *Server, site, backendQuery string, heroBytes int) *result.Network {
	rounds := envInt("BENCH_NET_ROUNDS", benchNetRounds)
	tries := envInt("BENCH_SHORT_TRIES", benchShortTries)
	if rounds == 0 && tries == 0 {
		return nil
	}
	only := os.Getenv("BENCH_DESTS")
	pick := func(ds []string) []string {
		return slices.DeleteFunc(slices.Clone(ds), func(d string) bool { return only != "" && !slices.Contains(strings.Split(only, ","), d) })
	}
	n := &result.Network{Rounds: rounds, Profiles: benchProfiles, HeroBytes: heroBytes}
	for i := range rounds {
		for _, pr := range benchProfiles {
			for _, d := range pick(benchNetDests) {
				l := benchNetRun(t, browserCtx, site+"/bench/"+d+backendQuery+"&hero", d, pr)
				t.Logf("%s, %s, round %d: ready %.0f ms (repeat %.0f), LCP %.0f ms, %.1f KB", d, pr.Name, i+1, l.ReadyMs, l.RepeatReadyMs, l.LCPMs, total(l.Bytes)/1000)
				n.Loads = append(n.Loads, l)
			}
		}
	}
	if tries > 0 {
		slow := benchProfiles[len(benchProfiles)-1]
		n.Short = &result.Short{Profile: slow.Name, StayS: benchShortStay.Seconds(), Tries: tries, Parallel: benchShortParallel}
		for _, leave := range benchLeaves {
			for _, d := range pick(benchShortDests) {
				vs := benchShort(t, browserCtx, srv, site+"/bench/"+d+backendQuery+"&hero", d, slow, leave, tries)
				t.Logf("short visit, %s, leaving after %g s: arrivals %v", d, leave, arrivals(vs))
				n.Short.Visits = append(n.Short.Visits, vs...)
			}
		}
	}
	return n
}

func total(m map[string]float64) float64 {
	s := 0.0
	for _, v := range m {
		s += v
	}
	return s
}

func arrivals(vs []result.Visit) []int {
	var out []int
	for _, v := range vs {
		out = append(out, v.Arrivals)
	}
	return out
}

// throttle emulates the network pr in the page of ctx (its later
// navigations included); a profile without throughput leaves it alone.
func throttle(ctx context.Context, pr result.Profile) error {
	if pr.DownKbps == 0 {
		return nil
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{
			Latency:            pr.LatencyMs,
			DownloadThroughput: pr.DownKbps * 1000 / 8,
			UploadThroughput:   pr.UpKbps * 1000 / 8,
		}},
	})
	return err
}

// benchNetRun makes one cold load of u under pr, waits for the SDK's
// openSession and the hero image's paint, reads the transfer sizes once
// the page has loaded all it loads, and views the page again in the same
// tab.
func benchNetRun(t *testing.T, browserCtx context.Context, u, dest string, pr result.Profile) result.NetLoad {
	t.Helper()
	p := newBenchPage(t, browserCtx)
	defer p.close()
	if err := throttle(p.ctx, pr); err != nil {
		p.fail("emulating %s: %v", pr.Name, err)
	}
	l := result.NetLoad{Dest: dest, Profile: pr.Name}
	l.ReadyMs = p.open(u)
	ctx, cancel := context.WithTimeout(p.ctx, benchTimeoutS*time.Second)
	defer cancel()
	// The hero's own paint, then a moment for its largest-contentful-paint
	// entry, which Chromium 156 at times never emits (seen with rpeer on
	// Slow 4G: the entry stays on the heading): then the LCP is the
	// hero's Element Timing, the same paint.
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`__bench.hero > 0`,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(benchTimeoutS*time.Second)))
	if err == nil {
		time.Sleep(250 * time.Millisecond)
		var lcp paints
		lcp, err = chromedp.Run(ctx, chromedp.Evaluate[paints](`({lcp: __bench.lcp, hero: __bench.hero, url: __bench.lcpUrl || ''})`))
		l.LCPMs, l.LCPFromElement = lcp.LCP, !strings.Contains(lcp.URL, "hero")
		if l.LCPFromElement {
			l.LCPMs = max(lcp.LCP, lcp.Hero)
		}
		l.Bytes, err = chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`__bench.loaded().then(__bench.bytes)`, chromedp.EvalAwaitPromise))
	}
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`__bench.settle()`, chromedp.EvalAwaitPromise))
	}
	if err != nil {
		state, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`JSON.stringify({lcp: __bench.lcp, lcpUrl: __bench.lcpUrl, hero: __bench.hero, ready: __bench.ready, lcps: performance.getEntriesByType('largest-contentful-paint').map(e => [e.startTime, e.url, e.size]),
			complete: document.images[0] && document.images[0].complete, vw: innerWidth + 'x' + innerHeight, visible: document.visibilityState})`))
		p.fail("%s under %s: %v\npage state: %s", u, pr.Name, err, state)
	}
	l.RepeatReadyMs = p.open(u)
	return l
}

// paints are the page's last largest-contentful-paint entry (its time and
// URL) and the hero image's Element Timing.
type paints struct {
	LCP, Hero float64
	URL       string
}

// benchShort runs tries short visits of dest at once, each in a browser
// context of its own under pr: the first page (u with a visit id) tracks
// the visit at once; after leave seconds (0: never) the visitor goes on to
// the site's other page (u without one) and stays there benchShortStay.
// On the page the visitor stays on, the SDK is asked to send what it holds
// every half second once it opened its session, as its own timer would
// after 10 s; the page left gets no such help. Then it counts each visit's
// track events at the backend.
func benchShort(t *testing.T, browserCtx context.Context, srv *Server, u, dest string, pr result.Profile, leave float64, tries int) []result.Visit {
	t.Helper()
	var seq int64
	for _, r := range srv.Requests.Since(0) {
		seq = max(seq, r.Seq)
	}
	ids := make([]string, tries)
	vs := make([]result.Visit, tries)
	errs := make([]error, tries)
	var wg sync.WaitGroup
	slots := make(chan struct{}, benchShortParallel)
	for i := range tries {
		ids[i] = fmt.Sprintf("%s-%g-%d-%d", dest, leave, i, time.Now().UnixNano())
		vs[i] = result.Visit{Dest: dest, LeaveS: leave}
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			errs[i] = benchVisit(t, browserCtx, u+"&visit="+url.QueryEscape(ids[i]), u, pr, &vs[i])
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("short visits of %s: %v", dest, err)
	}
	count := map[string]int{}
	for _, e := range events(brazeBodies(t, since(srv.Requests.Since(0), seq)), eventCustom) {
		if e.Data.N == "Short Visit" {
			if id, ok := e.Data.Properties()["visit"].(string); ok {
				count[id]++
			}
		}
	}
	for i, id := range ids {
		vs[i].Arrivals = count[id]
	}
	return vs
}

// benchVisit is one short visit: first, then after v.LeaveS seconds next,
// in a fresh browser context under pr; it notes in v how far the first
// page got. It reports only what kept it from running; whether the event
// arrived is the backend's to say.
func benchVisit(t *testing.T, browserCtx context.Context, first, next string, pr result.Profile, v *result.Visit) error {
	leave := v.LeaveS
	p := newBenchPage(t, browserCtx)
	defer p.close()
	if err := throttle(p.ctx, pr); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(p.ctx, time.Duration(leave)*time.Second+benchShortStay+benchTimeoutS*time.Second)
	defer cancel()
	// The visitor does not wait for the page's load event.
	start := time.Now()
	if _, err := chromedp.Call(ctx, cdppage.Navigate, cdppage.NavigateParams{URL: first}); err != nil {
		return fmt.Errorf("%s: %w", first, err)
	}
	if leave > 0 {
		time.Sleep(time.Until(start.Add(time.Duration(leave * float64(time.Second)))))
		// How far the first page got, as the visitor leaves: no answer
		// (the page's scripts not run yet) is not ready either.
		st, _ := chromedp.Run(ctx, chromedp.Evaluate[struct{ Analytics, Ready, AtSDK bool }](
			`({analytics: !!window.analytics && !Array.isArray(window.analytics), ready: !!window.__bench && __bench.ready >= 0, atSDK: !!window.__bench && !!__bench.short})`))
		v.AnalyticsBeforeLeaving, v.ReadyBeforeLeaving, v.AtSDKBeforeLeaving = st.Analytics, st.Ready, st.AtSDK
		if _, err := chromedp.Call(ctx, cdppage.Navigate, cdppage.NavigateParams{URL: next}); err != nil {
			return fmt.Errorf("%s: %w", next, err)
		}
	}
	// Errors while a page is still being committed are expected: the next
	// tick asks again.
	for end := time.Now().Add(benchShortStay); time.Now().Before(end); time.Sleep(500 * time.Millisecond) {
		chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.__bench && __bench.ready >= 0 && window.braze && braze.requestImmediateDataFlush(), undefined`))
	}
	return nil
}

// brotliCache compresses with brotli -q 11, as a CDN serves them, the
// scripts, JSON and HTML that the wrapped handler sends uncompressed; the
// files it sends compressed (ours: their .br copies) go as they are.
// Results are kept by content.
type brotliCache struct {
	t  *testing.T
	mu sync.Mutex
	m  map[[32]byte][]byte
}

var brotliTypes = []string{"text/javascript", "application/javascript", "application/json", "text/html"}

func (c *brotliCache) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !acceptsEncoding(r, "br") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body, hdr := rec.Body.Bytes(), w.Header()
		for k, v := range rec.Header() {
			hdr[k] = v
		}
		ct := rec.Header().Get("Content-Type")
		if rec.Code == http.StatusOK && len(body) > 0 && rec.Header().Get("Content-Encoding") == "" &&
			slices.ContainsFunc(brotliTypes, func(p string) bool { return strings.HasPrefix(ct, p) }) {
			body = c.compress(body)
			hdr.Set("Content-Encoding", "br")
			hdr.Add("Vary", "Accept-Encoding")
			hdr.Set("Content-Length", strconv.Itoa(len(body)))
			hdr.Del("Accept-Ranges")
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}

func (c *brotliCache) compress(b []byte) []byte {
	key := sha256.Sum256(b)
	c.mu.Lock()
	defer c.mu.Unlock()
	if z, ok := c.m[key]; ok {
		return z
	}
	cmd := exec.Command("brotli", "-q", "11", "-c")
	cmd.Stdin = bytes.NewReader(b)
	z, err := cmd.Output()
	if err != nil {
		c.t.Errorf("brotli: %v (make deps-brotli)", err)
		return b
	}
	if c.m == nil {
		c.m = map[[32]byte][]byte{}
	}
	c.m[key] = z
	return z
}

// benchHero returns the page's hero image: a 720x405 JPEG of about 100 KB,
// the same bytes every run (noise over a gradient compresses little).
func benchHero(t *testing.T) []byte {
	const w, h = 720, 405
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rnd := rand.New(rand.NewPCG(16, 16))
	for y := range h {
		for x := range w {
			n := uint8(rnd.IntN(48))
			img.Set(x, y, color.RGBA{uint8(x/3) + n, uint8(y/2) + n, 128 + n, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
