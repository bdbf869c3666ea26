package core

// Settings is a parsed, validated settings object: everything the mapper,
// the shell and the shim need, with defaults applied.
type Settings struct {
	APIKey string

	// Version is the SDK version in use as major.minor ("6.13", "3.5",
	// "2.7", "1"); Major and Minor are its parts.
	Version      string
	Major, Minor int
	Family       Family

	// SDKURL is where the SDK script is loaded from: sdkUrl, or the
	// Braze CDN path for the version. SDKIntegrity is its SRI hash.
	SDKURL       string
	SDKIntegrity string

	// InitOptions is the exact second argument of initialize.
	InitOptions Options

	AutomaticallyDisplayMessages  bool
	TrackAllPages                 bool
	TrackNamedPages               bool
	LogPurchaseWhenRevenuePresent bool

	// OnlyKnownUsers defers initialize until a userId is known;
	// BufferAnonymous keeps the events that arrive before it (setting
	// anonymousEvents: "buffer") instead of dropping them.
	OnlyKnownUsers  bool
	BufferAnonymous bool

	// ConsentCategories keeps Braze from running until an event's
	// consent allows it (Consented): no SDK load before the first such
	// event, and no event sent without it.
	ConsentCategories []string

	DebounceIdentify      bool
	SendOnlyChangedTraits bool
	AppboyCompat          bool
	ReadyTimeoutMs        int
	AssetsURL             string
}

// AtLeast reports whether the SDK version is major.minor or newer.
func (s *Settings) AtLeast(major, minor int) bool {
	return s.Major > major || s.Major == major && s.Minor >= minor
}
