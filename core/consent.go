package core

// Consent: with consentCategories, Braze waits for the visitor's consent to
// each of those categories, read on every event where Segment's consent
// tools stamp it (and any consent manager can): the event's
// context.consent.categoryPreferences, an object of category: boolean. So
// each event carries the choice in force when it was sent: Braze starts
// with the first event that consents, and an event sent after the visitor
// withdrew is not sent.

// CodeNoConsent is the info of an event whose consent keeps it from Braze.
const CodeNoConsent = "no_consent"

// consentPath is where the visitor's choice is on an event.
const consentPath = "context.consent.categoryPreferences"

// Consented reports whether event's consent lets it reach Braze under s:
// every category of s.ConsentCategories is true (the boolean) in its
// context.consent.categoryPreferences. Without consentCategories every
// event does. When it does not, the info names the first category missing.
// Not inlined: the page's handle and the plan's skippedBy each had a copy.
//
//go:noinline
func Consented(s *Settings, event map[string]any) (Warning, bool) {
	context, _ := event["context"].(map[string]any)
	consent, _ := context["consent"].(map[string]any)
	prefs, _ := consent["categoryPreferences"].(map[string]any)
	for _, c := range s.ConsentCategories {
		if prefs[c] != true {
			return Warning{Field: consentPath + "." + c, Code: CodeNoConsent, Level: LevelInfo,
				Message: "no consent (consentCategories): not sent to Braze"}, false
		}
	}
	return Warning{}, true
}
