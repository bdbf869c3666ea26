package main

// The browser side of the e2e harness: one Chromium for the whole test
// package, started on first use, and one tab in a fresh browser context per
// test, whose console, exceptions and network requests are watched.

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumCandidates are tried in order when CHROMIUM is not set. The headless
// shell starts in about 0.1 s, the full browser in 0.3 to 0.8 s.
var chromiumCandidates = []string{
	"/usr/bin/chromium-headless-shell",
	"/usr/bin/chromium",
	"chromium-headless-shell",
	"chromium",
}

// busyWait bounds a wait of these tests for the page, the browser or the
// backend. A machine busy with other work (make test-busy) can take many
// times the usual to load a page, compile the module or deliver an event,
// so it is generous: it only limits how long a failing test takes to say
// so. No browser test asserts how fast something happened; make bench
// measures that.
const busyWait = 60 * time.Second

// browser is the Chromium shared by the tests of this package.
var browser struct {
	once   sync.Once
	ctx    context.Context // a chromedp context whose browser is running
	cancel context.CancelFunc
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel() // closes Chromium and waits for it
	}
	os.Exit(code)
}

// chromiumPath returns the browser to start: $CHROMIUM, or the first candidate
// found.
func chromiumPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	for _, c := range chromiumCandidates {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found (tried " + strings.Join(chromiumCandidates, ", ") +
		"): run make deps-browser, or set CHROMIUM to a Chromium binary")
}

// browserContext returns the context of the shared browser, starting it on
// first use, so that the server tests of this package start no browser.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	browser.once.Do(func() {
		path, err := chromiumPath()
		if err != nil {
			browser.err = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox, // CI runs as root, where the sandbox cannot start
			chromedp.DisableGPU,
			// Nothing may leave the machine: no QUIC probes, no component
			// downloads (the defaults already disable background networking).
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		start := time.Now()
		if err := chromedp.Do(ctx); err != nil { // starts the browser
			cancel()
			cancelAlloc()
			browser.err = fmt.Errorf("starting %s: %w", path, err)
			return
		}
		t.Logf("started %s in %v", path, time.Since(start).Round(time.Millisecond))
		browser.ctx = ctx
		browser.cancel = func() { cancel(); cancelAlloc() }
	})
	if browser.err != nil {
		t.Fatalf("browser: %v", browser.err)
	}
	return browser.ctx
}

// tab is one page of the shared browser, in a browser context of its own:
// fresh cookies, localStorage and IndexedDB, where the Braze SDK keeps its
// device id and its queue.
type tab struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	console  []chromedp.ConsoleMessage
	marks    int      // the console marks printed (syncConsole), and
	marked   int      // the last one that came back
	external []string // URLs of requests that would leave 127.0.0.1
	// allowExceptions turns off the rule that an uncaught exception fails
	// the test, for a test that expects one.
	allowExceptions bool
}

// newTab opens a tab. When the test ends, an uncaught exception in the page or
// a request to any host other than 127.0.0.1 fails it, and the console is
// logged (shown with -v or on failure).
func newTab(t *testing.T) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserContext(t), chromedp.WithNewBrowserContext())
	return watchTab(t, ctx, cancel)
}

// sibling opens another tab in tb's browser context: the same origin's
// localStorage and Web Locks, as a visitor's second tab has.
func (tb *tab) sibling() *tab {
	tb.t.Helper()
	ctx, cancel := chromedp.NewContext(tb.ctx)
	return watchTab(tb.t, ctx, cancel)
}

// watchTab watches the tab of ctx, as newTab says.
func watchTab(t *testing.T, ctx context.Context, cancel context.CancelFunc) *tab {
	t.Helper()
	tb := &tab{t: t, ctx: ctx}

	// Subscribe before the first navigation, so that nothing is missed. Both
	// calls open the tab.
	messages := chromedp.Console(ctx)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	var wg sync.WaitGroup
	wg.Go(func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			if n, ok := consoleMarkOf(m); ok {
				tb.marked = max(tb.marked, n)
			} else {
				tb.console = append(tb.console, m)
			}
			tb.mu.Unlock()
		}
	})
	wg.Go(func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			if ev.Request != nil && !isLocal(ev.Request.URL) {
				tb.mu.Lock()
				tb.external = append(tb.external, ev.Request.URL)
				tb.mu.Unlock()
			}
		}
	})
	t.Cleanup(func() {
		cancel() // closes the tab and its browser context, and ends the loops
		wg.Wait()
		tb.check()
	})
	return tb
}

