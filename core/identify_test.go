package core

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idtCase is one identify event and what it must become. spec names the
// rule of reference-behavior.md or contract.md the case pins down.
type idtCase struct {
	name   string
	spec   string
	family Family // zero means FamilyBraze
	userID string
	traits map[string]any
	want   []Call
	warns  []string // "code field", in order
}

// idtSettings returns hand-made settings for a family at a typical version.
func idtSettings(f Family) *Settings {
	s := &Settings{APIKey: "k", Family: FamilyBraze, Version: "6.13", Major: 6, Minor: 13}
	switch f {
	case FamilyAppboyAB:
		s.Family, s.Version, s.Major, s.Minor = f, "2.7", 2, 7
	case FamilyAppboy:
		s.Family, s.Version, s.Major, s.Minor = f, "3.5", 3, 5
	}
	return s
}

// idtMapper returns a started Mapper; the page-load calls are not asserted here.
func idtMapper(s *Settings, store Store) *Mapper {
	m := NewMapper(s, store)
	m.Start("")
	return m
}

// idtIdentify builds a raw identify event as Analytics.js delivers it.
func idtIdentify(userID string, traits map[string]any) map[string]any {
	raw := map[string]any{"type": "identify", "anonymousId": "anon-1"}
	if userID != "" {
		raw["userId"] = userID
	}
	if traits != nil {
		raw["traits"] = traits
	}
	return raw
}

func idtCall(method string, args ...any) Call {
	if args == nil {
		args = []any{}
	}
	return Call{Method: method, Args: args}
}

func idtAttr(key string, v any) Call { return idtCall(MethodSetCustomAttribute, key, v) }

func idtDate(y int, mo time.Month, d int) Date { return utc(y, mo, d, 0, 0, 0, 0) }

// idtWarnings renders warnings as "code field" for comparison.
func idtWarnings(ws []Warning) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.Code+" "+w.Field)
	}
	return out
}

// idtCheck asserts r holds exactly want and warns; nil and empty are equal.
func idtCheck(t *testing.T, r Result, want []Call, warns []string) {
	t.Helper()
	if want == nil {
		want = []Call{}
	}
	got := r.Calls
	if got == nil {
		got = []Call{}
	}
	assert.Equal(t, want, got, "calls")
	if warns == nil {
		warns = []string{}
	}
	assert.Equal(t, warns, idtWarnings(r.Warnings), "warnings")
}

func idtRun(t *testing.T, cases []idtCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEmpty(t, tc.spec, "every case names the rule it covers")
			m := idtMapper(idtSettings(tc.family), nil)
			r := m.Handle(idtIdentify(tc.userID, tc.traits))
			idtCheck(t, r, tc.want, tc.warns)
		})
	}
}

func TestIdentify_Gender(t *testing.T) {
	rows := []struct {
		in   string
		want Gender
	}{
		{"woman", GenderFemale}, {"female", GenderFemale}, {"w", GenderFemale}, {"f", GenderFemale},
		{"Woman", GenderFemale}, {"FEMALE", GenderFemale}, {"W", GenderFemale}, {"F", GenderFemale},
		{"man", GenderMale}, {"male", GenderMale}, {"m", GenderMale}, {"Male", GenderMale}, {"M", GenderMale}, {"MAN", GenderMale},
		{"other", GenderOther}, {"o", GenderOther}, {"Other", GenderOther}, {"O", GenderOther},
		{"u", GenderUnknown}, {"unknown", GenderUnknown}, {"U", GenderUnknown}, {"Unknown", GenderUnknown},
		{"n", GenderNotApplicable}, {"not applicable", GenderNotApplicable}, {"N", GenderNotApplicable}, {"Not Applicable", GenderNotApplicable},
		{"p", GenderPreferNotToSay}, {"prefer not to say", GenderPreferNotToSay}, {"P", GenderPreferNotToSay}, {"PREFER NOT TO SAY", GenderPreferNotToSay},
	}
	var cases []idtCase
	for _, row := range rows {
		for _, f := range []Family{FamilyAppboyAB, FamilyAppboy, FamilyBraze} {
			cases = append(cases, idtCase{
				name:   fmt.Sprintf("%s/%s", row.in, f),
				spec:   "§3.1 gender table + §7 u/n/p; §5.3 fixed: works on every family",
				family: f,
				traits: map[string]any{"gender": row.in},
				want:   []Call{idtCall(MethodSetGender, row.want)},
			})
		}
	}
	cases = append(cases, []idtCase{
		{name: "unknown string", spec: "§5.2 fixed: no setGender(undefined), warning", traits: map[string]any{"gender": "nonbinary"}, warns: []string{"invalid_gender traits.gender"}},
		{name: "leading space not trimmed", spec: "§3.1 gender: exact, no trimming", traits: map[string]any{"gender": " male"}, warns: []string{"invalid_gender traits.gender"}},
		{name: "trailing space not trimmed", spec: "§3.1 gender: exact, no trimming", traits: map[string]any{"gender": "f "}, warns: []string{"invalid_gender traits.gender"}},
		{name: "dotless capital I is not i", spec: "§3.1 gender: JS toLowerCase folding only", traits: map[string]any{"gender": "NOT APPL\u0130CABLE"}, warns: []string{"invalid_gender traits.gender"}},
		{name: "number", spec: "§5.2 fixed: non-string, no call, warning", traits: map[string]any{"gender": 1.0}, warns: []string{"invalid_gender traits.gender"}},
		{name: "boolean", spec: "§5.2 fixed: non-string, no call, warning", traits: map[string]any{"gender": true}, warns: []string{"invalid_gender traits.gender"}},
		{name: "object", spec: "§5.2 fixed: non-string, no call, warning", traits: map[string]any{"gender": map[string]any{"v": "m"}}, warns: []string{"invalid_gender traits.gender"}},
		{name: "null", spec: "§3.1 step 6: classic calls only on a truthy gender; null is silent", traits: map[string]any{"gender": nil}},
		{name: "empty string", spec: "§3.1 step 6: falsy gender, no call", traits: map[string]any{"gender": ""}},
		{name: "objcase key", spec: "§3.0 objcase gender; Gender is not reserved so also a custom attribute", traits: map[string]any{"Gender": "m"},
			want: []Call{idtCall(MethodSetGender, GenderMale), idtAttr("Gender", "m")}},
	}...)
	idtRun(t, cases)
}

