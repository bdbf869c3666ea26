package core

// The settings this build knows: SDK versions and datacenters, the
// initialize options and their names in each integration, aliases.

// DefaultSDKVersion is the SDK version used when the settings name none:
// the newest this build knows.
const DefaultSDKVersion = "6.13"

// DefaultEndpoint is Braze's US-01 SDK host, the endpoint of both
// reference integrations when none is configured.
const DefaultEndpoint = "sdk.iad-01.braze.com"

const (
	sdkCDNBase = "https://js.appboycdn.com/web-sdk/"

	// The classic integration turns 0, "" and NaN into these (§1.1); we
	// keep an explicit 0 trigger interval (§7).
	classicTriggerInterval = 30
	classicSessionTimeout  = 30

	defaultReadyTimeoutMs = 5000
	// maxReadyTimeoutMs bounds how long a typo can hold every
	// analytics.ready callback of the page.
	maxReadyTimeoutMs = 60000

	// settingPreviewLen is how much of a bad value a message quotes.
	settingPreviewLen = 30
)

// newestSDKMinor is the newest release of each major this build knows. A
// bare major selects it; a newer minor is accepted (Braze ships minors
// often) with a warning, since its CDN path may not exist. An array by
// major, 0 for none: a map literal is built by code at start-up.
var newestSDKMinor = [...]int{3: 5, 4: 10, 5: 9, 6: 13}

// newestMinor returns newestSDKMinor's entry for major, if it has one.
func newestMinor(major int) (int, bool) {
	if major < 0 || major >= len(newestSDKMinor) || newestSDKMinor[major] == 0 {
		return 0, false
	}
	return newestSDKMinor[major], true
}

// classicDatacenter returns the host of one of the classic integration's
// datacenter values (§1.3), lower-cased.
func classicDatacenter(d string) (string, bool) {
	switch d {
	case "us":
		return "sdk.iad-01.braze.com", true
	case "us02":
		return "sdk.iad-02.braze.com", true
	case "us03":
		return "sdk.iad-03.braze.com", true
	case "eu":
		return "sdk.fra-01.braze.eu", true
	}
	return "", false
}

type optionKind uint8

const (
	optionBool optionKind = iota
	optionNumber
	optionString
	optionStrings
)

func (k optionKind) String() string {
	switch k {
	case optionBool:
		return "a boolean"
	case optionNumber:
		return "a number"
	case optionString:
		return "a string"
	}
	return "an array of strings"
}

// brazeOption is a Braze initialize option we accept as a setting.
type brazeOption struct {
	name    string // Braze's name on SDK 4+, and the preferred setting name
	classic string // the classic setting and SDK 1-3 name, when it differs
	kind    optionKind
	since   [2]int // first SDK major.minor that knows it (Braze changelog)
}

// brazeInitOptions in the order SDK 4+ options are emitted (after baseUrl).
var brazeInitOptions = []brazeOption{
	{name: "allowCrawlerActivity", kind: optionBool},
	{name: "allowUserSuppliedJavascript", classic: "enableHtmlInAppMessages", kind: optionBool},
	{name: "appVersion", kind: optionString},
	{name: "contentSecurityNonce", kind: optionString, since: [2]int{2, 4}},
	{name: "devicePropertyAllowlist", kind: optionStrings, since: [2]int{3, 1}},
	{name: "disablePushTokenMaintenance", kind: optionBool, since: [2]int{2, 4}},
	{name: "doNotLoadFontAwesome", kind: optionBool},
	{name: "enableLogging", kind: optionBool},
	{name: "enableSdkAuthentication", kind: optionBool, since: [2]int{3, 3}},
	{name: "inAppMessageZIndex", kind: optionNumber, since: [2]int{3, 3}},
	{name: "localization", kind: optionString},
	{name: "manageServiceWorkerExternally", kind: optionBool, since: [2]int{2, 4}},
	{name: "minimumIntervalBetweenTriggerActionsInSeconds", kind: optionNumber},
	{name: "noCookies", kind: optionBool},
	{name: "openCardsInNewTab", classic: "openNewsFeedCardsInNewTab", kind: optionBool},
	{name: "openInAppMessagesInNewTab", kind: optionBool},
	{name: "requireExplicitInAppMessageDismissal", kind: optionBool},
	{name: "safariWebsitePushId", kind: optionString},
	{name: "serviceWorkerLocation", kind: optionString},
	{name: "sessionTimeoutInSeconds", kind: optionNumber},
}

// classicInitOptions is the SDK 2/3 initialize object of the classic
// integration (§1.4), key for key: the key sent, the option it reads
// (Braze 4+ name) and the value when it is not set.
var classicInitOptions = []struct {
	key, option string
	def         any
}{
	{"safariWebsitePushId", "safariWebsitePushId", ""},
	{"enableHtmlInAppMessages", "allowUserSuppliedJavascript", false},
	{"allowCrawlerActivity", "allowCrawlerActivity", false},
	{"doNotLoadFontAwesome", "doNotLoadFontAwesome", false},
	{"enableLogging", "enableLogging", false},
	{"localization", "localization", "en"},
	{"minimumIntervalBetweenTriggerActionsInSeconds", "minimumIntervalBetweenTriggerActionsInSeconds", float64(classicTriggerInterval)},
	{"openInAppMessagesInNewTab", "openInAppMessagesInNewTab", false},
	{"openNewsFeedCardsInNewTab", "openCardsInNewTab", false},
	{"requireExplicitInAppMessageDismissal", "requireExplicitInAppMessageDismissal", false},
	{"serviceWorkerLocation", "serviceWorkerLocation", Undefined{}},
	{"sessionTimeoutInSeconds", "sessionTimeoutInSeconds", float64(classicSessionTimeout)},
}

// Aliases: the first name is preferred when several are set.
var (
	apiKeyNames    = []string{"apiKey", "api_key"}
	versionNames   = []string{"version", "sdkVersion"}
	knownOnlyNames = []string{"onlyTrackKnownUsersOnWeb", "deferUntilIdentified"}
)

// otherSettings are the settings that are neither aliases above nor
// initialize options.
var otherSettings = []string{
	"sdkUrl", "sdkIntegrity", "endpoint", "datacenter", "customEndpoint", "baseUrl",
	"automaticallyDisplayMessages", "trackAllPages", "trackNamedPages",
	"logPurchaseWhenRevenuePresent", "anonymousEvents", "debounceIdentify",
	"sendOnlyChangedTraits", "appboyCompat", "readyTimeoutMs", "assetsUrl", "consentCategories",
}

// injectedSettings are added by Segment's Actions runtime to every
// settings object; they are not the user's, so they are not reported.
var injectedSettings = []string{"subscriptions", "versionSettings"}

var knownSettings = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range [][]string{apiKeyNames, versionNames, knownOnlyNames, otherSettings, injectedSettings} {
		for _, k := range list {
			m[k] = true
		}
	}
	for _, o := range brazeInitOptions {
		m[o.name] = true
		if o.classic != "" {
			m[o.classic] = true
		}
	}
	return m
}()
