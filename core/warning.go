package core

// Warning reports something dropped, changed or rejected, with the path of
// the field it concerns (traits.address.city, properties.products[1].price).
type Warning struct {
	// Event is the index of the event in a Plan; -1 for settings and
	// page-load warnings. Mapper.Handle leaves it 0 and Plan sets it.
	Event   int    `json:"event"`
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
	// Level is LevelWarning for data lost or changed, LevelInfo for what
	// a setting chose not to send. It is set where the warning is made:
	// one code can be either (an alias is a choice, an unknown type a loss).
	Level string `json:"level"`
}

// Warning levels.
const (
	// LevelWarning: data was lost or changed; something to fix.
	LevelWarning = "warning"
	// LevelInfo: a configuration choice (a page not tracked, an alias
	// ignored, an identify debounced, an unchanged trait skipped).
	LevelInfo = "info"
)

func (w Warning) String() string {
	if w.Field == "" {
		return w.Code + ": " + w.Message
	}
	return w.Field + ": " + w.Message + " (" + w.Code + ")"
}

// Warning codes. They are stable: tests, the playground and users' log
// filters match on them.
const (
	// Settings.
	CodeUnknownSetting     = "unknown_setting"
	CodeConvertedType      = "converted_type"
	CodeInvalidSetting     = "invalid_setting"
	CodeMissingAPIKey      = "missing_api_key"
	CodeUnsupportedVersion = "unsupported_version"

	// Event shape.
	CodeUnsupportedType = "unsupported_event_type"
	CodeInvalidType     = "invalid_type"
	CodeMissingField    = "missing_field"
	CodeTooDeep         = "too_deep"
	CodeCyclic          = "cyclic"
	CodeTooManyKeys     = "too_many_keys"

	// Values and keys.
	CodeReservedKey     = "reserved_key"
	CodeNestedObject    = "nested_object"
	CodeArrayOfObjects  = "array_of_objects"
	CodeMixedArray      = "mixed_array"
	CodeInvalidKey      = "invalid_key"
	CodeInvalidName     = "invalid_name"
	CodeInvalidValue    = "invalid_value"
	CodePayloadTooLarge = "payload_too_large"

	// Standard traits.
	CodeInvalidBirthday   = "invalid_birthday"
	CodeInvalidGender     = "invalid_gender"
	CodeAvatarUnsupported = "avatar_unsupported"

	// Purchases.
	CodeInvalidProductID = "invalid_product_id"
	CodeInvalidCurrency  = "invalid_currency"
	CodeInvalidPrice     = "invalid_price"
	CodeQuantityClamped  = "quantity_clamped"
	CodeInvalidProduct   = "invalid_product"
	CodeNoPurchase       = "no_purchase"

	// Group.
	CodeMissingGroupID = "missing_group_id"

	// Page.
	CodePageNotTracked = "page_not_tracked"

	// State across events.
	CodeUnknownUser    = "unknown_user"
	CodeBufferOverflow = "buffer_overflow"
	CodeDebounced      = "debounced"
	CodeUnchangedTrait = "unchanged_trait"
	CodeInternalError  = "internal_error"
)

// Warnf returns a Warning whose message is format with args, formatted
// as fmt.Sprintf would for the verbs %s %q %d %g %t %v and %T (without fmt,
// whose size the wasm module cannot afford).
func Warnf(field, code, format string, args ...any) Warning {
	return warnf(field, code, format, args...)
}

//go:noinline
func warnf(field, code, format string, args ...any) Warning {
	return Warning{Field: field, Code: code, Message: sprintf(format, args...), Level: LevelWarning}
}
