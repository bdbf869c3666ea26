// Command bench runs the benchmarks of issues 5, 9 and 16 and writes
// bench/report.md and bench/report.json: the sizes of the build output, the
// Go core benchmarks, and the browser benchmark of web/bench_test.go (the
// floor, Segment's Braze Actions plugin and ours, in real Chromium: per
// event, and page loads on emulated networks). Run it with make bench, from
// the repository root, after make build and make deps-bench; make bench
// BENCH_FLAGS=-quick for a run of a minute or two while working on it.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	out := flag.String("out", "bench", "folder of report.md and report.json (with -quick: a temporary folder unless set)")
	budgets := flag.String("budgets", "bench/budgets.txt", "the size budgets")
	build := flag.String("build", "build", "the build output")
	count := flag.Int("count", 3, "runs of each core benchmark")
	browser := flag.Bool("browser", true, "run the browser benchmark")
	reuse := flag.String("browser-json", "", "use this output of the browser benchmark instead of running it")
	var sz sizes
	flag.IntVar(&sz.loads, "loads", -1, "rounds of the per-event browser benchmark (default: web/bench_test.go's)")
	flag.IntVar(&sz.netRounds, "net-rounds", -1, "rounds of page loads on emulated networks; 0 skips them")
	flag.IntVar(&sz.shortTries, "short-tries", -1, "short visits per destination and time of leaving; 0 skips them")
	quick := flag.Bool("quick", false, "one round of each part, one short visit, one run of each core benchmark: a check that all of it works, not figures")
	flag.Parse()
	if *quick {
		*count, sz = 1, sizes{loads: 1, netRounds: 1, shortTries: 1}
		// Not figures: the report of a real run stays as it is.
		if !flagSet("out") {
			*out = filepath.Join(os.TempDir(), "bench-quick")
			if err := os.MkdirAll(*out, 0o755); err != nil {
				fmt.Fprintln(os.Stderr, "bench:", err)
				os.Exit(1)
			}
			defer fmt.Fprintln(os.Stderr, "bench: -quick wrote", filepath.Join(*out, "report.md"))
		}
	}
	if err := run(*out, *budgets, *build, *count, *browser, *reuse, sz); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// report is bench/report.json.
type report struct {
	Date    string          `json:"date"`
	Go      string          `json:"go"`
	CPUs    int             `json:"cpus"`
	Budgets map[string]int  `json:"budgets"`
	Sizes   []size          `json:"sizes"`
	Core    []coreBench     `json:"core"`
	Browser json.RawMessage `json:"browser,omitempty"`
}

type size struct {
	File   string `json:"file"`
	Raw    int    `json:"raw"`
	Gzip   int    `json:"gzip"`
	Brotli int    `json:"brotli"`
}

// coreBench is one Go benchmark over count runs.
type coreBench struct {
	Name     string    `json:"name"`
	NsOp     []float64 `json:"nsOp"`
	BytesOp  float64   `json:"bytesOp"`
	AllocsOp float64   `json:"allocsOp"`
}

// sizes are the browser benchmark's sizes set by flags; -1 leaves one to
// web/bench_test.go.
type sizes struct{ loads, netRounds, shortTries int }

// env returns the environment variables that pass s to the browser
// benchmark.
func (s sizes) env() []string {
	var env []string
	for _, v := range []struct {
		name string
		n    int
	}{{"BENCH_LOADS", s.loads}, {"BENCH_NET_ROUNDS", s.netRounds}, {"BENCH_SHORT_TRIES", s.shortTries}} {
		if v.n >= 0 {
			env = append(env, v.name+"="+strconv.Itoa(v.n))
		}
	}
	return env
}

// flagSet reports whether the flag called name was given.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func run(out, budgets, build string, count int, browser bool, reuse string, sz sizes) error {
	r := report{Date: time.Now().UTC().Format(time.RFC3339), Go: runtime.Version(), CPUs: runtime.NumCPU()}
	var err error
	if r.Budgets, err = readBudgets(budgets); err != nil {
		return err
	}
	for _, f := range []string{"braze-wasm.wasm", "braze-wasm.js", "wasm_exec.js"} {
		s, err := measure(filepath.Join(build, f))
		if err != nil {
			return err
		}
		r.Sizes = append(r.Sizes, s)
	}
	fmt.Fprintln(os.Stderr, "bench: core benchmarks")
	if r.Core, err = benchCore(count); err != nil {
		return err
	}
	if reuse != "" {
		if r.Browser, err = os.ReadFile(reuse); err != nil {
			return err
		}
	} else if browser {
		fmt.Fprintln(os.Stderr, "bench: browser benchmark (about 13 minutes; -quick about 4)")
		tmp, err := os.CreateTemp("", "bench-browser-*.json")
		if err != nil {
			return err
		}
		tmp.Close()
		defer os.Remove(tmp.Name())
		cmd := exec.Command("go", "test", "-count=1", "-run", "^TestBrowserBench$", "-v", "-timeout", "1800s", ".")
		cmd.Dir = "web"
		cmd.Env = append(append(os.Environ(), "BENCH_OUT="+tmp.Name()), sz.env()...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("browser benchmark: %w", err)
		}
		if r.Browser, err = os.ReadFile(tmp.Name()); err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "report.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	md, err := markdown(r)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "report.md"), []byte(md), 0o644)
}

