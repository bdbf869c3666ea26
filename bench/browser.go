package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/segment-braze-wasm/segment-braze-wasm/bench/result"
)

// row is a line of a table: a figure of each destination, summarized.
type row[T any] struct {
	name string
	get  func(T) []float64
	// goal is the target, shown as is; "" for none.
	goal string
}

// browserMarkdown writes the browser sections of the report.
func browserMarkdown(b *strings.Builder, raw json.RawMessage) error {
	var br result.Browser
	if err := json.Unmarshal(raw, &br); err != nil {
		return fmt.Errorf("browser results: %w", err)
	}
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	loads := map[string][]result.Load{}
	bursts := map[string][]result.BurstLoad{}
	for _, d := range br.Results {
		loads[d.Name], bursts[d.Name] = d.Loads, d.Burst
	}

	p("\n## Browser, same page, same events\n\n")
	p("%s. The real Analytics.js (the Segment snippet, Segment.io destination off), one destination a page: ", br.Chromium)
	p("**floor** a no-op destination plugin, **peer** Segment's Braze Web Mode (Actions) plugin, **ours** braze-wasm. ")
	p("Both Braze destinations get the same SDK: %s. ", br.SDK)
	p("%d rounds, each a cold page load (a fresh browser context: empty cache and storage) of the three in turn, and a repeat view in the same tab; ", br.Loads)
	p("the heavy part every %d rounds. Medians, with the 10th-90th percentile over the loads (over all events for per-event times).\n\n", br.HeavyEvery)
	p("- **ready**: first script of the page to the SDK's `openSession` (the floor: its `load`); **repeat view**: the same page again in the same tab, its HTTP cache and storage kept, after the SDK sent what it held. Our files are served under their content hash (immutable), the peer's plugin immutable too, the SDK immutable for both.\n")
	p("- **destination only, cold**: main-thread time from handing a track event to the destination's plugins (what Analytics.js does when its queue reaches it) to the first SDK call for it, one at a time, each in a task of its own, on the fresh page; every tenth an Order Completed with 3 products, else a 15-property Product Viewed: %d events a load. **Warm**: the same after %d events (heavy rounds; the SDK's work skipped).\n", br.Latency, br.Total)
	p("- **total main thread per event**: the wall time of those %d cold events over their number, each until the main thread is idle again (a MessageChannel round trip): the destination, the SDK's own work, our flushes and anything they deferred. The floor is the harness's own cost.\n", br.Latency)
	p("- **analytics.track to SDK**: from `analytics.track(...)`: %d events a load. Analytics.js's queue hands one event per timer tick to the destinations, so this is mostly waiting, the same for all three.\n", br.Track)
	p("- **events/s**: %d Product Viewed handed to the destination at once, over the time until the last reached the SDK (heavy rounds; SDK's work skipped).\n", br.Throughput)
	p("- **memory**: after %d events in all (heavy rounds): wasm linear memory, and `performance.memory.usedJSHeapSize` after `gc()`.\n", br.Total)
	p("- **SDK call**: mean time inside the real SDK's methods per call, over the cold events. It grows with the SDK's unsent queue; ours flushes it after every 50 unsent calls.\n\n")

	perLoad := func(f func(result.Load) float64) func([]result.Load) []float64 {
		return func(ls []result.Load) []float64 {
			var xs []float64
			for _, l := range ls {
				if v := f(l); !math.IsNaN(v) {
					xs = append(xs, v)
				}
			}
			return xs
		}
	}
	heavy := func(f func(result.Load) float64) func(result.Load) float64 {
		return func(l result.Load) float64 {
			if !l.Heavy {
				return math.NaN()
			}
			return f(l)
		}
	}
	perEvent := func(f func(result.Load) []float64) func([]result.Load) []float64 {
		return func(ls []result.Load) []float64 {
			var xs []float64
			for _, l := range ls {
				xs = append(xs, f(l)...)
			}
			return xs
		}
	}
	table(b, []string{"floor", "peer", "ours"}, loads, []row[[]result.Load]{
		{"ready, cold (ms)", perLoad(func(l result.Load) float64 { return l.ReadyMs }), "ours <= 1.0x peer"},
		{"ready, repeat view (ms)", perLoad(func(l result.Load) float64 { return l.RepeatReadyMs }), "ours <= 1.15x peer"},
		{"destination only, cold (us/event)", perEvent(func(l result.Load) []float64 { return l.LatencyUs }), "<= 150 us"},
		{"destination only, warm (us/event)", perEvent(func(l result.Load) []float64 { return l.WarmUs }), "<= 25 us"},
		{"total main thread per event (us)", perLoad(func(l result.Load) float64 { return l.TotalUs }), "ours <= 0.6x peer"},
		{"analytics.track to SDK (us)", perEvent(func(l result.Load) []float64 { return l.TrackUs }), ""},
		{"events/s", perLoad(heavy(func(l result.Load) float64 { return l.EventsPerS })), "ours >= 0.8x peer"},
		{"wasm memory (MiB)", perLoad(heavy(func(l result.Load) float64 { return l.WasmBytes / (1 << 20) })), "<= 6 MiB"},
		{"JS heap (MiB)", perLoad(heavy(func(l result.Load) float64 { return l.JSHeapBytes / (1 << 20) })), ""},
		{"SDK call (us)", perLoad(func(l result.Load) float64 { return l.SDKCallUs }), ""},
	})

	if len(bursts["ours"])+len(bursts["peer"]) > 0 {
		burstMarkdown(b, br, bursts)
	}
	if br.Network != nil {
		networkMarkdown(b, br.Network)
	}
	return nil
}