func TestIdentify_Names(t *testing.T) {
	idtRun(t, []idtCase{
		{name: "firstName trimmed", spec: "§3.0 firstName(): string trimmed", traits: map[string]any{"firstName": "  Jane ", "lastName": "\tKim\u00a0"},
			want: []Call{idtCall(MethodSetFirstName, "Jane"), idtCall(MethodSetLastName, "Kim")}},
		{name: "name split", spec: "§3.0 firstName()/lastName() from name", traits: map[string]any{"name": "Jane Kim"},
			want: []Call{idtCall(MethodSetFirstName, "Jane"), idtCall(MethodSetLastName, "Kim"), idtAttr("name", "Jane Kim")}},
		{name: "name with leading and trailing spaces", spec: "§5.24 fixed: rest cut from the trimmed name", traits: map[string]any{"name": "   Jane Kim  "},
			want: []Call{idtCall(MethodSetFirstName, "Jane"), idtCall(MethodSetLastName, "Kim"), idtAttr("name", "   Jane Kim  ")}},
		{name: "three words", spec: "§3.0 lastName(): remainder after the first space", traits: map[string]any{"name": "Mary Ann Smith"},
			want: []Call{idtCall(MethodSetFirstName, "Mary"), idtCall(MethodSetLastName, "Ann Smith"), idtAttr("name", "Mary Ann Smith")}},
		{name: "double space", spec: "§3.0 lastName(): remainder trimmed", traits: map[string]any{"name": "Jane  Kim"},
			want: []Call{idtCall(MethodSetFirstName, "Jane"), idtCall(MethodSetLastName, "Kim"), idtAttr("name", "Jane  Kim")}},
		{name: "single word", spec: "§3.0 lastName(): no space, undefined", traits: map[string]any{"name": "Cher"},
			want: []Call{idtCall(MethodSetFirstName, "Cher"), idtAttr("name", "Cher")}},
		{name: "blank name", spec: "§3.1: setters only for truthy values", traits: map[string]any{"name": "   "},
			want: []Call{idtAttr("name", "   ")}},
		{name: "empty firstName suppresses fallback", spec: "§5.24 firstName '' suppresses the name fallback", traits: map[string]any{"firstName": "", "name": "Jane Kim"},
			want: []Call{idtCall(MethodSetLastName, "Kim"), idtAttr("name", "Jane Kim")}},
		{name: "blank lastName suppresses fallback", spec: "§3.0 lastName(): string trimmed, '' suppresses fallback", traits: map[string]any{"lastName": "  ", "name": "Jane Kim"},
			want: []Call{idtCall(MethodSetFirstName, "Jane"), idtAttr("name", "Jane Kim")}},
		{name: "explicit parts win over name", spec: "§3.0 firstName()/lastName() before name", traits: map[string]any{"firstName": "J", "lastName": "K", "name": "Jane Kim"},
			want: []Call{idtCall(MethodSetFirstName, "J"), idtCall(MethodSetLastName, "K"), idtAttr("name", "Jane Kim")}},
		{name: "non-string firstName falls back", spec: "§3.0 firstName(): non-string uses name; reserved value reported", traits: map[string]any{"firstName": 5.0, "name": "Jane Kim"},
			want:  []Call{idtCall(MethodSetFirstName, "Jane"), idtCall(MethodSetLastName, "Kim"), idtAttr("name", "Jane Kim")},
			warns: []string{"invalid_type traits.firstName"}},
		{name: "null firstName falls back silently", spec: "§3.0 firstName(): null is not a string", traits: map[string]any{"firstName": nil, "name": "Jane Kim"},
			want: []Call{idtCall(MethodSetFirstName, "Jane"), idtCall(MethodSetLastName, "Kim"), idtAttr("name", "Jane Kim")}},
		{name: "snake_case keys", spec: "§3.0 objcase: first_name matches firstName", traits: map[string]any{"first_name": "Jane", "last_name": "Kim"},
			want: []Call{idtCall(MethodSetFirstName, "Jane"), idtCall(MethodSetLastName, "Kim")}},
		{name: "FirstName also a custom attribute", spec: "§3.1 consequences: FirstName is not a reserved key", traits: map[string]any{"FirstName": "Jane"},
			want: []Call{idtCall(MethodSetFirstName, "Jane"), idtAttr("FirstName", "Jane")}},
		{name: "non-string name", spec: "§3.0 firstName(): name must be a string", traits: map[string]any{"name": 5.0},
			want: []Call{idtAttr("name", 5.0)}},
	})
}

