package main

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segment-braze-wasm/segment-braze-wasm/bench/result"
)

func TestParseBudgets(t *testing.T) {
	m, err := parseBudgets("budgets.txt", strings.NewReader("# comment\n\nbraze-wasm.wasm  552960\n  braze-wasm.js 4590  \n"))
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"braze-wasm.wasm": 552960, "braze-wasm.js": 4590}, m)

	for _, bad := range []string{"braze-wasm.js", "braze-wasm.js 4590 B", "braze-wasm.js 4.5KiB", "braze-wasm.js -1"} {
		_, err := parseBudgets("budgets.txt", strings.NewReader(bad+"\n"))
		if assert.Error(t, err, bad) {
			assert.Contains(t, err.Error(), "budgets.txt")
			assert.Contains(t, err.Error(), "braze-wasm.js")
		}
	}
}

func FuzzParseBudgets(f *testing.F) {
	f.Add("braze-wasm.js 4590\n# x\n")
	f.Add("a\n")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := parseBudgets("f", strings.NewReader(s))
		if err == nil {
			for _, v := range m {
				if v < 0 {
					t.Fatalf("negative budget from %q", s)
				}
			}
		}
	})
}

const benchOutput = `goos: linux
goarch: amd64
pkg: github.com/segment-braze-wasm/segment-braze-wasm/core
BenchmarkMapTrack-2              	  450000	      2682 ns/op	    1760 B/op	      11 allocs/op
BenchmarkMapTrack-2              	  450000	      2629.5 ns/op	    1760 B/op	      11 allocs/op
BenchmarkIdentify/Handle-2       	  200000	      5446 ns/op	    3304 B/op	      57 allocs/op
BenchmarkNoMem                   	  100	      12 ns/op
PASS
ok  	github.com/segment-braze-wasm/segment-braze-wasm/core	12.3s
`

func TestParseBench(t *testing.T) {
	got := parseBench(benchOutput)
	assert.Equal(t, []coreBench{
		{Name: "BenchmarkMapTrack", NsOp: []float64{2682, 2629.5}, BytesOp: 1760, AllocsOp: 11},
		{Name: "BenchmarkIdentify/Handle", NsOp: []float64{5446}, BytesOp: 3304, AllocsOp: 57},
		{Name: "BenchmarkNoMem", NsOp: []float64{12}},
	}, got)
	assert.Empty(t, parseBench("PASS\n"))
}

func FuzzParseBench(f *testing.F) {
	f.Add(benchOutput)
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range parseBench(s) {
			if len(c.NsOp) == 0 || c.Name == "" {
				t.Fatalf("an empty benchmark from %q: %+v", s, c)
			}
		}
	})
}

func TestSummarize(t *testing.T) {
	s := summarize([]float64{5, 1, 4, 2, 3, 10, 6, 7, 8, 9, 11})
	assert.Equal(t, stat{6, 2, 10}, s)
	assert.Equal(t, stat{7, 7, 7}, summarize([]float64{7}))
	e := summarize(nil)
	assert.True(t, math.IsNaN(e.med) && math.IsNaN(e.lo) && math.IsNaN(e.hi))
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{{math.NaN(), "-"}, {1234.4, "1234"}, {12.34, "12.3"}, {1.234, "1.23"}, {0, "0.00"}} {
		assert.Equal(t, c.want, num(c.x), "%v", c.x)
	}
	assert.Equal(t, "2.50x", ratio(5, 2))
	assert.Equal(t, "-", ratio(5, 0))
	assert.Equal(t, "-", ratio(math.NaN(), 2))
	assert.Equal(t, "**none**", profileName(result.Profile{Name: "none"}))
	assert.Equal(t, "**Slow 4G** 150 ms, 1.6 Mbps down, 750 kbps up", profileName(result.Profile{Name: "Slow 4G", LatencyMs: 150, DownKbps: 1600, UpKbps: 750}))
}

func TestSizesEnv(t *testing.T) {
	assert.Empty(t, sizes{-1, -1, -1}.env())
	assert.Equal(t, []string{"BENCH_LOADS=0", "BENCH_SHORT_TRIES=3"}, sizes{0, -1, 3}.env())
}

