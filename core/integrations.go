package core

// Rules for moving over from Segment's own Braze destination: which
// integrations switches apply to this one, and whether Segment's also runs
// on the page (Braze would then get everything twice).

// PluginName is this destination's name in Analytics.js, the key that
// switches it in an integrations object. The shim's plugin has this name
// and no alternativeNames: Analytics.js drops an event for a plugin whose
// alternative name is false without a word, so the rules below decide for
// Segment's names instead, and say so.
const PluginName = "Braze (WASM)"

// Names of Segment's Braze destinations in integrations objects and CDN
// settings: the classic one, its older name, and Braze Web Mode (Actions).
const (
	segmentBraze   = "Braze"
	segmentAppboy  = "Appboy"
	segmentActions = "Braze Web Mode (Actions)"
)

// CodeExcluded marks an integrations switch that keeps events from this
// destination.
const CodeExcluded = "excluded_by_integrations"

// SegmentBrazeNames are the names of Segment's own Braze destinations.
var SegmentBrazeNames = []string{segmentBraze, segmentAppboy, segmentActions}

// Page is what the wasm shell reads from the page's Analytics.js when the
// destination starts.
type Page struct {
	// Integrations are the booleans of analytics.load's integrations
	// option; Analytics.js adds them to every event's integrations.
	Integrations map[string]bool
	// CDN holds the CDN settings' integrations entries of Segment's Braze
	// destinations, by name.
	CDN map[string]CDNIntegration
	// RemotePlugins are the CDN settings' remotePlugins.
	RemotePlugins []RemotePlugin
	// Plugins are the names of the destination plugins registered so far.
	Plugins []string
}

// CDNIntegration is the part of a CDN settings integration that tells
// whether Analytics.js loads it in the page (device mode).
type CDNIntegration struct {
	Type           string   // "browser" for a device-mode classic integration
	BundlingStatus string   // "unbundled": cloud mode only
	ComponentTypes []string // versionSettings.componentTypes
}

// RemotePlugin is an Actions destination that Analytics.js loads in the page.
type RemotePlugin struct{ Name, CreationName string }

// deviceMode is Analytics.js's own test (isInstallableIntegration).
func (c CDNIntegration) deviceMode() bool {
	if c.BundlingStatus == "unbundled" {
		return false
	}
	if c.Type == "browser" {
		return true
	}
	for _, t := range c.ComponentTypes {
		if t == "browser" {
			return true
		}
	}
	return false
}

// off reports whether analytics.load's integrations keep Analytics.js from
// loading the destination with any of names, as Analytics.js decides it.
func (p Page) off(names ...string) bool {
	named := false
	for _, n := range names {
		v, ok := p.Integrations[n]
		if ok && !v {
			return true
		}
		named = named || v
	}
	all, ok := p.Integrations["All"]
	return ok && !all && !named
}

// Conflicts returns the names of Segment's own Braze destinations that run
// on the page beside this one: a device-mode classic integration or an
// Actions plugin in the CDN settings that analytics.load does not switch
// off, or such a plugin registered by the page itself.
func Conflicts(p Page) []string {
	var out []string
	add := func(name string) {
		for _, o := range out {
			if o == name {
				return
			}
		}
		out = append(out, name)
	}
	for _, name := range []string{segmentBraze, segmentAppboy} {
		if c, ok := p.CDN[name]; ok && c.deviceMode() && !p.off(name) {
			add(name)
		}
	}
	for _, rp := range p.RemotePlugins {
		if (rp.Name == segmentActions || rp.CreationName == segmentActions) && !p.off(rp.Name, rp.CreationName) {
			add(segmentActions)
		}
	}
	for _, name := range p.Plugins {
		for _, s := range SegmentBrazeNames {
			if name == s {
				add(name)
			}
		}
	}
	return out
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
	own, named := p.Integrations[PluginName]
	if named && !own {
		return true, "integrations['" + PluginName + "'] is false in analytics.load: this destination is off and Braze is not started", nil
	}
	if all, ok := p.Integrations["All"]; ok && !all && !named {
		warnings = append(warnings, warnf("integrations.All", CodeExcluded,
			"All is false in analytics.load: Analytics.js sends this destination only the events whose integrations set '%s': true", PluginName))
	}
	for _, name := range SegmentBrazeNames {
		if v, ok := p.Integrations[name]; ok && !v {
			warnings = append(warnings, warnf("integrations."+name, CodeExcluded,
				"%s is false in analytics.load: that stops Segment's own %s destination, not this one (%s); on an event, write '%s': false to keep it from Braze",
				name, name, PluginName, PluginName))
		}
	}
	return false, "", warnings
}

// Excluded reports whether an event's integrations keep it from this
// destination: one of Segment's Braze names is false on the event, written
// for Segment's destination, and not by analytics.load (where it means
// Segment's own only). The event's own value for PluginName wins;
// Analytics.js has already applied it. field names the switch.
func Excluded(event map[string]bool, p Page) (field string, ok bool) {
	if _, named := event[PluginName]; named {
		return "", false
	}
	for _, name := range SegmentBrazeNames {
		if v, set := event[name]; set && !v {
			if load, atLoad := p.Integrations[name]; !atLoad || load {
				return "integrations." + name, true
			}
		}
	}
	return "", false
}