func TestIdentify_Email(t *testing.T) {
	idtRun(t, []idtCase{
		{name: "trait", spec: "§3.0 email(): objcase traits.email", traits: map[string]any{"email": "jane.kim@example.com"},
			want: []Call{idtCall(MethodSetEmail, "jane.kim@example.com")}},
		{name: "objcase Email", spec: "§3.0 objcase; Email is not reserved", traits: map[string]any{"Email": "j@x.io"},
			want: []Call{idtCall(MethodSetEmail, "j@x.io"), idtAttr("Email", "j@x.io")}},
		{name: "userId fallback", spec: "§3.0 email(): userId matching .+@.+\\..+", userID: "jane@example.com",
			want: []Call{idtCall(MethodChangeUser, "jane@example.com"), idtCall(MethodSetEmail, "jane@example.com")}},
		{name: "shortest userId", spec: "§3.0 email(): x@y.z", userID: "x@y.z",
			want: []Call{idtCall(MethodChangeUser, "x@y.z"), idtCall(MethodSetEmail, "x@y.z")}},
		{name: "unanchored", spec: "§3.0 email(): unanchored pattern", userID: "mailto: a@b.c please",
			want: []Call{idtCall(MethodChangeUser, "mailto: a@b.c please"), idtCall(MethodSetEmail, "mailto: a@b.c please")}},
		{name: "trait wins over userId", spec: "§3.0 email(): trait first", userID: "a@b.c", traits: map[string]any{"email": "t@b.c"},
			want: []Call{idtCall(MethodChangeUser, "a@b.c"), idtCall(MethodSetEmail, "t@b.c")}},
		{name: "empty trait falls back", spec: "§3.0 email(): falsy trait, userId", userID: "a@b.c", traits: map[string]any{"email": ""},
			want: []Call{idtCall(MethodChangeUser, "a@b.c"), idtCall(MethodSetEmail, "a@b.c")}},
		{name: "plain userId", spec: "§3.0 email(): no match", userID: "ze8rt1u89", want: []Call{idtCall(MethodChangeUser, "ze8rt1u89")}},
		{name: "no dot", spec: "§3.0 email(): no match", userID: "a@b", want: []Call{idtCall(MethodChangeUser, "a@b")}},
		{name: "nothing before @", spec: "§3.0 email(): .+ before @", userID: "@b.c", want: []Call{idtCall(MethodChangeUser, "@b.c")}},
		{name: "nothing after dot", spec: "§3.0 email(): .+ after the dot", userID: "a@b.", want: []Call{idtCall(MethodChangeUser, "a@b.")}},
		{name: "dot right after @", spec: "§3.0 email(): .+ between @ and dot", userID: "a@.c", want: []Call{idtCall(MethodChangeUser, "a@.c")}},
		{name: "split by a newline", spec: "§3.0 email(): . does not match line terminators", userID: "a@b\n.c", want: []Call{idtCall(MethodChangeUser, "a@b\n.c")}},
		{name: "split by U+2028", spec: "§3.0 email(): . does not match line terminators", userID: "a@b\u2028.c", want: []Call{idtCall(MethodChangeUser, "a@b\u2028.c")}},
		{name: "second line matches", spec: "§3.0 email(): unanchored, any line", userID: "x\na@b.c",
			want: []Call{idtCall(MethodChangeUser, "x\na@b.c"), idtCall(MethodSetEmail, "x\na@b.c")}},
		{name: "non-string trait", spec: "§7 reject reported: email must be a string", userID: "a@b.c", traits: map[string]any{"email": 5.0},
			want: []Call{idtCall(MethodChangeUser, "a@b.c")}, warns: []string{"invalid_type traits.email"}},
	})
}

func TestIdentify_Avatar(t *testing.T) {
	const url = "https://cdn.example.com/jane.png"
	idtRun(t, []idtCase{
		{name: "v2 avatar", spec: "contract §5 avatar: setAvatarImageUrl on v1/v2", family: FamilyAppboyAB, traits: map[string]any{"avatar": url},
			want: []Call{idtCall(MethodSetAvatarImageURL, url)}},
		{name: "v3 avatar", spec: "contract §5 avatar: setAvatarImageUrl on v3", family: FamilyAppboy, traits: map[string]any{"avatar": url},
			want: []Call{idtCall(MethodSetAvatarImageURL, url)}},
		{name: "v4+ avatar", spec: "contract §5 avatar: no setter on v4+, not sent, warning", family: FamilyBraze, traits: map[string]any{"avatar": url},
			warns: []string{"avatar_unsupported traits.avatar"}},
		{name: "v3 photoUrl", spec: "§3.0 avatar(): photoUrl; still a custom attribute (§3.1 consequences)", family: FamilyAppboy, traits: map[string]any{"photoUrl": url},
			want: []Call{idtCall(MethodSetAvatarImageURL, url), idtAttr("photoUrl", url)}},
		{name: "v2 avatarUrl", spec: "§3.0 avatar(): avatarUrl last", family: FamilyAppboyAB, traits: map[string]any{"avatarUrl": url},
			want: []Call{idtCall(MethodSetAvatarImageURL, url), idtAttr("avatarUrl", url)}},
		{name: "first truthy wins", spec: "§3.0 avatar(): first truthy of avatar, photoUrl, avatarUrl", family: FamilyAppboy,
			traits: map[string]any{"avatar": "", "photoUrl": "p", "avatarUrl": "a"},
			want:   []Call{idtCall(MethodSetAvatarImageURL, "p"), idtAttr("avatarUrl", "a"), idtAttr("photoUrl", "p")}},
		{name: "v4+ photoUrl", spec: "contract §5 avatar: warning names the trait used", family: FamilyBraze, traits: map[string]any{"photoUrl": url},
			want: []Call{idtAttr("photoUrl", url)}, warns: []string{"avatar_unsupported traits.photoUrl"}},
		{name: "non-string avatar", spec: "§7 reject reported: avatar must be a URL string", family: FamilyAppboy, traits: map[string]any{"avatar": 5.0},
			warns: []string{"invalid_type traits.avatar"}},
	})
}

