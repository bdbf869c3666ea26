// Package result is the JSON of the browser benchmark: web/bench_test.go
// writes it, command bench (make bench) reads it into bench/report.md.
package result

// Browser is the whole run: the sizes of the scenarios, and the loads of
// each destination (floor, peer, ours), interleaved.
type Browser struct {
	Chromium string `json:"chromium"`
	// Track events go through analytics.track, Latency one at a time to
	// the destination, Throughput at once; Total in all on a heavy load;
	// Burst on a burst page.
	Track      int `json:"track"`
	Latency    int `json:"latency"`
	Throughput int `json:"throughput"`
	Total      int `json:"total"`
	Burst      int `json:"burst"`
	// Loads is the number of rounds; every HeavyEvery-th is heavy, every
	// BurstEvery-th has burst pages.
	Loads      int           `json:"loads"`
	HeavyEvery int           `json:"heavyEvery"`
	BurstEvery int           `json:"burstEvery"`
	SDK        string        `json:"sdk"`
	Results    []Destination `json:"results"`
	// Network is the part on throttled networks, when it ran.
	Network *Network `json:"network,omitempty"`
}

// Load is what one cold page load and its repeat view measured.
type Load struct {
	// ReadyMs is script start (the first script of the page) to the SDK's
	// openSession, or the floor's load(); RepeatReadyMs the same on a
	// second view in the same tab (HTTP cache and storage kept).
	ReadyMs       float64 `json:"readyMs"`
	RepeatReadyMs float64 `json:"repeatReadyMs"`
	// TrackUs are the times from analytics.track(...) to the SDK call, one
	// event at a time: mostly Analytics.js's queue, which hands one event
	// per timer tick to the destinations.
	TrackUs []float64 `json:"trackUs"`
	// LatencyUs are the main-thread times from handing an event to the
	// destination's plugins to its first SDK call, one event at a time,
	// each in a task of its own, on a fresh page (cold).
	LatencyUs []float64 `json:"latencyUs"`
	// TotalUs is the wall time of those events over their number: each
	// event until the main thread is idle again (a MessageChannel round
	// trip), the SDK's own work and anything else that ran included.
	TotalUs float64 `json:"totalUs"`
	// Heavy says whether the load ran the burst of Browser.Throughput and
	// the rest up to Browser.Total (with the SDK's own work skipped), which
	// the fields below come from.
	Heavy bool `json:"heavy"`
	// EventsPerS is Browser.Throughput events handed to the destination at
	// once over the time until the SDK received the last one.
	EventsPerS float64 `json:"eventsPerS"`
	// WasmBytes is the wasm linear memory and JSHeapBytes the used JS heap
	// (after a full GC) once Browser.Total events were sent.
	WasmBytes   float64 `json:"wasmBytes"`
	JSHeapBytes float64 `json:"jsHeapBytes"`
	// WarmUs are LatencyUs again after Browser.Total events.
	WarmUs   []float64 `json:"warmUs"`
	SDKCalls float64   `json:"sdkCalls"`
	// SDKCallUs is the mean time spent inside the real SDK's methods per
	// call, over the calls before the burst; Isolated says whether the
	// page had precise timers (crossOriginIsolated: 5 us, else 100 us).
	SDKCallUs  float64 `json:"sdkCallUs"`
	Isolated   bool    `json:"isolated"`
	SDKVersion string  `json:"sdkVersion"`
}

// BurstLoad is what one burst page measured: Browser.Burst track events
// fired by the page before Analytics.js, the SDK or the destination loaded.
type BurstLoad struct {
	// FirstMs and LastMs are when the first and the last of them reached
	// the SDK, ReadyMs when analytics.ready called back, from script start.
	FirstMs float64 `json:"firstMs"`
	LastMs  float64 `json:"lastMs"`
	ReadyMs float64 `json:"readyMs"`
	// FreezeMs is the longest main-thread task that ended after the first
	// SDK call; BeforeMs the longest before it (Analytics.js's own, which
	// no destination can change).
	FreezeMs float64 `json:"freezeMs"`
	BeforeMs float64 `json:"beforeMs"`
	// Reached is how many reached the SDK; InOrder whether in the order
	// fired, each once; Backend and BackendInOrder the same at the Braze
	// backend.
	Reached        int  `json:"reached"`
	InOrder        bool `json:"inOrder"`
	Backend        int  `json:"backend"`
	BackendInOrder bool `json:"backendInOrder"`
	// Requests is the number of backend requests that carried them.
	Requests int `json:"requests"`
}

