//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// bridge holds the state of one page: the settings, the mapper and the
// SDK global once started.
type bridge struct {
	settings *core.Settings
	mapper   *core.Mapper
	hooks    js.Value
	sdk      *sdk
	page     core.Page // the page's Analytics.js, read at start
	// said holds the warnings the shim had in a handle result: it prints
	// each once a page, so the same one again crosses as a count (status
	// 8 and 9), not as JSON text to write, decode and parse for every
	// event of a page that sends the same bad event.
	said []core.Warning
	// maker is the shim's maker of an event's calls (sdk.makeAll).
	maker js.Value
}

func newBridge() *bridge { return &bridge{} }

// testHandleHook is nil except in the testhooks build (testhook_js.go).
var testHandleHook func(event map[string]any)

// install registers one js.FuncOf per rare method, once: a FuncOf per
// call would leak. Events take the export in entry_js.go instead: a FuncOf
// costs about 12 us to call.
func install(target js.Value, b *bridge) {
	active, b.maker = b, target.Get("calls")
	set := func(name string, fn func(args []js.Value) any) { target.Set(name, js.FuncOf(guard(name, fn))) }
	set("configure", b.configure)
	set("start", b.start)
	set("plan", b.plan)
}

// guard turns a panic into an error result, so that a bug in Go costs one
// event, never the page and never the runtime. Not inlined: the closure
// it returns, with its deferred recover, would be made once per method.
//
//go:noinline
func guard(name string, fn func(args []js.Value) any) func(js.Value, []js.Value) any {
	return func(_ js.Value, args []js.Value) (result any) {
		defer func() {
			if p := recover(); p != nil {
				result = failed("panic", name+": "+core.PanicText(p)).jsValue()
			}
		}()
		return fn(args)
	}
}

type bridgeError struct {
	Code    string `js:"code"`
	Message string `js:"message"`
	Field   string `js:"field"`
}

type configureResult struct {
	OK             bool           `js:"ok"`
	Error          *bridgeError   `js:"error"`
	Warnings       []core.Warning `js:"warnings"`
	SDKURL         string         `js:"sdkUrl"`
	SDKIntegrity   string         `js:"sdkIntegrity"`
	Version        string         `js:"version"`
	Family         string         `js:"family"`
	Global         string         `js:"global"`
	ReadyTimeoutMs int            `js:"readyTimeoutMs"`
	AppboyCompat   bool           `js:"appboyCompat"`
	OnlyKnownUsers bool           `js:"onlyKnownUsers"`
	// Consent is set when consentCategories is: the SDK waits for the
	// first event whose consent allows Braze (state "loading" from handle).
	Consent bool `js:"consent"`
	// Plan is the text of the boot plan in use, when hooks.plan is a
	// string: the plan the page carries, when it is this build's for these
	// settings (core.CheckBootPlan warns when not), else ""; or, asked for
	// with "", the plan the planner build makes (js/bootplan.js).
	Plan string `js:"plan"`
}

// configure takes the settings as JSON text, written by the shim as it
// writes events.
func (b *bridge) configure(args []js.Value) any {
	text := arg(args, 0).String()
	raw, ws, err := readObject([]byte(text))
	if err != nil {
		return failed("invalid_json", "settings: "+err.Error()).jsValue()
	}
	hooks, nonce, plan := arg(args, 1), "", js.Undefined()
	if hooks.Type() == js.TypeObject {
		if n := hooks.Get("nonce"); n.Type() == js.TypeString {
			nonce = n.String()
		}
		plan = hooks.Get("plan")
	}
	s, sw, err := core.ParsePageSettings(raw, nonce)
	ws = append(ws, sw...)
	if err != nil {
		return configureResult{Error: errorOf(err), Warnings: ws}.jsValue()
	}
	own := pagePlan(plan, text, raw, s, &ws)
	b.settings, b.hooks, b.sdk = s, hooks, nil
	b.mapper = core.NewMapper(s, newStore())
	return configureResult{
		OK: true, Warnings: ws, SDKURL: s.SDKURL, SDKIntegrity: s.SDKIntegrity,
		Version: s.Version, Family: s.Family.String(), Global: s.Family.Global(),
		ReadyTimeoutMs: s.ReadyTimeoutMs, AppboyCompat: s.AppboyCompat, OnlyKnownUsers: s.OnlyKnownUsers,
		Consent: len(s.ConsentCategories) > 0, Plan: own,
	}.jsValue()
}