// TestNetworkMarkdown: the tables of the network part from a small run.
func TestNetworkMarkdown(t *testing.T) {
	n := &result.Network{
		Rounds:    2,
		Profiles:  []result.Profile{{Name: "none"}, {Name: "Slow 4G", LatencyMs: 150, DownKbps: 1600, UpKbps: 750}},
		HeroBytes: 97_336,
		Short: &result.Short{Profile: "Slow 4G", StayS: 10, Tries: 2, Parallel: 2, Visits: []result.Visit{
			{Dest: "rpeer", LeaveS: 0, Arrivals: 1}, {Dest: "rpeer", LeaveS: 0, Arrivals: 1},
			{Dest: "ours", LeaveS: 0, Arrivals: 1}, {Dest: "ours", LeaveS: 0, Arrivals: 2},
			{Dest: "rpeer", LeaveS: 1, Arrivals: 0}, {Dest: "rpeer", LeaveS: 1, Arrivals: 1, AnalyticsBeforeLeaving: true, ReadyBeforeLeaving: true, AtSDKBeforeLeaving: true},
			{Dest: "ours", LeaveS: 1, Arrivals: 0}, {Dest: "ours", LeaveS: 1, Arrivals: 0},
		}},
	}
	for _, prof := range []string{"none", "Slow 4G"} {
		for d, ms := range map[string]float64{"floor": 100, "peer": 400, "rpeer": 500, "ours": 200} {
			if prof == "Slow 4G" {
				ms *= 10
			}
			for _, k := range []float64{1, 1.5} { // two rounds: the median is the higher of two
				n.Loads = append(n.Loads, result.NetLoad{Dest: d, Profile: prof, ReadyMs: ms * k, RepeatReadyMs: ms / 2, LCPMs: ms + 1000,
					LCPFromElement: d == "rpeer" && prof == "Slow 4G" && k == 1,
					Bytes:          map[string]float64{"html": 4000, "analytics.js": 31_600, "hero": 97_600, "wasm": map[bool]float64{true: 552_800}[d == "ours"]}})
			}
		}
	}
	var b strings.Builder
	networkMarkdown(&b, n)
	md := b.String()
	for _, want := range []string{
		"**Slow 4G** 150 ms, 1.6 Mbps down, 750 kbps up",
		"| none, cold | 150 (100-150) | 600 (400-600) | 750 (500-750) | 300 (200-300) | 0.50x | 0.40x | <= 1.0x peer |",
		"| Slow 4G, cold | 1500 (1000-1500) | 6000 (4000-6000) | 7500 (5000-7500) | 3000 (2000-3000) | 0.50x | 0.40x | <= 0.8x peer, <= 0.7x rpeer |",
		"| Slow 4G, repeat | 500 (500-500) | 2000 (2000-2000) | 2500 (2500-2500) | 1000 (1000-1000) | 0.50x | 0.40x | <= 1.0x peer |",
		"(1 of 16 loads)",
		"| Slow 4G | 2000 (2000-2000) | 5000 (5000-5000) | 6000 (6000-6000) | 3000 (3000-3000) | 1.50x | 0.60x | ours <= 1.1x floor, <= peer |",
		"| floor | 133.2 | 35.6 | 4.0 | 31.6 | - | - | - | - | - | - | 97.6 | - |",
		"| ours | 686.0 | 588.4 | 4.0 | 31.6 | - | - | - | - | - | 552.8 | 97.6 | - |",
		"of 2 each (2 at a time, each in a browser context of its own)",
		"| leaves after | rpeer | ours | goal |",
		"| stays | 2 of 2 (twice: 0) | 2 of 2 (twice: 1) | - |",
		"| 1 s | 1 of 2 (twice: 0); first page: Analytics.js 1, ready 1, event at the SDK 1 | 0 of 2 (twice: 0); first page: Analytics.js 0, ready 0, event at the SDK 0 | ours: all, none twice |",
	} {
		assert.Contains(t, md, want)
	}
}

func TestMarkdownWithoutBrowser(t *testing.T) {
	md, err := markdown(report{Date: "2026-12-07T00:00:00Z", Go: "go1.26", CPUs: 2,
		Budgets: map[string]int{"braze-wasm.js": 4590},
		Sizes:   []size{{File: "braze-wasm.js", Raw: 9349, Gzip: 4554, Brotli: 4600}},
		Core:    parseBench(benchOutput)})
	require.NoError(t, err)
	assert.Contains(t, md, "| braze-wasm.js | 9349 | 4554 | 4600 | 4.5 | 4590 (4 KiB): **over** |")
	assert.Contains(t, md, "| BenchmarkMapTrack | 2682 | 2630-2682 | 1760 | 11 |")
	assert.Contains(t, md, "(The browser benchmark was not run.)")
}