// readBudgets reads bench/budgets.txt.
func readBudgets(name string) (map[string]int, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseBudgets(name, f)
}

// parseBudgets reads a budgets file called name: a file name and a brotli
// byte budget a line, # comments.
func parseBudgets(name string, r io.Reader) (map[string]int, error) {
	m := map[string]int{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s: bad line %q: want a file name and a byte count", name, sc.Text())
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%s: bad budget %q for %s: want a byte count", name, fields[1], fields[0])
		}
		m[fields[0]] = n
	}
	return m, sc.Err()
}

// measure returns the raw, gzip -9 and brotli -q 11 sizes of a file, with
// the same tools as make size and make size-check.
func measure(name string) (size, error) {
	s := size{File: filepath.Base(name)}
	b, err := os.ReadFile(name)
	if err != nil {
		return s, fmt.Errorf("%w: run make build", err)
	}
	s.Raw = len(b)
	for _, c := range []struct {
		n    *int
		args []string
	}{{&s.Gzip, []string{"gzip", "-9", "-c", "-n"}}, {&s.Brotli, []string{"brotli", "-q", "11", "-c"}}} {
		cmd := exec.Command(c.args[0], c.args[1:]...)
		cmd.Stdin = bytes.NewReader(b)
		z, err := cmd.Output()
		if err != nil {
			return s, fmt.Errorf("%s %s: %w", c.args[0], name, err)
		}
		*c.n = len(z)
	}
	return s, nil
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+([\d.]+) B/op\s+([\d.]+) allocs/op)?`)

// benchCore runs the core benchmarks count times.
func benchCore(count int) ([]coreBench, error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", ".", "-benchmem", "-count", strconv.Itoa(count), "./core")
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go test -bench ./core: %w\n%s", err, b)
	}
	out := parseBench(string(b))
	if len(out) == 0 {
		return nil, errors.New("go test -bench ./core printed no benchmark")
	}
	return out, nil
}

// parseBench reads the output of go test -bench -benchmem: each
// benchmark's ns/op of every run, and its B/op and allocs/op.
func parseBench(text string) []coreBench {
	var out []coreBench
	for _, line := range strings.Split(text, "\n") {
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		i := slices.IndexFunc(out, func(c coreBench) bool { return c.Name == m[1] })
		if i < 0 {
			out = append(out, coreBench{Name: m[1]})
			i = len(out) - 1
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		out[i].NsOp = append(out[i].NsOp, ns)
		out[i].BytesOp, _ = strconv.ParseFloat(m[3], 64)
		out[i].AllocsOp, _ = strconv.ParseFloat(m[4], 64)
	}
	return out
}

func markdown(r report) (string, error) {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Benchmarks: braze-wasm against Segment's Braze Actions plugin\n\n")
	p("Written by `make bench` (bench/main.go) on %s: %s, %d CPUs. Raw figures: [report.json](report.json).\n", r.Date, r.Go, r.CPUs)
	p("Absolute times drift on this shared machine; compare the ratios.\n\n")

	p("## Sizes\n\nBytes; gzip -9 and brotli -q 11, as served. Budgets (bench/budgets.txt) are asserted by `make size-check`, part of `make test`.\n\n")
	p("| file | raw | gzip | brotli | brotli KiB | budget |\n|---|---:|---:|---:|---:|---|\n")
	for _, s := range r.Sizes {
		budget := "-"
		if max, ok := r.Budgets[s.File]; ok {
			verdict := "met"
			if s.Brotli > max {
				verdict = "**over**"
			}
			budget = fmt.Sprintf("%d (%.0f KiB): %s", max, float64(max)/1024, verdict)
		}
		p("| %s | %d | %d | %d | %.1f | %s |\n", s.File, s.Raw, s.Gzip, s.Brotli, float64(s.Brotli)/1024, budget)
	}

	p("\n## Go core, native\n\n`go test -bench . -benchmem ./core`, median of the runs (min-max). Targets (issue 19): MapTrack at most 2 us and 8 allocs, Order Completed with 3 products at most 4 us.\n\n")
	p("| benchmark | ns/op | min-max | B/op | allocs/op |\n|---|---:|---|---:|---:|\n")
	for _, c := range r.Core {
		s := summarize(c.NsOp)
		p("| %s | %.0f | %.0f-%.0f | %.0f | %.0f |\n", c.Name, s.med, slices.Min(c.NsOp), slices.Max(c.NsOp), c.BytesOp, c.AllocsOp)
	}

	if len(r.Browser) == 0 {
		p("\n(The browser benchmark was not run.)\n")
		return b.String(), nil
	}
	if err := browserMarkdown(&b, r.Browser); err != nil {
		return "", err
	}
	return b.String(), nil
}

// stat is a median with its spread.
type stat struct{ med, lo, hi float64 }

// summarize returns the median and the 10th and 90th percentiles.
func summarize(xs []float64) stat {
	if len(xs) == 0 {
		return stat{math.NaN(), math.NaN(), math.NaN()}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	at := func(p float64) float64 { return s[int(math.Round(p*float64(len(s)-1)))] }
	return stat{at(0.5), at(0.1), at(0.9)}
}

func num(x float64) string {
	switch {
	case math.IsNaN(x):
		return "-"
	case x >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case x >= 10:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

func ratio(a, b float64) string {
	if b == 0 || math.IsNaN(a) || math.IsNaN(b) {
		return "-"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64) + "x"
}
