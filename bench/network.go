package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/segment-braze-wasm/segment-braze-wasm/bench/result"
)

// netDests are the destinations of the network part, in report order.
var netDests = []string{"floor", "peer", "rpeer", "ours"}

// readyGoals are issue 16's goals for ours, by profile and view.
var readyGoals = map[string]string{
	"none, cold":    "<= 1.0x peer",
	"Fast 4G, cold": "<= 0.9x peer",
	"Slow 4G, cold": "<= 0.8x peer, <= 0.7x rpeer",
	"repeat":        "<= 1.0x peer",
}

// networkMarkdown writes the sections of the network part.
func networkMarkdown(b *strings.Builder, n *result.Network) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	cell := func(prof, dest string, f func(result.NetLoad) float64) []float64 {
		var xs []float64
		for _, l := range n.Loads {
			if l.Profile == prof && l.Dest == dest {
				if v := f(l); !math.IsNaN(v) {
					xs = append(xs, v)
				}
			}
		}
		return xs
	}
	var profs []string
	for _, pr := range n.Profiles {
		profs = append(profs, profileName(pr))
	}

	p("\n## Page loads on emulated networks\n\n")
	p("DevTools network emulation on every request of the page (a latency per request and a throughput; it does not model TCP, TLS or DNS): %s. ", strings.Join(profs, "; "))
	p("Each round loads the page of each destination in turn, cold (a fresh browser context) then again in the same tab (**repeat**), under each profile: %d rounds. ", n.Rounds)
	p("**floor** a no-op destination, **peer** Segment's Actions plugin registered by the page, **rpeer** the same plugin as Segment loads it (a remote plugin in the CDN settings, loaded by Analytics.js), **ours** braze-wasm with the boot plan, as make dist writes its tag (no preload hint: the plan loads the SDK once Analytics.js's own script has loaded). ")
	p("Every file of every destination is served brotli (-q 11). The page has a hero image of %.0f KB, its largest content, and calls `analytics.page()`. Medians (10th-90th percentile).\n\n", float64(n.HeroBytes)/1000)

	p("### Ready: first script of the page to the SDK's openSession (ms)\n\n")
	p("| profile, view | %s | ours / peer | ours / rpeer | goal |\n|---|%s---:|---:|---|\n", strings.Join(netDests, " | "), strings.Repeat("---:|", len(netDests)))
	for _, pr := range n.Profiles {
		for _, view := range []string{"cold", "repeat"} {
			f := func(l result.NetLoad) float64 { return l.ReadyMs }
			if view == "repeat" {
				f = func(l result.NetLoad) float64 { return l.RepeatReadyMs }
			}
			name := pr.Name + ", " + view
			goal, ok := readyGoals[name]
			if !ok {
				goal = readyGoals[view]
			}
			meds := netRow(b, name, n, pr.Name, cell, f)
			p(" %s | %s | %s |\n", ratio(meds["ours"], meds["peer"]), ratio(meds["ours"], meds["rpeer"]), orDash(goal))
		}
	}

	p("\n### The page's own largest contentful paint, cold (ms from navigation start)\n\n")
	p("The hero image's paint: the `largest-contentful-paint` entry, or the image's Element Timing where Chromium emitted no entry for it (%d of %d loads).\n\n",
		countFunc(n.Loads, func(l result.NetLoad) bool { return l.LCPFromElement }), len(n.Loads))
	p("| profile | %s | ours / floor | ours / peer | goal |\n|---|%s---:|---:|---|\n", strings.Join(netDests, " | "), strings.Repeat("---:|", len(netDests)))
	for _, pr := range n.Profiles {
		meds := netRow(b, pr.Name, n, pr.Name, cell, func(l result.NetLoad) float64 { return l.LCPMs })
		goal := "-"
		if pr.Name == "Slow 4G" {
			goal = "ours <= 1.1x floor, <= peer"
		}
		p(" %s | %s | %s |\n", ratio(meds["ours"], meds["floor"]), ratio(meds["ours"], meds["peer"]), goal)
	}

	bytesMarkdown(b, n)
	if n.Short != nil {
		shortMarkdown(b, n.Short)
	}
}

// netRow writes the start of a table row: its name and the median of f
// over each destination's loads under prof; it returns the medians.
func netRow(b *strings.Builder, name string, n *result.Network, prof string, cell func(string, string, func(result.NetLoad) float64) []float64, f func(result.NetLoad) float64) map[string]float64 {
	meds := map[string]float64{}
	fmt.Fprintf(b, "| %s |", name)
	for _, d := range netDests {
		s := summarize(cell(prof, d, f))
		meds[d] = s.med
		if math.IsNaN(s.med) {
			b.WriteString(" - |")
			continue
		}
		fmt.Fprintf(b, " %s (%s-%s) |", num(s.med), num(s.lo), num(s.hi))
	}
	return meds
}

// bytesParts are the parts of a page's transfer, in report order.
var bytesParts = []string{"html", "analytics.js", "settings", "plugin", "sdk", "shim", "wasm_exec.js", "wasm", "hero", "other"}