// burstMarkdown writes the section of the burst pages.
func burstMarkdown(b *strings.Builder, br result.Browser, bursts map[string][]result.BurstLoad) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\n## A burst before anything loads\n\n")
	p("The page fires %d `analytics.track` calls before Analytics.js, the SDK or the destination loaded, every %d rounds. ", br.Burst, br.BurstEvery)
	p("The peer is a remote plugin listed in the CDN settings (`remotePlugins`), which Analytics.js loads itself, as Segment does; ours is registered through the snippet. ")
	p("The SDK does its own work here. Times from the first script of the page; the longest tasks from a `longtask` PerformanceObserver.\n\n")
	count := func(f func(result.BurstLoad) bool) func([]result.BurstLoad) string {
		return func(ls []result.BurstLoad) string {
			n := 0
			for _, l := range ls {
				if f(l) {
					n++
				}
			}
			return fmt.Sprintf("%d of %d", n, len(ls))
		}
	}
	p("| | peer | ours | goal |\n|---|---|---|---|\n")
	for _, c := range []struct {
		name string
		f    func([]result.BurstLoad) string
		goal string
	}{
		{"loads where all reached the SDK, in order", count(func(l result.BurstLoad) bool { return l.Reached == br.Burst && l.InOrder }), "all"},
		{"loads where all reached the backend, in order", count(func(l result.BurstLoad) bool { return l.Backend == br.Burst && l.BackendInOrder }), "all"},
		{"loads where analytics.ready came before the last event reached the SDK", count(func(l result.BurstLoad) bool { return l.ReadyMs < l.LastMs }), "ours: all"},
	} {
		p("| %s | %s | %s | %s |\n", c.name, c.f(bursts["peer"]), c.f(bursts["ours"]), c.goal)
	}
	perBurst := func(f func(result.BurstLoad) float64) func([]result.BurstLoad) []float64 {
		return func(ls []result.BurstLoad) []float64 {
			var xs []float64
			for _, l := range ls {
				xs = append(xs, f(l))
			}
			return xs
		}
	}
	p("\n")
	table(b, []string{"peer", "ours"}, bursts, []row[[]result.BurstLoad]{
		{"longest task after the first SDK call (ms)", perBurst(func(l result.BurstLoad) float64 { return l.FreezeMs }), "<= 500 ms (peer about 4,000)"},
		{"longest task before it: Analytics.js's own (ms)", perBurst(func(l result.BurstLoad) float64 { return l.BeforeMs }), ""},
		{"first event at the SDK (ms)", perBurst(func(l result.BurstLoad) float64 { return l.FirstMs }), ""},
		{"last event at the SDK (ms)", perBurst(func(l result.BurstLoad) float64 { return l.LastMs }), ""},
		{"analytics.ready (ms)", perBurst(func(l result.BurstLoad) float64 { return l.ReadyMs }), "on time"},
		{"backend requests carrying them", perBurst(func(l result.BurstLoad) float64 { return float64(l.Requests) }), ""},
	})
}

// table writes one row per figure, one column per destination in names,
// the ratio of ours to the peer, and the goal.
func table[T any](b *strings.Builder, names []string, data map[string]T, rows []row[T]) {
	fmt.Fprintf(b, "| metric | %s | ours / peer | goal |\n|---|%s---:|---|\n", strings.Join(names, " | "), strings.Repeat("---|", len(names)))
	for _, r := range rows {
		fmt.Fprintf(b, "| %s |", r.name)
		meds := map[string]float64{}
		for _, n := range names {
			s := summarize(r.get(data[n]))
			meds[n] = s.med
			if math.IsNaN(s.med) {
				b.WriteString(" - |")
				continue
			}
			fmt.Fprintf(b, " %s (%s-%s) |", num(s.med), num(s.lo), num(s.hi))
		}
		goal := r.goal
		if goal == "" {
			goal = "-"
		}
		fmt.Fprintf(b, " %s | %s |\n", ratio(meds["ours"], meds["peer"]), goal)
	}
}