func TestIdentify_Phone(t *testing.T) {
	idtRun(t, []idtCase{
		{name: "phone", spec: "§3.0 phone(): objcase phone", traits: map[string]any{"phone": "+1 555 0100"},
			want: []Call{idtCall(MethodSetPhoneNumber, "+1 555 0100")}},
		{name: "number converted", spec: "§7 values the SDK rejects are reported: phone is a string", traits: map[string]any{"phone": 5550100.0},
			want: []Call{idtCall(MethodSetPhoneNumber, "5550100")}, warns: []string{"converted_type traits.phone"}},
		{name: "phones array", spec: "§3.0 phone(): first element of phones", traits: map[string]any{"phones": []any{"555", "666"}},
			want: []Call{idtCall(MethodSetPhoneNumber, "555"), idtAttr("phones", []any{"555", "666"})}},
		{name: "empty phone falls back", spec: "§3.0 phone(): phone must be truthy", traits: map[string]any{"phone": "", "phones": []any{"555"}},
			want: []Call{idtCall(MethodSetPhoneNumber, "555"), idtAttr("phones", []any{"555"})}},
		{name: "phone wins", spec: "§3.0 phone(): phone first", traits: map[string]any{"phone": "1", "phones": []any{"555"}},
			want: []Call{idtCall(MethodSetPhoneNumber, "1"), idtAttr("phones", []any{"555"})}},
		{name: "empty phones", spec: "§3.1: setters only for truthy values", traits: map[string]any{"phones": []any{}},
			want: []Call{idtAttr("phones", []any{})}},
		{name: "numeric phones", spec: "§3.0 phone() + contract §3 arrays", traits: map[string]any{"phones": []any{555.0}},
			want:  []Call{idtCall(MethodSetPhoneNumber, "555"), idtAttr("phones", []any{555.0})},
			warns: []string{"converted_type traits.phones[0]", "mixed_array traits.phones"}},
		{name: "phones not an array", spec: "§3.0 phone(): phones only when an array", traits: map[string]any{"phones": "555"},
			want: []Call{idtAttr("phones", "555")}},
		{name: "object phone", spec: "§7 reject reported", traits: map[string]any{"phone": map[string]any{"n": "1"}},
			warns: []string{"invalid_type traits.phone"}},
	})
}

func TestIdentify_Address(t *testing.T) {
	idtRun(t, []idtCase{
		{name: "city and country", spec: "§3.1 step 9 once each (§5.1 fixed)", traits: map[string]any{"address": map[string]any{"city": "Berlin", "country": "DE"}},
			want: []Call{idtCall(MethodSetCountry, "DE"), idtCall(MethodSetHomeCity, "Berlin")}},
		{name: "city only", spec: "§7: no call for a missing address part", traits: map[string]any{"address": map[string]any{"city": "Berlin"}},
			want: []Call{idtCall(MethodSetHomeCity, "Berlin")}},
		{name: "country only", spec: "§7: no call for a missing address part", traits: map[string]any{"address": map[string]any{"country": "DE"}},
			want: []Call{idtCall(MethodSetCountry, "DE")}},
		{name: "empty object", spec: "§7: no call for a missing address part", traits: map[string]any{"address": map[string]any{}}},
		{name: "null and empty parts", spec: "§7: no call for a missing address part", traits: map[string]any{"address": map[string]any{"city": nil, "country": ""}}},
		{name: "other parts ignored", spec: "§3.1 step 9: only city and country; address is reserved", traits: map[string]any{"address": map[string]any{"street": "Main St 1", "postalCode": "10115", "city": "Berlin"}},
			want: []Call{idtCall(MethodSetHomeCity, "Berlin")}},
		{name: "exact part keys", spec: "§3.1 step 9: exact keys address.country/address.city", traits: map[string]any{"address": map[string]any{"Country": "DE"}}},
		{name: "string address", spec: "§7 reject reported: address must be an object", traits: map[string]any{"address": "Berlin"},
			warns: []string{"invalid_type traits.address"}},
		{name: "array address", spec: "§7 reject reported: address must be an object", traits: map[string]any{"address": []any{"Berlin"}},
			warns: []string{"invalid_type traits.address"}},
		{name: "non-string part", spec: "§7 reject reported", traits: map[string]any{"address": map[string]any{"country": 49.0, "city": "Berlin"}},
			want: []Call{idtCall(MethodSetHomeCity, "Berlin")}, warns: []string{"invalid_type traits.address.country"}},
		{name: "null address", spec: "§3.1 step 9: address must be truthy", traits: map[string]any{"address": nil}},
	})
}

