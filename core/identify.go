package core

import "unicode/utf8"

// identify maps an identify event (reference-behavior.md §3.1 in classic
// order, as amended by §7): changeUser, the standard profile fields
// (avatar, email, first name, gender, last name, phone, country, home
// city, date of birth), then every other trait as a custom attribute in
// key order. Every setter goes through userCall so that
// sendOnlyChangedTraits can skip values Braze already holds. ev.Traits
// is never modified: buffered events share it.
func (m *Mapper) identify(ev *Event, r *Result) {
	traits := ev.Traits
	if ev.raw {
		traits = normalizeObject(traits, "traits", &r.Warnings)
		ev.readTraits = true
	}
	if m.debounced(ev, traits) {
		r.info("", CodeDebounced, "same userId, anonymousId and traits as the previous identify: skipped (debounceIdentify)")
		r.Saved += m.costWithoutOptions(ev)
		return
	}
	// Classic calls changeUser on every identify; a repeat of the current
	// user is a no-op for Braze but still a call, so we skip it.
	if ev.UserID != "" && ev.UserID != m.user {
		m.changeUser(r, ev.UserID)
	}
	t := newIdentTraits(traits)
	m.identAvatar(&t, r)
	m.identEmail(&t, ev.UserID, r)
	first, firstField, last, lastField := m.identNames(&t, r)
	if first != "" {
		m.userCall(r, firstField, "first_name", MethodSetFirstName, first)
	}
	m.identGender(&t, r)
	if last != "" {
		m.userCall(r, lastField, "last_name", MethodSetLastName, last)
	}
	m.identPhone(&t, r)
	m.identAddress(&t, r)
	m.identBirthday(&t, r)
	m.identCustomAttributes(&t, r)
}

// identTraits reads an identify's traits the way Segment's facade does
// (objcase lookups) and remembers which keys the standard fields used, so
// that only unused reserved keys are reported.
type identTraits struct {
	m    map[string]any
	keys []string // sorted once: lookups and custom attributes share them
	// used holds the first nused keys read, one per standard-field
	// lookup: an array, not a slice of its own backing, which would put
	// identTraits on the heap.
	used  [12]string
	nused int
}

func newIdentTraits(traits map[string]any) identTraits {
	return identTraits{m: traits, keys: sortedKeys(traits)}
}

// get is objcase over the pre-sorted keys: the exact key first, else the
// first key in sorted order whose letters, digits and dots, lower-cased,
// spell name; the sort is shared with the custom attributes.
func (t *identTraits) get(name string) (key string, v any, ok bool) {
	if v, ok := t.m[name]; ok {
		t.use(name)
		return name, v, true
	}
	for _, k := range t.keys {
		if keyMatches(k, name) {
			t.use(k)
			return k, t.m[k], true
		}
	}
	return "", nil, false
}

func (t *identTraits) use(key string) {
	if t.nused < len(t.used) {
		t.used[t.nused] = key
		t.nused++
	}
}

// wasUsed reports whether a standard field read key.
func (t *identTraits) wasUsed(key string) bool {
	for _, k := range t.used[:t.nused] {
		if k == key {
			return true
		}
	}
	return false
}

// identAvatar sets the avatar: objcase avatar, else photoUrl, else
// avatarUrl, the first truthy one (facade avatar()). SDK 4 removed
// setAvatarImageUrl, so on the braze family it is reported, not sent.
func (m *Mapper) identAvatar(t *identTraits, r *Result) {
	var key string
	var v any
	for _, name := range [...]string{"avatar", "photoUrl", "avatarUrl"} {
		if k, x, _ := t.get(name); truthy(x) {
			key, v = k, x
			break
		}
	}
	if v == nil {
		return
	}
	field := "traits." + key
	s, ok := v.(string)
	switch {
	case !ok:
		r.warn(field, CodeInvalidType, "expected an image URL string but got %s: avatar not set", describe(v))
	case m.s.Family == FamilyAppboyAB || m.s.Family == FamilyAppboy:
		m.userCall(r, field, "image_url", MethodSetAvatarImageURL, s)
	default:
		r.warn(field, CodeAvatarUnsupported, "Braze Web SDK 4 and later have no setAvatarImageUrl: avatar not set")
	}
}