// isLocal reports whether a request to u stays on this machine: http(s) and
// ws(s) to 127.0.0.1 only, or a scheme that makes no network request.
func isLocal(u string) bool {
	parsed, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch parsed.Scheme {
	case "data", "blob", "about", "chrome", "devtools":
		return true
	case "http", "https", "ws", "wss":
		return parsed.Hostname() == "127.0.0.1"
	}
	return false
}

// check fails the test for the problems, and logs the console.
func (tb *tab) check() {
	tb.t.Helper()
	for _, m := range tb.messages() {
		tb.t.Logf("console %s", formatMessage(m))
	}
	for _, p := range tb.problems() {
		tb.t.Error(p)
	}
}

// problems returns what fails the test: uncaught exceptions (unless allowed)
// and requests that would leave the machine.
func (tb *tab) problems() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, m := range tb.console {
		if m.IsException() && !tb.allowExceptions {
			out = append(out, "uncaught exception in the page: "+formatMessage(m))
		}
	}
	for _, u := range tb.external {
		out = append(out, "the page made a request that leaves the machine: "+u)
	}
	return out
}

// formatMessage returns a console message with its place, and the stack of an
// exception.
func formatMessage(m chromedp.ConsoleMessage) string {
	s := m.String()
	if m.URL != "" {
		s += fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
	}
	if m.IsException() && m.Stack != nil {
		for _, f := range m.Stack.CallFrames {
			s += fmt.Sprintf("\n\tat %s (%s:%d:%d)", f.FunctionName, f.URL, f.LineNumber+1, f.ColumnNumber+1)
		}
	}
	return s
}

// messages returns a copy of the console so far.
func (tb *tab) messages() []chromedp.ConsoleMessage {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]chromedp.ConsoleMessage(nil), tb.console...)
}

// consoleText returns the console so far, one message a line, for failure
// messages.
func (tb *tab) consoleText() string {
	var b strings.Builder
	for _, m := range tb.messages() {
		b.WriteString("\n\t" + formatMessage(m))
	}
	return b.String()
}

// consoleMark starts the text of the marks that syncConsole prints; the
// tab keeps them out of its console.
const consoleMark = "e2e-console-mark "

// consoleMarkOf returns the number of m when it is a mark of syncConsole.
func consoleMarkOf(m chromedp.ConsoleMessage) (int, bool) {
	rest, ok := strings.CutPrefix(m.Text, consoleMark)
	if !ok || m.Type != chromedp.ConsoleDebug {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

// syncConsole waits until every message the page printed before it was
// called has reached the test. The browser reports the console in order but
// some time after the page printed, more so on a busy machine, so reading
// tb.messages() right after the page did something can miss its last
// messages: syncConsole prints a mark and waits for it to come back. Read
// the console after it (shimMessages and hasException do), and wait for a
// message the page may print later with waitConsole.
func (tb *tab) syncConsole() {
	tb.t.Helper()
	tb.mu.Lock()
	tb.marks++
	n := tb.marks
	tb.mu.Unlock()
	eval[bool](tb, `console.debug('`+consoleMark+strconv.Itoa(n)+`'), true`)
	marked := func() bool {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		return tb.marked >= n
	}
	if !waitUntil(marked) {
		tb.t.Fatalf("the console mark %d did not come back in %v%s", n, busyWait, tb.consoleText())
	}
}

// waitConsole waits until ok holds for the console so far, at most
// busyWait, and reports whether it did. The test asserts on the console
// after it, which says what is missing.
func (tb *tab) waitConsole(ok func([]chromedp.ConsoleMessage) bool) bool {
	return waitUntil(func() bool { return ok(tb.messages()) })
}

// waitUntil calls cond until it holds, at most busyWait, and reports
// whether it did.
func waitUntil(cond func() bool) bool {
	for deadline := time.Now().Add(busyWait); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

// navigate loads u and fails the test if that fails.
func (tb *tab) navigate(u string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, busyWait)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		tb.t.Fatalf("navigate %s: %v%s", u, err, tb.consoleText())
	}
}

// eval evaluates js in the page, awaiting a returned promise, and decodes the
// result into T. A throw fails the test with the console.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, busyWait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v%s", abbreviate(js), err, tb.consoleText())
	}
	return v
}

// poll waits until the JavaScript expression js is truthy, at most timeout.
func (tb *tab) poll(js string, timeout time.Duration) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, timeout+time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js,
		// An interval, not requestAnimationFrame: a headless tab in the
		// background may not paint.
		chromedp.WithPollingInterval(20*time.Millisecond),
		chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		tb.t.Fatalf("waiting for %s: %v%s", abbreviate(js), err, tb.consoleText())
	}
}

func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// onNewDocument runs js in every document the tab loads from then on,
// before any script of the page.
func (tb *tab) onNewDocument(js string) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		tb.t.Fatalf("onNewDocument: %v", err)
	}
}