func TestIdentify_Birthday(t *testing.T) {
	idtRun(t, []idtCase{
		{name: "ISO date", spec: "§3.1 step 10 via ParseEvent's ISO conversion (§7)", traits: map[string]any{"birthday": "1991-09-16"},
			want: []Call{idtCall(MethodSetDateOfBirth, 1991.0, 9.0, 16.0)}},
		{name: "ISO with offset is the UTC day", spec: "§5.5: offset converted to UTC first", traits: map[string]any{"birthday": "1991-09-16T00:30:00+02:00"},
			want: []Call{idtCall(MethodSetDateOfBirth, 1991.0, 9.0, 15.0)}},
		{name: "ISO UTC time", spec: "§3.1 step 10: UTC components", traits: map[string]any{"birthday": "1991-12-31T23:59:59.999Z"},
			want: []Call{idtCall(MethodSetDateOfBirth, 1991.0, 12.0, 31.0)}},
		{name: "Date with zone", spec: "§3.1 step 10: Date objects, UTC components", traits: map[string]any{"birthday": Date(time.Date(1991, 9, 16, 1, 0, 0, 0, time.FixedZone("", 3*3600)).UnixMilli())},
			want: []Call{idtCall(MethodSetDateOfBirth, 1991.0, 9.0, 15.0)}},
		{name: "US date string", spec: "§5.4 fixed: skipped with a warning, identify goes on", traits: map[string]any{"birthday": "09/16/1991", "plan": "pro"},
			want: []Call{idtAttr("plan", "pro")}, warns: []string{"invalid_birthday traits.birthday"}},
		{name: "epoch number", spec: "§5.4 fixed: skipped with a warning", traits: map[string]any{"birthday": 684979200000.0},
			warns: []string{"invalid_birthday traits.birthday"}},
		{name: "boolean", spec: "§5.4 fixed: skipped with a warning", traits: map[string]any{"birthday": true},
			warns: []string{"invalid_birthday traits.birthday"}},
		{name: "null", spec: "§3.1 step 10: birthday must be truthy", traits: map[string]any{"birthday": nil}},
		{name: "empty string", spec: "§3.1 step 10: birthday must be truthy", traits: map[string]any{"birthday": ""}},
	})
}

func TestIdentify_ReservedKeys(t *testing.T) {
	// Every key of §3.1 step 11 holding "x": what each becomes.
	reserved := []struct {
		key   string
		want  []Call
		warns []string
	}{
		{"avatar", nil, []string{"avatar_unsupported traits.avatar"}},
		{"address", nil, []string{"invalid_type traits.address"}},
		{"birthday", nil, []string{"invalid_birthday traits.birthday"}},
		{"email", []Call{idtCall(MethodSetEmail, "x")}, nil},
		{"id", nil, nil},
		{"firstName", []Call{idtCall(MethodSetFirstName, "x")}, nil},
		{"gender", nil, []string{"invalid_gender traits.gender"}},
		{"lastName", []Call{idtCall(MethodSetLastName, "x")}, nil},
		{"phone", []Call{idtCall(MethodSetPhoneNumber, "x")}, nil},
		{"facebook", nil, []string{"reserved_key traits.facebook"}},
		{"twitter", nil, []string{"reserved_key traits.twitter"}},
		{"first_name", []Call{idtCall(MethodSetFirstName, "x")}, nil},
		{"last_name", []Call{idtCall(MethodSetLastName, "x")}, nil},
		{"dob", nil, []string{"reserved_key traits.dob"}},
		{"external_id", nil, []string{"reserved_key traits.external_id"}},
		{"country", nil, []string{"reserved_key traits.country"}},
		{"home_city", nil, []string{"reserved_key traits.home_city"}},
		{"bio", nil, []string{"reserved_key traits.bio"}},
		{"email_subscribe", nil, []string{"reserved_key traits.email_subscribe"}},
		{"push_subscribe", nil, []string{"reserved_key traits.push_subscribe"}},
	}
	var cases []idtCase
	for _, rk := range reserved {
		cases = append(cases, idtCase{
			name: rk.key, spec: "§3.1 step 11 reserved keys; brief: warn for unused ones with data",
			traits: map[string]any{rk.key: "x"}, want: rk.want, warns: rk.warns,
		})
	}
	cases = append(cases, []idtCase{
		{name: "id overwritten by userId", spec: "§3.0 traits(): id = userId, then deleted", userID: "u1", traits: map[string]any{"id": "other"},
			want: []Call{idtCall(MethodChangeUser, "u1")}},
		{name: "unused first_name", spec: "reserved key not consumed: firstName won", traits: map[string]any{"firstName": "Jane", "first_name": "J"},
			want: []Call{idtCall(MethodSetFirstName, "Jane")}, warns: []string{"reserved_key traits.first_name"}},
		{name: "null reserved value", spec: "reserved key with no data: silent", traits: map[string]any{"country": nil, "dob": ""}},
		{name: "only exact names", spec: "§3.1 step 11: exact keys; Country is a custom attribute", traits: map[string]any{"Country": "DE"},
			want: []Call{idtAttr("Country", "DE")}},
	}...)
	idtRun(t, cases)
}

