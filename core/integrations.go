package core

// Rules for moving over from Segment's own Braze destination: which
// integrations switches apply to this one, and whether Segment's also runs
// on the page (Braze would then get everything twice). The facts are bits,
// not maps or strings: in the wasm module every map and pointer write costs
// code.

// PluginName is this destination's name in Analytics.js, the key that
// switches it in an integrations object. The shim's plugin has this name
// and no alternativeNames: Analytics.js drops an event for a plugin whose
// alternative name is false without a word, so the rules below decide for
// Segment's names instead, and say so.
const PluginName = "Braze (WASM)"

// Names are the integrations names the rules read, by index: ours, All,
// then Segment's Braze destinations (the classic one, its older name, and
// Braze Web Mode (Actions)).
var Names = [...]string{PluginName, "All", "Braze", "Appboy", "Braze Web Mode (Actions)"}

const (
	nameOwn      = 0
	nameAll      = 1
	nameSegment  = 2 // the first of Segment's
	nameActions  = 4
	CodeExcluded = "excluded_by_integrations" // an integrations switch keeps events from this destination
)

// NameBit returns the bit of name in Names, or 0 when it is not there.
func NameBit(name string) uint8 {
	for i, n := range Names {
		if n == name {
			return 1 << i
		}
	}
	return 0
}

// Switches are the booleans an integrations object holds for Names: bit i
// of Set when Names[i] is a boolean, bit i of On when it is true.
type Switches struct{ Set, On uint8 }

// Put records the name of bit (NameBit) = on.
func (s *Switches) Put(bit uint8, on bool) {
	s.Set |= bit
	if on {
		s.On |= bit
	}
}

// is reports whether Names[i] is set to on.
func (s Switches) is(i int, on bool) bool {
	return s.Set&(1<<i) != 0 && (s.On&(1<<i) != 0) == on
}

// Page is what the wasm shell reads from the page's Analytics.js when the
// destination starts; each field has bit i for Names[i].
type Page struct {
	Load    Switches // analytics.load's integrations option
	CDN     uint8    // integrations of the CDN settings in device mode (DeviceMode)
	Remote  uint8    // remotePlugins of the CDN settings, by name or creationName
	Plugins uint8    // destination plugins registered so far
}

// DeviceMode reports whether Analytics.js loads a CDN settings integration
// in the page, as its isInstallableIntegration does.
func DeviceMode(typ, bundlingStatus string, componentTypes []string) bool {
	browser := typ == "browser"
	for _, t := range componentTypes {
		browser = browser || t == "browser"
	}
	return browser && bundlingStatus != "unbundled"
}

// off reports whether analytics.load's integrations keep Analytics.js from
// loading Segment's destination Names[i].
func (p Page) off(i int) bool {
	return p.Load.is(i, false) || p.Load.is(nameAll, false) && !p.Load.is(i, true)
}

// Conflicts returns the names of Segment's own Braze destinations that run
// on the page beside this one: registered as plugins, or in the CDN
// settings (a device-mode classic integration or an Actions plugin) and not
// switched off by analytics.load.
func Conflicts(p Page) (names []string) {
	for i := nameSegment; i < len(Names); i++ {
		bit := uint8(1) << i
		if p.Plugins&bit != 0 || (p.CDN|p.Remote)&bit != 0 && !p.off(i) {
			names = append(names, Names[i])
		}
	}
	return names
}

// ConflictMessage is the console error for Conflicts' names.
func ConflictMessage(names []string) string {
	list, off := "", ""
	for i, n := range names {
		if i > 0 {
			list += ", "
			off += ", "
		}
		list += n
		off += "'" + n + "': false"
	}
	return "Segment's own Braze destination also runs on this page (" + list +
		"): Braze gets every event twice. Turn its device mode off in Segment, or pass integrations: {" +
		off + "} to analytics.load"
}

// LoadSwitches checks analytics.load's integrations option once, at start.
// off is set when it names this destination false: then Braze is not
// started at all. The warnings say what the option does to this
// destination, so that nothing is switched off silently.
func LoadSwitches(p Page) (off bool, message string, warnings []Warning) {
	if p.Load.is(nameOwn, false) {
		return true, "integrations['" + PluginName + "'] is false in analytics.load: this destination is off and Braze is not started", nil
	}
	if p.Load.is(nameAll, false) && !p.Load.is(nameOwn, true) {
		warnings = append(warnings, Warning{Field: "integrations.All", Code: CodeExcluded, Level: LevelWarning,
			Message: "All is false in analytics.load: Analytics.js sends this destination only the events whose integrations set '" + PluginName + "': true"})
	}
	for i := nameSegment; i < len(Names); i++ {
		if p.Load.is(i, false) {
			warnings = append(warnings, Warning{Field: "integrations." + Names[i], Code: CodeExcluded, Level: LevelInfo,
				Message: Names[i] + " is false in analytics.load: that stops Segment's own " + Names[i] + " destination, not this one (" +
					PluginName + "); on an event, write '" + PluginName + "': false to keep it from Braze"})
		}
	}
	return false, "", warnings
}

// ExcludedMessage is the message of the info an excluded event gets.
const ExcludedMessage = "false on this event (written for Segment's own Braze destination): not sent to Braze"

// EventSwitches reads the boolean switches of an event's integrations.
func EventSwitches(event map[string]any) (s Switches) {
	m, _ := event["integrations"].(map[string]any)
	for i, name := range Names {
		if b, ok := m[name].(bool); ok {
			s.Put(1<<i, b)
		}
	}
	return s
}

// Passed reports whether Analytics.js hands an event to this destination,
// as its availableExtensions decides: the event's integrations[PluginName]
// when it is neither null nor absent, taken as JavaScript truth (0 and ""
// are off, an object is on), else whether All is anything but false.
// field names the switch that kept it.
func Passed(event map[string]any) (field string, ok bool) {
	m, _ := event["integrations"].(map[string]any)
	field = "integrations." + PluginName
	switch v := m[PluginName].(type) {
	case nil:
		b, off := m["All"].(bool)
		return "integrations.All", b || !off
	case bool:
		return field, v
	case float64:
		return field, v != 0
	case string:
		return field, v != ""
	}
	return field, true
}

// skippedBy returns the info an event gets when the page keeps it from
// Braze before the mapping: its integrations by Analytics.js's rule
// (Passed), then by ours for Segment's names (Excluded, with no
// analytics.load options in a plan), then its consent (Consented).
func skippedBy(s *Settings, event map[string]any) (Warning, bool) {
	if field, ok := Passed(event); !ok {
		return Warning{Field: field, Code: CodeExcluded, Level: LevelInfo,
			Message: "keeps this event from " + PluginName + ": Analytics.js does not hand it over"}, true
	}
	if field, ok := Excluded(EventSwitches(event), Page{}); ok {
		return Warning{Field: field, Code: CodeExcluded, Level: LevelInfo, Message: ExcludedMessage}, true
	}
	w, ok := Consented(s, event)
	return w, !ok
}

// Excluded reports whether an event's integrations keep it from this
// destination: one of Segment's Braze names is false on the event, written
// for Segment's destination, and not by analytics.load (where it means
// Segment's own only). The event's own value for PluginName wins;
// Analytics.js has already applied it. field names the switch.
func Excluded(event Switches, p Page) (field string, ok bool) {
	if event.Set&(1<<nameOwn) != 0 {
		return "", false
	}
	for i := nameSegment; i < len(Names); i++ {
		if event.is(i, false) && !p.Load.is(i, false) {
			return "integrations." + Names[i], true
		}
	}
	return "", false
}
