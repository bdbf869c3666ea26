package core

// Result is what one page load or one event becomes.
type Result struct {
	Calls    []Call    `json:"calls"`
	Warnings []Warning `json:"warnings"`
	// DataPoints is what the calls cost in Braze data points.
	DataPoints int `json:"dataPoints"`
	// Saved is the data points debounceIdentify and sendOnlyChangedTraits
	// kept from Braze: what the event would cost with both off, minus
	// DataPoints.
	Saved int `json:"saved"`
}

// call appends a call, making room for a few at once, as addWarning: a
// page load or an order makes several.
//
//go:noinline
func (r *Result) call(method string, args ...any) {
	if args == nil {
		args = []any{}
	}
	if cap(r.Calls) == 0 {
		r.Calls = make([]Call, 0, 4)
	}
	r.Calls = append(r.Calls, Call{Method: method, Args: args})
}

//go:noinline
func (r *Result) warn(field, code, format string, args ...any) {
	addWarning(&r.Warnings, warnf(field, code, format, args...))
}

// warnAt warns about the value at f.
func (r *Result) warnAt(f *field, code, format string, args ...any) {
	warnAt(&r.Warnings, f, code, format, args...)
}

// PanicText is a recovered panic value as fmt's %v prints the ones Go and
// syscall/js raise (runtime errors, js.Error, strings).
func PanicText(p any) string {
	switch p := p.(type) {
	case error:
		return p.Error()
	case string:
		return p
	}
	return "unknown panic"
}

// info records a configuration choice: a Warning of level info.
//
//go:noinline
func (r *Result) info(field, code, format string, args ...any) {
	w := warnf(field, code, format, args...)
	w.Level = LevelInfo
	r.Warnings = append(r.Warnings, w)
}

// Mapper maps the events of one page load. It holds the state that spans
// events: whether the SDK is initialised, the only-known-users buffer, the
// last identify (debounceIdentify) and the attribute memory
// (sendOnlyChangedTraits). A Mapper is not safe for concurrent use.
type Mapper struct {
	s     *Settings
	store Store

	started    bool    // initialize and openSession have been emitted
	buffered   []Event // events held until a user is known
	lastIdent  Event   // previous identify, for debounceIdentify
	identified bool    // lastIdent is set
	user       string  // Braze user the attribute memory belongs to
}

// NewMapper returns a Mapper for the settings. store backs
// sendOnlyChangedTraits; it may be nil when that setting is off.
func NewMapper(s *Settings, store Store) *Mapper {
	if store == nil {
		store = NewMemoryStore()
	}
	return &Mapper{s: s, store: store}
}

// Settings returns the settings the Mapper was made with.
func (m *Mapper) Settings() *Settings { return m.s }

// Started reports whether initialize has been emitted.
func (m *Mapper) Started() bool { return m.started }

// Start returns the page-load calls: initialize, auto-show of in-app
// messages, changeUser when a user id is known, openSession. With
// only-known-users on and no user id it returns nothing; the calls come
// with the first identify that has a userId.
func (m *Mapper) Start(userID string) Result {
	var r Result
	if m.s.OnlyKnownUsers && userID == "" {
		return r
	}
	m.start(&r, userID)
	r.DataPoints = DataPoints(r.Calls)
	return r
}

func (m *Mapper) start(r *Result, userID string) {
	m.started = true
	r.call(MethodInitialize, m.s.APIKey, m.s.InitOptions)
	if m.s.AutomaticallyDisplayMessages {
		r.call(m.s.Family.AutoShowMethod())
	}
	if len(userID) > MaxUserIDBytes {
		r.warn("userId", CodeInvalidValue, "the stored user id has %d bytes: Braze refuses user ids over %d bytes: the session starts without it", len(userID), MaxUserIDBytes)
	} else if userID != "" {
		m.changeUser(r, userID)
	}
	r.call(MethodOpenSession)
}

// Handle maps one event given as a generic map. raw is read, never
// modified; its traits and properties are normalised as the mapping reads
// them, into the objects the calls carry, instead of being copied first.
// An event held for a known user (only-known-users) keeps them until it
// is replayed: the caller must not modify them meanwhile.
func (m *Mapper) Handle(raw map[string]any) (r Result) {
	defer func() {
		if p := recover(); p != nil {
			r = Result{Warnings: []Warning{warnf("", CodeInternalError, "mapping failed: %s", PanicText(p))}}
		}
	}()
	ev := readEvent(raw, &r.Warnings)
	m.HandleEvent(&ev, &r)
	r.DataPoints = DataPoints(r.Calls)
	return r
}

// HandleEvent maps an event as ParseEvent returns it, appending to r.
func (m *Mapper) HandleEvent(ev *Event, r *Result) {
	m.handleEvent(ev, r)
	checkUnread(ev, r)
}

func (m *Mapper) handleEvent(ev *Event, r *Result) {
	switch ev.Type {
	case TypeIdentify, TypeTrack, TypePage, TypeGroup:
	case TypeAlias, TypeScreen:
		r.info("type", CodeUnsupportedType, "%s events have no Braze equivalent on the web: ignored", ev.Type)
		return
	case "":
		r.warn("type", CodeMissingField, "the event has no type: ignored")
		return
	default:
		r.warn("type", CodeUnsupportedType, "unknown event type %q: ignored", ev.Type)
		return
	}
	if len(ev.UserID) > MaxUserIDBytes {
		// Sent without its user, the event would land on the previous one.
		r.warn("userId", CodeInvalidValue, "%d bytes: Braze refuses user ids over %d bytes: event not sent", len(ev.UserID), MaxUserIDBytes)
		return
	}
	if !m.started && !m.gate(ev, r) {
		return
	}
	m.dispatch(ev, r)
}

// MaxUserIDBytes is the longest user id the Braze SDK accepts: changeUser
// ignores a longer one, logging only to its own console, off by default.
const MaxUserIDBytes = 997

func (m *Mapper) dispatch(ev *Event, r *Result) {
	switch ev.Type {
	case TypeIdentify:
		m.identify(ev, r)
	case TypeTrack:
		m.track(ev, r)
	case TypePage:
		m.page(ev, r)
	case TypeGroup:
		m.group(ev, r)
	}
}

// changeUser switches the Braze user and the attribute memory with it.
func (m *Mapper) changeUser(r *Result, userID string) {
	r.call(MethodChangeUser, userID)
	m.user = userID
}

// DataPoints counts what Braze bills for calls: one per attribute written,
// per custom event, per purchase and per session start. Not inlined: its
// loop would be copied into each of its callers.
//
//go:noinline
func DataPoints(calls []Call) int {
	n := 0
	for _, c := range calls {
		switch {
		case c.Method == MethodLogCustomEvent, c.Method == MethodLogPurchase, c.Method == MethodOpenSession:
			n++
		case len(c.Method) > len(UserMethodPrefix) && c.Method[:len(UserMethodPrefix)] == UserMethodPrefix:
			n++
		}
	}
	return n
}

// SortedKeys returns m's keys in increasing order, for the wasm shell to
// show objects the same way every time.
func SortedKeys(m map[string]any) []string { return sortedKeys(m) }

// sortedKeys returns m's keys in order. Calls and property objects follow
// this order so that the same event always gives the same call list.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}