// stepResult reports one start or handle call. State "failed" means
// initialize threw: the shim turns the destination off. State "loading"
// means the event's consent allows Braze, whose SDK is not there yet: the
// event was not handled, and the shim hands it over again after start.
type stepResult struct {
	OK         bool           `js:"ok"`
	Error      *bridgeError   `js:"error"`
	State      string         `js:"state"`
	Sent       int            `js:"sent"`
	Dropped    int            `js:"dropped"`
	Buffered   int            `js:"buffered"`
	DataPoints int            `js:"dataPoints"`
	Saved      int            `js:"saved"`
	Warnings   []core.Warning `js:"warnings"`
}

func (b *bridge) start(args []js.Value) any {
	if b.mapper == nil {
		return failed("not_ready", "configure must succeed first").jsValue()
	}
	s, err := findSDK(b.settings.Family, b.hooks)
	if err != nil {
		return failed("sdk_missing", err.Error()).jsValue()
	}
	s.maker, b.sdk = b.maker, s
	userID := ""
	if id := arg(args, 0); id.Type() == js.TypeString {
		userID = id.String()
	}
	b.page = readPage(b.hooks.Get("analytics"))
	off, why, ws := core.LoadSwitches(b.page)
	if off {
		return failed(core.CodeExcluded, why).jsValue()
	}
	if names := core.Conflicts(b.page); len(names) > 0 {
		b.callHook("conflict", js.ValueOf(anySlice(names)), js.ValueOf(core.ConflictMessage(names)))
	}
	// done: the shim made the calls of the boot plan, whose check passed,
	// with the same user id: Go takes over, counting what each call did.
	return b.run(b.mapper.Start(userID), ws, false, arg(args, 1)).jsValue()
}

// handle maps one event, given as JSON text, and executes its calls.
// Before start, only with consentCategories, it only judges the event's
// consent: the SDK loads once an event allows it.
func (b *bridge) handle(text []byte) stepResult {
	if b.mapper == nil || b.sdk == nil && b.settings.ConsentCategories == nil {
		return failed("not_ready", "configure and start must succeed first")
	}
	raw, ws, err := readObject(text)
	if err != nil {
		return failed("invalid_json", err.Error())
	}
	if field, ok := core.Excluded(core.EventSwitches(raw), b.page); ok {
		// The owner's choice, not a loss: info.
		w := core.Warning{Field: field, Code: core.CodeExcluded, Message: core.ExcludedMessage, Level: core.LevelInfo}
		return b.run(core.Result{}, []core.Warning{w}, true, js.Undefined())
	}
	if w, ok := core.Consented(b.settings, raw); !ok {
		// The visitor's choice: info.
		return b.run(core.Result{}, append(ws, w), true, js.Undefined())
	}
	if b.sdk == nil {
		return stepResult{OK: true, State: "loading"}
	}
	if testHandleHook != nil {
		testHandleHook(raw)
	}
	before := b.mapper.Buffered()
	r := b.mapper.Handle(raw)
	buffered := b.mapper.Buffered() > before
	return b.run(r, ws, !buffered, js.Undefined())
}