func TestIdentify_CustomAttributes(t *testing.T) {
	created := "2021-05-06T07:08:09.010Z"
	createdAt := utc(2021, 5, 6, 7, 8, 9, 10*int(time.Millisecond))
	idtRun(t, []idtCase{
		{name: "scalars in key order", spec: "§3.1 step 11 (sorted for determinism)", traits: map[string]any{"plan": "pro", "age": 31.0, "vip": false, "logins": 0.0},
			want: []Call{idtAttr("age", 31.0), idtAttr("logins", 0.0), idtAttr("plan", "pro"), idtAttr("vip", false)}},
		{name: "null kept", spec: "§3.7 identify: null kept (unsets the attribute)", traits: map[string]any{"plan": nil},
			want: []Call{idtAttr("plan", nil)}},
		{name: "dates kept", spec: "§3.7 identify: Date / ISO string kept as Date", traits: map[string]any{"createdAt": created, "seen": createdAt},
			want: []Call{idtAttr("createdAt", createdAt), idtAttr("seen", createdAt)}},
		{name: "nested object dropped", spec: "§3.7 + seed: nested objects not allowed", traits: map[string]any{"company": map[string]any{"name": "Acme"}, "plan": "pro"},
			want: []Call{idtAttr("plan", "pro")}, warns: []string{"nested_object traits.company"}},
		{name: "array of strings kept", spec: "seed: arrays of strings allowed", traits: map[string]any{"tags": []any{"a", "b"}},
			want: []Call{idtAttr("tags", []any{"a", "b"})}},
		{name: "empty array kept", spec: "seed: arrays of strings allowed (none)", traits: map[string]any{"tags": []any{}},
			want: []Call{idtAttr("tags", []any{})}},
		{name: "array of objects dropped", spec: "contract §5 traits: nested objects dropped on every family", traits: map[string]any{"orders": []any{map[string]any{"id": "1"}}},
			warns: []string{"array_of_objects traits.orders"}},
		{name: "array holding an object dropped", spec: "contract §5 traits: nested objects dropped", traits: map[string]any{"mix": []any{"a", map[string]any{"id": "1"}}},
			warns: []string{"array_of_objects traits.mix"}},
		{name: "object in a nested array dropped", spec: "contract §5 traits: nested objects dropped", traits: map[string]any{"deep": []any{[]any{map[string]any{}}}},
			warns: []string{"array_of_objects traits.deep"}},
		{name: "numbers array kept and reported", spec: "§3.8 D5 keep classic + contract §3 other arrays reported", traits: map[string]any{"scores": []any{1.0, 2.0}},
			want: []Call{idtAttr("scores", []any{1.0, 2.0})}, warns: []string{"mixed_array traits.scores"}},
		{name: "array with null kept and reported", spec: "§3.8 D5 + contract §3", traits: map[string]any{"tags": []any{"a", nil}},
			want: []Call{idtAttr("tags", []any{"a", nil})}, warns: []string{"mixed_array traits.tags"}},
		{name: "array of dates kept and reported", spec: "§7 ISO strings become Dates, also in arrays", traits: map[string]any{"visits": []any{created}},
			want: []Call{idtAttr("visits", []any{createdAt})}, warns: []string{"mixed_array traits.visits"}},
		{name: "invalid keys dropped", spec: "contract §3: keys with control characters or \" dropped",
			traits: map[string]any{"a\"b": "1", "c\x01": "2", "": "3", "ok": "4"},
			want:   []Call{idtAttr("ok", "4")},
			warns:  []string{"invalid_key traits.", "invalid_key traits.a\"b", "invalid_key traits.c\x01"}},
		{name: "dollar and long keys kept", spec: "§3.7 identify: $ keys and long strings kept", traits: map[string]any{"$plan": "pro"},
			want: []Call{idtAttr("$plan", "pro")}},
		{name: "Personas computed trait", spec: "seed Personas: computed trait as a custom attribute", traits: map[string]any{"last_product_viewed_item": "Sweater"},
			want: []Call{idtAttr("last_product_viewed_item", "Sweater")}},
		{name: "Personas audience", spec: "seed Personas: audience as a boolean custom attribute", traits: map[string]any{"dormant_shoppers": true},
			want: []Call{idtAttr("dormant_shoppers", true)}},
		{name: "name and username are attributes", spec: "§3.1 consequences: name, username sent", traits: map[string]any{"username": "jk"},
			want: []Call{idtAttr("username", "jk")}},
	})
}

func TestIdentify_Order(t *testing.T) {
	// One identify with every standard field: classic's exact order (§3.1).
	idtRun(t, []idtCase{{
		name: "classic order", spec: "§3.1 steps 2-11", family: FamilyAppboy, userID: "u1",
		traits: map[string]any{
			"plan": "pro", "birthday": "1991-09-16", "address": map[string]any{"city": "Berlin", "country": "DE"},
			"phone": "555", "lastName": "Kim", "gender": "female", "firstName": "Jane",
			"email": "jane@example.com", "avatar": "https://x/a.png", "company": map[string]any{"n": "A"},
		},
		want: []Call{
			idtCall(MethodChangeUser, "u1"),
			idtCall(MethodSetAvatarImageURL, "https://x/a.png"),
			idtCall(MethodSetEmail, "jane@example.com"),
			idtCall(MethodSetFirstName, "Jane"),
			idtCall(MethodSetGender, GenderFemale),
			idtCall(MethodSetLastName, "Kim"),
			idtCall(MethodSetPhoneNumber, "555"),
			idtCall(MethodSetCountry, "DE"),
			idtCall(MethodSetHomeCity, "Berlin"),
			idtCall(MethodSetDateOfBirth, 1991.0, 9.0, 16.0),
			idtAttr("plan", "pro"),
		},
		warns: []string{"nested_object traits.company"},
	}})
}