// identEmail sets the email: objcase email, else the userId when it looks
// like an address (facade email()).
func (m *Mapper) identEmail(t *identTraits, userID string, r *Result) {
	key, v, _ := t.get("email")
	if truthy(v) {
		if s, ok := v.(string); ok {
			m.userCall(r, "traits."+key, "email", MethodSetEmail, s)
		} else {
			r.warn("traits."+key, CodeInvalidType, "expected an email string but got %s: email not set", describe(v))
		}
		return
	}
	if identEmailLike(userID) {
		m.userCall(r, "userId", "email", MethodSetEmail, userID)
	}
}

// identEmailLike is the facade's unanchored /.+@.+\..+/ test: on one line
// (JavaScript's . matches no line terminator), at least one character, @,
// at least one character, a dot, at least one character.
func identEmailLike(s string) bool {
	for s != "" {
		line := s
		s = ""
		if i := identLineEnd(line); i >= 0 {
			_, size := utf8.DecodeRuneInString(line[i:])
			line, s = line[:i], line[i+size:]
		}
		if line == "" {
			continue
		}
		// The earliest @ after the first character leaves the most room
		// for the dot, which needs a character on each side.
		at := indexByte(line[1:], '@') + 1
		if at > 0 && at+2 < len(line) && indexByte(line[at+2:len(line)-1], '.') >= 0 {
			return true
		}
	}
	return false
}

// identLineEnd is the index of the first JavaScript line terminator in s
// (\n, \r, U+2028, U+2029), or -1.
func identLineEnd(s string) int {
	return indexFunc(s, func(c rune) bool {
		return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029'
	})
}

// identNames returns the first and last names with the fields they came
// from (facade firstName()/lastName()): objcase firstName/lastName when a
// string, trimmed, where "" means "no name" and blocks the fallback; else
// the first word of the trimmed name and the trimmed rest. Unlike the
// facade, the rest is cut from the trimmed name, so leading spaces do not
// shift it (reference-behavior.md §5.24).
func (m *Mapper) identNames(t *identTraits, r *Result) (first, firstField, last, lastField string) {
	fk, fv, _ := t.get("firstName")
	lk, lv, _ := t.get("lastName")
	fs, fIsString := fv.(string)
	ls, lIsString := lv.(string)
	// A non-string name part is not used, and its key is a reserved one
	// classic deletes, so the value would vanish without this warning.
	if fv != nil && !fIsString {
		r.warn("traits."+fk, CodeInvalidType, "expected a string but got %s: ignored", describe(fv))
	}
	if lv != nil && !lIsString {
		r.warn("traits."+lk, CodeInvalidType, "expected a string but got %s: ignored", describe(lv))
	}
	var nameFirst, nameRest, nameField string
	if !fIsString || !lIsString {
		if nk, nv, _ := t.get("name"); nv != nil {
			if s, ok := nv.(string); ok {
				nameFirst, nameRest = identSplitName(s)
				nameField = "traits." + nk
			}
		}
	}
	if fIsString {
		first, firstField = jsTrim(fs), "traits."+fk
	} else {
		first, firstField = nameFirst, nameField
	}
	if lIsString {
		last, lastField = jsTrim(ls), "traits."+lk
	} else {
		last, lastField = nameRest, nameField
	}
	return first, firstField, last, lastField
}

// identSplitName splits a full name at the first single space of its
// trimmed form: the facade's trim(name).split(' ')[0] and the trimmed rest.
func identSplitName(name string) (first, rest string) {
	name = jsTrim(name)
	i := indexByte(name, ' ')
	if i < 0 {
		return name, ""
	}
	return name[:i], jsTrim(name[i+1:])
}

// identGenderMaxLen is the longest name identGenderOf knows.
const identGenderMaxLen = len("prefer not to say")