// run executes r's calls and reports them. An event that sent no call
// (none made, or the SDK refused them all) and was not buffered is
// counted as dropped when droppable, unless a setting chose not to send
// it (an info-level warning says which). done, when it is an array, holds
// what each call did when the shim made it (js/src/boot.js): true, false
// (the SDK refused it) or the message it threw; else Go has the shim make
// them all at once when it can (sdk.makeAll), or makes them one by one.
func (b *bridge) run(r core.Result, decodeWarnings []core.Warning, droppable bool, done js.Value) stepResult {
	res := stepResult{OK: true, State: "deferred", Saved: r.Saved, Warnings: append(decodeWarnings, r.Warnings...)}
	if done.Type() != js.TypeObject {
		done = b.sdk.makeAll(r.Calls)
	}
	for i, c := range r.Calls {
		var err *callError
		switch done.Type() {
		case js.TypeBoolean: // made, each taken
		case js.TypeObject:
			err = b.sdk.made(c, done.Index(i))
		default:
			if c.Method == core.MethodOpenSession {
				b.beforeOpenSession()
			}
			err = b.sdk.execute(c)
		}
		if err != nil {
			if c.Method == core.MethodInitialize {
				// Every later call needs an initialised SDK: the destination is off.
				return stepResult{Error: &bridgeError{Code: err.code, Message: err.msg}, State: "failed", Warnings: res.Warnings}
			}
			res.Warnings = append(res.Warnings, core.Warning{Field: c.Method, Code: err.code, Message: err.msg, Level: core.LevelWarning})
			continue
		}
		res.Sent++
		res.DataPoints += core.DataPoints([]core.Call{c})
	}
	if droppable && res.Sent == 0 && !chosen(r.Warnings) {
		res.Dropped = 1
	}
	if b.mapper.Started() {
		res.State = "ready"
	}
	res.Buffered = b.mapper.Buffered()
	for i := range res.Warnings {
		res.Warnings[i].Event = 0
	}
	return res
}

// chosen reports whether ws explain an event without calls as a
// configuration choice.
func chosen(ws []core.Warning) bool {
	for _, w := range ws {
		if w.Level == core.LevelInfo {
			return true
		}
	}
	return false
}

// beforeOpenSession lets the shim attach in-app message subscribers and
// the appboy alias before the session starts, so that session-start
// messages reach them.
func (b *bridge) beforeOpenSession() { b.callHook("beforeOpenSession", b.sdk.global) }

// callHook calls the shim's hook name, when it has one.
func (b *bridge) callHook(name string, args ...any) {
	if b.hooks.Type() != js.TypeObject {
		return
	}
	if fn := b.hooks.Get(name); fn.Type() == js.TypeFunction {
		defer func() { recover() }() // a throwing hook must not stop the session
		fn.Invoke(args...)
	}
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// dryRun is plan's body, in the planner build only (planner_js.go): the
// module a page downloads makes no dry runs.
var dryRun func(args []js.Value) any

// plan takes the settings as JSON text, the events as an array of JSON
// texts (the shim encodes at most its cap of them, each within the
// per-event budget) and the number of events the page passed.
func (b *bridge) plan(args []js.Value) any {
	if dryRun == nil {
		return failed("no_planner", "plan() needs the planner build of braze-wasm.wasm: load it first with assetsUrl set to the planner/ folder of the npm package or of make build (README)").jsValue()
	}
	return dryRun(args)
}

func errorOf(err error) *bridgeError {
	// core returns a *SettingsError unwrapped; errors.As would bring in
	// internal/reflectlite for this one check.
	if se, ok := err.(*core.SettingsError); ok {
		// The field is its own member: the message does not repeat it.
		return &bridgeError{Code: se.Code, Message: se.Message, Field: se.Field}
	}
	return &bridgeError{Code: "invalid_settings", Message: err.Error()}
}

// failed is the result of a step that could not run. Not inlined: the
// result is large, and it is made in a dozen places.
//
//go:noinline
func failed(code, message string) stepResult {
	return stepResult{Error: &bridgeError{Code: code, Message: message}}
}

// arg returns args[i], or undefined when the caller passed fewer.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}