func TestIdentify_ChangeUser(t *testing.T) {
	s := idtSettings(FamilyBraze)
	t.Run("repeat skipped", func(t *testing.T) {
		// spec: §3.1 step 2, our fix: no changeUser for the current user.
		m := idtMapper(s, nil)
		idtCheck(t, m.Handle(idtIdentify("u1", nil)), []Call{idtCall(MethodChangeUser, "u1")}, nil)
		idtCheck(t, m.Handle(idtIdentify("u1", nil)), nil, nil)
		idtCheck(t, m.Handle(idtIdentify("u2", nil)), []Call{idtCall(MethodChangeUser, "u2")}, nil)
		idtCheck(t, m.Handle(idtIdentify("u1", nil)), []Call{idtCall(MethodChangeUser, "u1")}, nil)
	})
	t.Run("user known at page load", func(t *testing.T) {
		// spec: §2.1 init sequence changeUser(persisted id), then identify does not repeat it.
		m := NewMapper(s, nil)
		m.Start("u1")
		idtCheck(t, m.Handle(idtIdentify("u1", map[string]any{"plan": "pro"})), []Call{idtAttr("plan", "pro")}, nil)
	})
	t.Run("only known users", func(t *testing.T) {
		// spec: §2.2, the reference's double changeUser fixed: init sequence then setters.
		ks := idtSettings(FamilyBraze)
		ks.OnlyKnownUsers = true
		m := NewMapper(ks, nil)
		m.Start("")
		r := m.Handle(idtIdentify("u1", map[string]any{"plan": "pro"}))
		idtCheck(t, r, []Call{
			idtCall(MethodInitialize, "k", Options(nil)),
			idtCall(MethodChangeUser, "u1"),
			idtCall(MethodOpenSession),
			idtAttr("plan", "pro"),
		}, nil)
	})
	t.Run("anonymous identify", func(t *testing.T) {
		// spec: §3.1 step 2: changeUser only with a userId.
		m := idtMapper(s, nil)
		idtCheck(t, m.Handle(idtIdentify("", map[string]any{"plan": "pro"})), []Call{idtAttr("plan", "pro")}, nil)
	})
}

func TestIdentify_Debounce(t *testing.T) {
	s := idtSettings(FamilyBraze)
	s.DebounceIdentify = true
	traits := func() map[string]any {
		return map[string]any{"plan": "pro", "createdAt": "2021-05-06T07:08:09.000Z", "tags": []any{"a"}}
	}
	sent := []Call{
		idtAttr("createdAt", utc(2021, 5, 6, 7, 8, 9, 0)),
		idtAttr("plan", "pro"),
		idtAttr("tags", []any{"a"}),
	}
	steps := []struct {
		name   string
		spec   string
		raw    map[string]any
		want   []Call
		warns  []string
		mutate func(map[string]any)
	}{
		{name: "first always sent", spec: "§4.3 first identify of the page load processed",
			raw: idtIdentify("u1", traits()), want: append([]Call{idtCall(MethodChangeUser, "u1")}, sent...)},
		{name: "same traits, other order, Date instead of ISO string", spec: "§4.3 key-order-insensitive, Dates by instant",
			raw:   idtIdentify("u1", map[string]any{"tags": []any{"a"}, "createdAt": utc(2021, 5, 6, 7, 8, 9, 0), "plan": "pro"}),
			warns: []string{"debounced "}},
		{name: "changed trait sent", spec: "§4.3 traits differ",
			raw:  idtIdentify("u1", map[string]any{"plan": "max", "createdAt": "2021-05-06T07:08:09.000Z", "tags": []any{"a"}}),
			want: []Call{idtAttr("createdAt", utc(2021, 5, 6, 7, 8, 9, 0)), idtAttr("plan", "max"), idtAttr("tags", []any{"a"})}},
		{name: "repeat of the changed one skipped", spec: "§4.3 compares with the last identify",
			raw: idtIdentify("u1", map[string]any{"plan": "max", "createdAt": "2021-05-06T07:08:09.000Z", "tags": []any{"a"}}), warns: []string{"debounced "}},
		{name: "other anonymousId sent", spec: "§4.3 anonymousId is compared",
			raw: func() map[string]any {
				r := idtIdentify("u1", map[string]any{"plan": "max", "createdAt": "2021-05-06T07:08:09.000Z", "tags": []any{"a"}})
				r["anonymousId"] = "anon-2"
				return r
			}(),
			want: []Call{idtAttr("createdAt", utc(2021, 5, 6, 7, 8, 9, 0)), idtAttr("plan", "max"), idtAttr("tags", []any{"a"})}},
		{name: "other user sent", spec: "§4.3 userId is compared",
			raw:  func() map[string]any { r := idtIdentify("u2", traits()); r["anonymousId"] = "anon-2"; return r }(),
			want: append([]Call{idtCall(MethodChangeUser, "u2")}, sent...)},
	}
	m := idtMapper(s, nil)
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			require.NotEmpty(t, st.spec)
			idtCheck(t, m.Handle(st.raw), st.want, st.warns)
		})
	}
	t.Run("off by default", func(t *testing.T) {
		m := idtMapper(idtSettings(FamilyBraze), nil)
		m.Handle(idtIdentify("u1", traits()))
		idtCheck(t, m.Handle(idtIdentify("u1", traits())), sent, nil)
	})
}