// identGenderOf maps a gender name to the SDK enum: classic's table plus
// the values Braze added (u, n, p), reference-behavior.md §7. It looks s
// up case-insensitively, exactly, without trimming. A switch rather than
// a map: a map literal is built by code at start-up.
// Only ASCII letters are folded: JavaScript's toLowerCase never turns a
// non-ASCII character into one of the table's letters, so folding more
// (as strings.ToLower does with U+0130 to 'i') would accept what classic
// rejects.
func identGenderOf(s string) (Gender, bool) {
	if len(s) > identGenderMaxLen {
		return "", false
	}
	var buf [identGenderMaxLen]byte
	for i := 0; i < len(s); i++ {
		buf[i] = lowerASCII(s[i])
	}
	switch string(buf[:len(s)]) {
	case "woman", "female", "w", "f":
		return GenderFemale, true
	case "man", "male", "m":
		return GenderMale, true
	case "other", "o":
		return GenderOther, true
	case "unknown", "u":
		return GenderUnknown, true
	case "not applicable", "n":
		return GenderNotApplicable, true
	case "prefer not to say", "p":
		return GenderPreferNotToSay, true
	}
	return "", false
}

// identGender sets the gender. Unlike classic, an unrecognised or
// non-string value makes no setGender(undefined) call (§5.2). null and ""
// mean "no gender given" and are silent, as in classic, which only calls
// on a truthy value.
func (m *Mapper) identGender(t *identTraits, r *Result) {
	key, v, _ := t.get("gender")
	if v == nil || v == "" {
		return
	}
	field := "traits." + key
	if s, ok := v.(string); ok {
		if g, ok := identGenderOf(s); ok {
			m.userCall(r, field, "gender", MethodSetGender, g)
			return
		}
	}
	r.warn(field, CodeInvalidGender, "%s is not a Braze gender (male, female, other, unknown, not applicable, prefer not to say or their first letter): not set", describe(v))
}

// identPhone sets the phone number: objcase phone when truthy, else the
// first element of a phones array (facade phone()). Braze takes a string;
// numbers are converted.
func (m *Mapper) identPhone(t *identTraits, r *Result) {
	key, v, _ := t.get("phone")
	field := "traits." + key
	if !truthy(v) {
		pk, pv, _ := t.get("phones")
		a, ok := pv.([]any)
		if !ok || len(a) == 0 || !truthy(a[0]) {
			return
		}
		v, field = a[0], "traits."+pk+"[0]"
	}
	switch p := v.(type) {
	case string:
		m.userCall(r, field, "phone", MethodSetPhoneNumber, p)
	case float64:
		s := formatFloat(p)
		r.warn(field, CodeConvertedType, "expected a string but got number %s: converted", s)
		m.userCall(r, field, "phone", MethodSetPhoneNumber, s)
	default:
		r.warn(field, CodeInvalidType, "expected a phone number string but got %s: phone not set", describe(v))
	}
}

// identAddress sets country and home city from the address object, each
// once and only when given (classic sent both twice, undefined included,
// §5.1). Other address parts have no Braze field; like classic we drop
// them with the reserved address key.
func (m *Mapper) identAddress(t *identTraits, r *Result) {
	key, v, _ := t.get("address")
	if !truthy(v) {
		return
	}
	field := "traits." + key
	a, ok := v.(map[string]any)
	if !ok {
		r.warn(field, CodeInvalidType, "expected an object with city and country but got %s: country and home city not set", describe(v))
		return
	}
	m.identAddressPart(r, a, field, "country", "country", MethodSetCountry)
	m.identAddressPart(r, a, field, "city", "home_city", MethodSetHomeCity)
}

// identAddressPart sets one address part read by its exact key, as classic
// does (address.Country is not the country).
func (m *Mapper) identAddressPart(r *Result, a map[string]any, base, part, name, method string) {
	v := a[part]
	if v == nil || v == "" {
		return
	}
	field := base + "." + part
	if s, ok := v.(string); ok {
		m.userCall(r, field, name, method, s)
		return
	}
	r.warn(field, CodeInvalidType, "expected a string but got %s: %s not set", describe(v), name)
}

// identBirthday sets the date of birth from a Date or strict ISO string
// (ParseEvent has made those Dates), as the UTC day. Anything else is
// reported and skipped; classic threw there and lost the rest of the
// identify (§5.4).
func (m *Mapper) identBirthday(t *identTraits, r *Result) {
	key, v, _ := t.get("birthday")
	if v == nil || v == "" {
		return
	}
	field := "traits." + key
	if d, ok := v.(Date); ok {
		m.userCall(r, field, "dob", MethodSetDateOfBirth, dateOfBirthArgs(d)...)
		return
	}
	r.warn(field, CodeInvalidBirthday, "expected an ISO-8601 date or a Date but got %s: date of birth not set", describe(v))
}

