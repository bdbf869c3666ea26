package core

import "github.com/segment-braze-wasm/segment-braze-wasm/core/jsonread"

// A boot plan lets the shim start Braze before the wasm module arrives
// (issue 16). What a page load asks of the SDK follows from the settings
// and the stored user id alone, so Go works it out ahead of time (make
// dist, or the npm package's braze-wasm-plan) as data that the shim
// carries out with a generic loop (js/src/boot.js). Once the module runs,
// Go checks that the plan was made from the page's settings by a build of
// the same code: the plan is then the one Go would make, by construction,
// and Go takes over where the shim left off; if not, one warning says what
// differs and the page load runs as it does without a plan. Only the
// planner build (wasm/planner_js.go) makes plans: pages never download
// that code.

// Placeholders in a plan's call arguments, filled in by the shim: U+E000
// and a letter, the mark of the shim's protocol.
const (
	// PlanUserID stands for the stored user id.
	PlanUserID = "\uE000i"
	// PlanNonce stands for the page's script nonce; without one, the
	// option is left out, as ParsePageSettings leaves it out.
	PlanNonce = "\uE000n"
	// PlanUndefined is an option present with no value (Undefined).
	PlanUndefined = "\uE000u"
)

// CodePlanOutdated is the warning about a boot plan that differs from the
// one the module makes from the page's settings.
const CodePlanOutdated = "plan_outdated"

// BootPlan is what a page load asks of the SDK before any event: data only.
type BootPlan struct {
	// Settings is the settings' JSON text, exactly as the shim hands it to
	// Go: the shim uses the plan only for these settings.
	Settings string
	// Build names the code that made the plan (a hash of the module's
	// sources, which the Makefile gives both builds): the module uses
	// only a plan of its own build.
	Build        string
	SDKURL       string
	SDKIntegrity string
	Global       string
	AppboyCompat bool
	// Off is the name whose false in analytics.load's integrations option
	// turns this destination off (LoadSwitches): no plan then.
	Off string
	// MaxUserID is the longest stored user id, in UTF-16 code units (of
	// at most 3 UTF-8 bytes each), sure to be within MaxUserIDBytes: the
	// shim leaves a longer one to Go, which warns about one too long.
	MaxUserID int
	// Known are the calls with a stored user id (PlanUserID in its
	// place), Anonymous those without one: none in only-known-users mode.
	Known, Anonymous []Call
}

// MakeBootPlan returns the plan of build for the settings, given as the
// JSON text the shim hands Go and as parsed. ok is false when the settings are
// invalid or have consentCategories: Braze then waits for consent, not
// for Go. (Settings with a string that starts with U+E000 make a plan
// the shim never uses: the settings text it compares has the mark
// doubled, as the shim writes what Go reads.)
func MakeBootPlan(text string, raw map[string]any, build string) (p BootPlan, ok bool) {
	s, _, err := ParsePageSettings(raw, PlanNonce)
	if err != nil || len(s.ConsentCategories) > 0 {
		return p, false
	}
	for i, o := range s.InitOptions {
		if _, ok := o.Value.(Undefined); ok {
			s.InitOptions[i].Value = PlanUndefined
		}
	}
	return BootPlan{
		Settings: text, Build: build, SDKURL: s.SDKURL, SDKIntegrity: s.SDKIntegrity, Global: s.Family.Global(),
		AppboyCompat: s.AppboyCompat, Off: PluginName, MaxUserID: MaxUserIDBytes / 3,
		Known:     NewMapper(s, nil).Start(PlanUserID).Calls,
		Anonymous: NewMapper(s, nil).Start("").Calls,
	}, true
}

// CheckBootPlan reports whether given, the text of the boot plan a page
// carries, is the plan that build makes of the page's settings (text and
// raw; consent when they have consentCategories, which make none): made
// from the same settings text by the same build. When not, w says why,
// naming the settings that differ.
func CheckBootPlan(given, build, text string, raw map[string]any, consent bool) (ok bool, w Warning) {
	v, _, err := jsonread.Parse([]byte(given), jsonread.Limits{})
	g, _ := v.(map[string]any)
	old, isText := g["settings"].(string)
	by, isBuild := g["build"].(string)
	switch {
	case err != nil || !isText || !isBuild || consent:
		return false, warnf("plan", CodePlanOutdated, "the boot plan cannot be read, or these settings have none: not used; rerun make dist")
	case old != text:
		return false, planSettingsWarning(old, raw)
	case by != build:
		// The shim may have made its calls already: it cannot tell builds.
		return false, warnf("plan", CodePlanOutdated, "the boot plan was made by another build of braze-wasm (%s, this one is %s): rerun make dist", by, build)
	}
	return true, Warning{}
}

// planSettingsWarning names the settings that differ between old, the
// JSON text a plan was made from, and raw.
func planSettingsWarning(old string, raw map[string]any) Warning {
	v, _, _ := jsonread.Parse([]byte(old), jsonread.Limits{})
	was, _ := v.(map[string]any)
	names, verb := "", "differs"
	// Those of the page, then those it no longer has.
	keys := sortedKeys(raw)
	for i, k := range append(keys, sortedKeys(was)...) {
		a, inRaw := raw[k]
		b, inOld := was[k]
		if i >= len(keys) && inRaw || inRaw && inOld && deepEqual(a, b) {
			continue
		}
		if names != "" {
			names, verb = names+", ", "differ"
		}
		names += k
	}
	if names == "" {
		return warnf("plan", CodePlanOutdated, "the boot plan was made from these settings written otherwise (key order or spacing): not used; make it from the settings text the page passes")
	}
	return warnf("plan", CodePlanOutdated, "the boot plan was made from other settings (%s %s): not used; rerun make dist with these settings", names, verb)
}

// AppendJSONString appends s as a JSON string. Bytes that are not UTF-8
// pass through: the JS side decodes the whole text with TextDecoder, which
// replaces them as it does for any Go string crossing.
//
//go:noinline
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