func TestIdentify_SendOnlyChangedTraits(t *testing.T) {
	s := idtSettings(FamilyBraze)
	s.SendOnlyChangedTraits = true
	store := NewMemoryStore()
	traits := func(plan string) map[string]any {
		return map[string]any{"email": "j@x.io", "plan": plan, "gender": "f"}
	}
	all := func(plan string) []Call {
		return []Call{idtCall(MethodSetEmail, "j@x.io"), idtCall(MethodSetGender, GenderFemale), idtAttr("plan", plan)}
	}
	unchanged := []string{"unchanged_trait traits.email", "unchanged_trait traits.gender", "unchanged_trait traits.plan"}
	m := idtMapper(s, store)
	steps := []struct {
		name, spec string
		userID     string
		traits     map[string]any
		want       []Call
		warns      []string
	}{
		{"first write", "contract §2 sendOnlyChangedTraits: first value written", "u1", traits("pro"),
			append([]Call{idtCall(MethodChangeUser, "u1")}, all("pro")...), nil},
		{"identical identify sends nothing", "contract §2: same value for the same user not sent", "u1", traits("pro"),
			nil, unchanged},
		{"changed attribute only", "contract §2: only what differs", "u1", traits("max"),
			[]Call{idtAttr("plan", "max")}, []string{"unchanged_trait traits.email", "unchanged_trait traits.gender"}},
		{"other user writes again", "contract §2: reset when the user changes", "u2", traits("max"),
			append([]Call{idtCall(MethodChangeUser, "u2")}, all("max")...), nil},
		{"back to the first user", "contract §2: memory is per Braze user", "u1", traits("max"),
			[]Call{idtCall(MethodChangeUser, "u1")}, unchanged},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			idtCheck(t, m.Handle(idtIdentify(st.userID, st.traits)), st.want, st.warns)
		})
	}
	t.Run("next page load", func(t *testing.T) {
		// spec: contract §2: remembered across page loads (the store outlives the Mapper).
		next := NewMapper(s, store)
		next.Start("u1")
		idtCheck(t, next.Handle(idtIdentify("u1", traits("max"))), nil, unchanged)
	})
}

func TestIdentify_DoesNotMutateTraits(t *testing.T) {
	// spec: brief rule 5, values are never mutated in place (buffered events share traits).
	traits := map[string]any{
		"id": "x", "email": "j@x.io", "name": "  Jane Kim ", "address": map[string]any{"city": "B", "zip": "1"},
		"company": map[string]any{"n": "A"}, "tags": []any{"a", 1.0}, "country": "DE", "birthday": idtDate(1991, 9, 16),
	}
	before := idtDeepCopy(traits)
	m := idtMapper(idtSettings(FamilyAppboy), nil)
	var r Result
	m.HandleEvent(&Event{Type: TypeIdentify, UserID: "u1", Traits: traits}, &r)
	assert.NotEmpty(t, r.Calls)
	assert.True(t, reflect.DeepEqual(before, traits), "traits changed: %v", traits)
}

func idtDeepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = idtDeepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = idtDeepCopy(e)
		}
		return out
	}
	return v
}

// idtBenchEvent is a typical identify: standard fields, an address, a
// birthday and a few custom attributes, as Analytics.js sends them.
func idtBenchEvent() map[string]any {
	return idtIdentify("user-8271", map[string]any{
		"email":     "jane.kim@example.com",
		"firstName": "Jane",
		"lastName":  "Kim",
		"gender":    "female",
		"phone":     "+1 555 0100",
		"birthday":  "1991-09-16",
		"address":   map[string]any{"city": "Berlin", "country": "DE", "street": "Main St 1"},
		"plan":      "pro",
		"createdAt": "2021-05-06T07:08:09.000Z",
		"logins":    42.0,
		"tags":      []any{"beta", "newsletter"},
	})
}

func BenchmarkIdentify(b *testing.B) {
	s := idtSettings(FamilyBraze)
	raw := idtBenchEvent()
	b.Run("Handle", func(b *testing.B) {
		m := idtMapper(s, nil)
		b.ReportAllocs()
		for b.Loop() {
			m.user = "" // so every iteration calls changeUser, like a first identify
			m.Handle(raw)
		}
	})
	b.Run("Event", func(b *testing.B) {
		// Without ParseEvent: the cost of the identify mapping itself.
		ev, _ := ParseEvent(raw)
		m := idtMapper(s, nil)
		b.ReportAllocs()
		for b.Loop() {
			m.user = ""
			var r Result
			m.identify(&ev, &r)
		}
	})
}

func TestIdentify_LookupMatchesObjcase(t *testing.T) {
	// spec: §3.0 objcase. identTraits.get shares one sort across lookups;
	// it must find exactly what objcase finds.
	keys := []string{"firstName", "first_name", "FirstName", "FIRST-NAME", "first name", "first.name", "firstname2",
		"Email", "e_mail", "e-MAIL", "éemail", "email\u00e9", "photo_url", "PhotoURL", "phones", "Phone", "", "_", "gender "}
	names := []string{"firstName", "lastName", "email", "photoUrl", "avatarUrl", "avatar", "phone", "phones", "gender", "name", "address", "birthday"}
	for _, k := range keys {
		for _, n := range names {
			assert.Equal(t, normalizeKey(k) == normalizeKey(n), keyMatches(k, n), "key %q name %q", k, n)
		}
	}
	for i := range keys {
		traits := map[string]any{}
		for _, k := range keys[i:] {
			traits[k] = k
		}
		for _, n := range names {
			tr := newIdentTraits(traits)
			gk, gv, gok := tr.get(n)
			ok, ov, ook := objcase(traits, n)
			assert.Equal(t, []any{ok, ov, ook}, []any{gk, gv, gok}, "name %q in %v", n, keys[i:])
		}
	}
}