// bytesMarkdown writes the transfer sizes of a cold view by destination
// and part: medians over the cold loads of every profile.
func bytesMarkdown(b *strings.Builder, n *result.Network) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\n### Bytes on a cold view (transfer sizes, KB)\n\n")
	p("`transferSize` of the page's requests (headers included), the Braze backend's left out, once the page has loaded all it loads (ours: its wasm module, which waits for the page's load event); medians over the cold loads.\n\n")
	p("| destination | total | without the hero | %s |\n|---|---:|---:|%s\n", strings.Join(bytesParts, " | "), strings.Repeat("---:|", len(bytesParts)))
	for _, d := range netDests {
		parts := map[string][]float64{}
		var totals, noHero []float64
		for _, l := range n.Loads {
			if l.Dest != d || l.Bytes == nil {
				continue
			}
			t := 0.0
			for _, part := range bytesParts {
				parts[part] = append(parts[part], l.Bytes[part])
				t += l.Bytes[part]
			}
			totals = append(totals, t)
			noHero = append(noHero, t-l.Bytes["hero"])
		}
		if len(totals) == 0 {
			continue
		}
		p("| %s | %s | %s |", d, kb(summarize(totals).med), kb(summarize(noHero).med))
		for _, part := range bytesParts {
			if m := summarize(parts[part]).med; m > 0 {
				p(" %s |", kb(m))
			} else {
				p(" - |")
			}
		}
		p("\n")
	}
}

func kb(x float64) string { return fmt.Sprintf("%.1f", x/1000) }

// shortMarkdown writes the short visits: for each time of leaving, how
// many visits' track event reached the backend, and how many twice.
func shortMarkdown(b *strings.Builder, s *result.Short) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	var dests []string
	var leaves []float64
	for _, v := range s.Visits {
		if !slices.Contains(dests, v.Dest) {
			dests = append(dests, v.Dest)
		}
		if !slices.Contains(leaves, v.LeaveS) {
			leaves = append(leaves, v.LeaveS)
		}
	}
	slices.Sort(leaves)
	p("\n## A short visit on %s\n\n", s.Profile)
	p("The page calls `analytics.page()` and `analytics.track('Short Visit', ...)` at once; the visitor goes on to another page of the same site after the time below (from the navigation's start, not waiting for the load event) and stays %g s; **stays**: never leaves the first page, as a control. ", s.StayS)
	p("On the page the visitor stays on, the harness asks the SDK to send what it holds every 0.5 s once it opened its session, standing in for the SDK's own 10 s timer; the page left gets no such help. ")
	p("Counted at the Braze backend, from either page: the visits whose track event arrived, of %d each (%s, each in a browser context of its own), and those that arrived twice or more. ", s.Tries, atATime(s.Parallel))
	p("As the visitor leaves, the harness notes how many first pages had Analytics.js loaded (**Analytics.js**: `window.analytics` no longer the snippet's queue; before that the event is only in the snippet's queue, which only Analytics.js reads), had opened the SDK's session (**ready**) and had handed the event to the SDK. ")
	p("The peer registered by the page is left out: it misses what was tracked before it was registered, even when the visitor stays.\n\n")
	p("| leaves after | %s | goal |\n|---|%s---|\n", strings.Join(dests, " | "), strings.Repeat("---|", len(dests)))
	for _, leave := range leaves {
		name := "stays"
		if leave > 0 {
			name = fmt.Sprintf("%g s", leave)
		}
		p("| %s |", name)
		for _, d := range dests {
			reached, twice, ajs, ready, atSDK, n := 0, 0, 0, 0, 0, 0
			for _, v := range s.Visits {
				if v.Dest == d && v.LeaveS == leave {
					n++
					reached += b2i(v.Arrivals > 0)
					twice += b2i(v.Arrivals > 1)
					ajs += b2i(v.AnalyticsBeforeLeaving)
					ready += b2i(v.ReadyBeforeLeaving)
					atSDK += b2i(v.AtSDKBeforeLeaving)
				}
			}
			p(" %d of %d (twice: %d)", reached, n, twice)
			if leave > 0 {
				p("; first page: Analytics.js %d, ready %d, event at the SDK %d", ajs, ready, atSDK)
			}
			p(" |")
		}
		goal := "-"
		if leave == 1 || leave == 2 {
			goal = "ours: all, none twice"
		}
		p(" %s |\n", goal)
	}
}

// profileName describes a profile: its name, latency and throughputs.
func profileName(pr result.Profile) string {
	if pr.DownKbps == 0 {
		return "**" + pr.Name + "**"
	}
	return fmt.Sprintf("**%s** %g ms, %s down, %s up", pr.Name, pr.LatencyMs, rate(pr.DownKbps), rate(pr.UpKbps))
}

func rate(kbps float64) string {
	if kbps >= 1000 {
		return fmt.Sprintf("%g Mbps", kbps/1000)
	}
	return fmt.Sprintf("%g kbps", kbps)
}

// atATime says how many visits ran at once.
func atATime(n int) string {
	if n <= 1 {
		return "one at a time"
	}
	return fmt.Sprintf("%d at a time", n)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func countFunc[T any](xs []T, f func(T) bool) int {
	n := 0
	for _, x := range xs {
		if f(x) {
			n++
		}
	}
	return n
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
