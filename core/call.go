package core

// Family is the API family of a Braze Web SDK major version: the global
// the SDK defines and the names of its methods differ between them.
type Family uint8

const (
	// FamilyAppboyAB is SDK 1 and 2: window.appboy with classes under appboy.ab.
	FamilyAppboyAB Family = iota + 1
	// FamilyAppboy is SDK 3: window.appboy with classes at appboy.User.
	FamilyAppboy
	// FamilyBraze is SDK 4 and later: window.braze.
	FamilyBraze
)

// String returns the name the playground and status() show.
func (f Family) String() string {
	switch f {
	case FamilyAppboyAB:
		return "appboy.ab"
	case FamilyAppboy:
		return "appboy"
	case FamilyBraze:
		return "braze"
	}
	return "unknown"
}

// Global is the name of the SDK's window global for the family.
func (f Family) Global() string {
	if f == FamilyBraze {
		return "braze"
	}
	return "appboy"
}

// Method names as called on the SDK global. User setters are reached
// through getUser(), which the shell calls once per setter.
const (
	MethodInitialize         = "initialize"
	MethodAutoShowV1V3       = "display.automaticallyShowNewInAppMessages"
	MethodAutoShowV4         = "automaticallyShowInAppMessages"
	MethodChangeUser         = "changeUser"
	MethodOpenSession        = "openSession"
	MethodLogCustomEvent     = "logCustomEvent"
	MethodLogPurchase        = "logPurchase"
	MethodSetAvatarImageURL  = "getUser().setAvatarImageUrl"
	MethodSetEmail           = "getUser().setEmail"
	MethodSetFirstName       = "getUser().setFirstName"
	MethodSetLastName        = "getUser().setLastName"
	MethodSetGender          = "getUser().setGender"
	MethodSetPhoneNumber     = "getUser().setPhoneNumber"
	MethodSetCountry         = "getUser().setCountry"
	MethodSetHomeCity        = "getUser().setHomeCity"
	MethodSetDateOfBirth     = "getUser().setDateOfBirth"
	MethodSetCustomAttribute = "getUser().setCustomUserAttribute"
)

// UserMethodPrefix starts every method called on the object getUser() returns.
const UserMethodPrefix = "getUser()."

// MethodTarget splits method into the member of the SDK global it is
// called on ("" for the global itself, "display" for
// display.automaticallyShowNewInAppMessages) and its own name; user is
// true for a method of the object getUser() returns.
func MethodTarget(method string) (member, name string, user bool) {
	if name, user = cutPrefix(method, UserMethodPrefix); user {
		return "", name, true
	}
	if member, name, found := cut(method, "."); found {
		return member, name, false
	}
	return "", method, false
}

// AutoShowMethod is the method that turns on automatic display of in-app
// messages for the family.
func (f Family) AutoShowMethod() string {
	if f == FamilyBraze {
		return MethodAutoShowV4
	}
	return MethodAutoShowV1V3
}

// Call is one method call on the SDK global.
type Call struct {
	Method string `json:"method"`
	Args   []any  `json:"args"`
}

// Gender is a value of the SDK's User.Genders enum; the shell passes the
// SDK's own constant whose value it is.
type Gender string

// The SDK's gender values (User.Genders.MALE is "m", and so on).
const (
	GenderMale           Gender = "m"
	GenderFemale         Gender = "f"
	GenderOther          Gender = "o"
	GenderUnknown        Gender = "u"
	GenderNotApplicable  Gender = "n"
	GenderPreferNotToSay Gender = "p"
)

// ConstantName is the key of the value in the SDK's User.Genders object.
func (g Gender) ConstantName() string {
	switch g {
	case GenderMale:
		return "MALE"
	case GenderFemale:
		return "FEMALE"
	case GenderOther:
		return "OTHER"
	case GenderUnknown:
		return "UNKNOWN"
	case GenderNotApplicable:
		return "NOT_APPLICABLE"
	case GenderPreferNotToSay:
		return "PREFER_NOT_TO_SAY"
	}
	return ""
}

// Undefined stands for JavaScript's undefined where a key must be present
// with no value, as in the classic initialize options object.
type Undefined struct{}

// Option is one key of the initialize options object. Options keep the
// order in which the reference integrations build them.
type Option struct {
	Key   string
	Value any
}

// Options is an ordered initialize options object.
type Options []Option

// Get returns the value of key and whether it is present.
func (o Options) Get(key string) (any, bool) {
	for _, opt := range o {
		if opt.Key == key {
			return opt.Value, true
		}
	}
	return nil, false
}

// Map returns the options as a map, for encoding.
func (o Options) Map() map[string]any {
	m := make(map[string]any, len(o))
	for _, opt := range o {
		m[opt.Key] = opt.Value
	}
	return m
}

// dateOfBirthArgs are setDateOfBirth's arguments: UTC year, month 1-12, day.
func dateOfBirthArgs(d Date) []any {
	year, month, day := d.Civil()
	return []any{float64(year), float64(month), float64(day)}
}