// Destination is one of the three destinations and its loads.
type Destination struct {
	Name  string      `json:"name"`
	About string      `json:"about"`
	Loads []Load      `json:"loads"`
	Burst []BurstLoad `json:"burst,omitempty"`
}

// Network is the part of the run on emulated networks (DevTools
// throttling): page loads of every destination interleaved, cold and
// repeat, under each profile; and the short visits.
type Network struct {
	Rounds   int       `json:"rounds"`
	Profiles []Profile `json:"profiles"`
	// HeroBytes is the size of the page's hero image, whose paint is the
	// page's own largest contentful paint.
	HeroBytes int       `json:"heroBytes"`
	Loads     []NetLoad `json:"loads"`
	Short     *Short    `json:"short,omitempty"`
}

// Profile is an emulated network: a latency added to every request, and
// the throughput down and up; a zero Profile is no throttling.
type Profile struct {
	Name      string  `json:"name"`
	LatencyMs float64 `json:"latencyMs"`
	DownKbps  float64 `json:"downKbps"`
	UpKbps    float64 `json:"upKbps"`
}

// NetLoad is one cold page load of a destination under a profile, and its
// repeat view in the same tab.
type NetLoad struct {
	Dest    string `json:"dest"`
	Profile string `json:"profile"`
	// ReadyMs is the first script of the page to the SDK's openSession (the
	// floor: its load); RepeatReadyMs the same on the repeat view.
	ReadyMs       float64 `json:"readyMs"`
	RepeatReadyMs float64 `json:"repeatReadyMs"`
	// LCPMs is the page's largest contentful paint (the hero image), from
	// navigation start, cold.
	// LCPFromElement says it is the hero image's Element Timing, as
	// Chromium emitted no largest-contentful-paint entry for the image.
	LCPMs          float64 `json:"lcpMs"`
	LCPFromElement bool    `json:"lcpFromElement,omitempty"`
	// Bytes are the transfer sizes of the cold view by part (html,
	// analytics.js, settings, plugin, sdk, shim, wasm, wasm_exec.js, hero,
	// other), requests to the Braze backend left out.
	Bytes map[string]float64 `json:"bytes"`
}

// Short is the short visits: the page calls analytics.page() and
// analytics.track at once, and the visitor goes on to another page of the
// site after LeaveS seconds (0: stays on the first) and stays StayS
// seconds. Tries visits of each destination and LeaveS, Parallel at a time.
type Short struct {
	Profile  string  `json:"profile"`
	StayS    float64 `json:"stayS"`
	Tries    int     `json:"tries"`
	Parallel int     `json:"parallel"`
	Visits   []Visit `json:"visits"`
}

// Visit is one short visit: how many times its track event reached the
// Braze backend, from either page (0: lost, 2 or more: sent twice).
type Visit struct {
	Dest     string  `json:"dest"`
	LeaveS   float64 `json:"leaveS"`
	Arrivals int     `json:"arrivals"`
	// ReadyBeforeLeaving says whether the SDK had opened its session on
	// the first page as the visitor left it, AtSDKBeforeLeaving whether the
	// track event had reached the SDK there.
	ReadyBeforeLeaving bool `json:"readyBeforeLeaving,omitempty"`
	// AnalyticsBeforeLeaving says whether Analytics.js had loaded and
	// taken over from the snippet (window.analytics no longer its array of
	// queued calls): before that, the event is only in the snippet's queue.
	AnalyticsBeforeLeaving bool `json:"analyticsBeforeLeaving,omitempty"`
	AtSDKBeforeLeaving     bool `json:"atSDKBeforeLeaving,omitempty"`
}