// identReservedKey reports whether classic deletes key before sending the
// traits as custom attributes (§3.1 step 11): exact names only, so
// FirstName or Email are still sent as custom attributes, as in classic.
func identReservedKey(key string) bool {
	switch key {
	case "avatar", "address", "birthday", "email", "id", "firstName", "gender", "lastName", "phone",
		"facebook", "twitter", "first_name", "last_name", "dob", "external_id", "country",
		"home_city", "bio", "email_subscribe", "push_subscribe":
		return true
	}
	return false
}

// identReservedHint says where the data of an unused reserved key should go.
func identReservedHint(key string) string {
	switch key {
	case "country":
		return "set traits.address.country for Braze's country"
	case "home_city":
		return "set traits.address.city for Braze's home city"
	case "dob":
		return "set traits.birthday for Braze's date of birth"
	case "external_id":
		return "the userId is the Braze external id"
	case "first_name", "last_name", "avatar", "email", "phone":
		return "another spelling of the same trait was used"
	}
	return "this integration has no setter for it"
}

// identCustomAttributes sends every trait that is not a reserved key as a
// custom attribute, in sorted key order so that the same traits always
// give the same calls. Values Braze cannot store are dropped or reported
// (contract.md §3 and §5).
func (m *Mapper) identCustomAttributes(t *identTraits, r *Result) {
	for _, k := range t.keys {
		v := t.m[k]
		// Classic overwrites traits.id with the userId and then deletes
		// it: the userId reaches Braze through changeUser.
		if k == "id" {
			continue
		}
		if identReservedKey(k) {
			// Reserved keys read as standard fields were sent (or already
			// reported); the others carry data the sender probably meant
			// for a Braze profile field, which classic dropped silently.
			if !t.wasUsed(k) && v != nil && v != "" {
				r.warn("traits."+k, CodeReservedKey, "%q is a reserved Braze profile field: not sent as a custom attribute (%s)", k, identReservedHint(k))
			}
			continue
		}
		f := field{key: "traits." + k, index: -1}
		if !validKey(&r.Warnings, &f, k) {
			continue
		}
		switch x := v.(type) {
		case map[string]any:
			r.warn(f.key, CodeNestedObject, "nested objects cannot be custom attributes: dropped")
			continue
		case []any:
			// SDK 4.7+ takes arrays of objects, but the seed allows
			// arrays of strings and not nested objects, on every family.
			if identHoldsObject(x) {
				r.warn(f.key, CodeArrayOfObjects, "arrays holding objects cannot be custom attributes: dropped")
				continue
			}
			if identRefusedElem(&r.Warnings, &f, x) {
				continue
			}
			// Classic sends any other array; we keep that and say the
			// SDK will refuse it.
			if !allStrings(x) {
				r.warn(f.key, CodeMixedArray, "Braze accepts arrays of strings only: sent, but the SDK will likely reject it")
			}
		case string:
			if refused(&r.Warnings, &f, CodeInvalidValue, "attribute not set", x) {
				continue
			}
		case float64, bool, Date, nil:
			// nil is kept: it unsets the attribute in Braze.
		default:
			// ParseEvent never produces other types; HandleEvent callers might.
			r.warn(f.key, CodeInvalidType, "%s cannot be a custom attribute: dropped", describe(v))
			continue
		}
		m.userCall(r, f.key, "custom:"+k, MethodSetCustomAttribute, k, v)
	}
}

// identRefusedElem reports whether a string in a, the array at f, has a
// character the SDK refuses, warning at the first: the SDK then refuses
// the whole array.
func identRefusedElem(ws *[]Warning, f *field, a []any) bool {
	for i, e := range a {
		ef := f.elem(i)
		if s, ok := e.(string); ok && refused(ws, &ef, CodeInvalidValue, "attribute not set", s) {
			return true
		}
	}
	return false
}

// identHoldsObject reports whether a holds an object at any depth of
// nested arrays.
func identHoldsObject(a []any) bool {
	for _, e := range a {
		switch e := e.(type) {
		case map[string]any:
			return true
		case []any:
			if identHoldsObject(e) {
				return true
			}
		}
	}
	return false
}
