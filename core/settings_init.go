package core

// How initialize is called: the endpoint, and the options in each SDK
// family's form.

// baseURL resolves the endpoint settings (precedence baseUrl,
// customEndpoint, endpoint, datacenter) into the initialize baseUrl, and
// reports whether the key is sent at all.
func (p *settingsParser) baseURL(s *Settings) (string, bool) {
	if key, v, ok := p.lookup("baseUrl"); ok {
		if u, ok := p.stringValue(key, v); ok && u != "" {
			return u, true
		}
	}
	if key, v, ok := p.lookup("customEndpoint"); ok {
		if u, ok := p.stringValue(key, v); ok && u != "" {
			if n, ok := normalizeCustomEndpoint(u); ok {
				return n, true
			}
			p.warn(key, CodeInvalidSetting, "expected a host or URL but got: %s; ignored", settingPreview(u))
		}
	}
	if key, v, ok := p.lookup("endpoint"); ok {
		if u, ok := p.stringValue(key, v); ok && u != "" {
			if s.Major >= 4 {
				// Actions passes the bare host and SDK 4+ accepts it.
				return u, true
			}
			if n, ok := normalizeCustomEndpoint(u); ok {
				return n, true
			}
			p.warn(key, CodeInvalidSetting, "expected a host but got: %s; ignored", settingPreview(u))
		}
	}
	if key, v, ok := p.lookup("datacenter"); ok {
		if d, ok := p.stringValue(key, v); ok && d != "" {
			host, known := classicDatacenter(toLowerASCII(d))
			switch {
			case !known:
				p.warn(key, CodeInvalidSetting, "expected us, us02, us03 or eu but got: %s; the default US-01 is used", settingPreview(d))
			case s.Major == 2 && host == DefaultEndpoint:
				// Classic SDK 2 sends no baseUrl for US-01: keep its
				// object key for key.
				return "", false
			default:
				return "https://" + host + "/api/v3", true
			}
		}
	}
	switch s.Major {
	case 2:
		return "", false
	case 1, 3:
		// SDK 3 requires a baseUrl, which the classic integration omitted.
		return "https://" + DefaultEndpoint + "/api/v3", true
	}
	return DefaultEndpoint, true
}

// normalizeCustomEndpoint makes a custom endpoint a full SDK API URL, as the
// classic integration does, without its double slash or double /api/v3.
func normalizeCustomEndpoint(u string) (string, bool) {
	lower := toLowerASCII(u)
	if !hasPrefix(lower, "https://") && !hasPrefix(lower, "http://") {
		u = "https://" + u
	}
	for hasSuffix(u, "/") {
		u = u[:len(u)-1]
	}
	_, rest, _ := cut(u, "://")
	host, _, _ := cut(rest, "/")
	if host == "" {
		return "", false
	}
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case ' ', '\t', '\r', '\n':
			return "", false
		}
	}
	if !hasSuffix(toLowerASCII(u), "/api/v3") {
		u += "/api/v3"
	}
	return u, true
}

// givenOption is an initialize option the user set, with its valid value.
type givenOption struct {
	key   string // as given
	value any
}

// options reads every initialize option the settings hold, by Braze 4+
// name. Invalid values are reported and left out, so the family's
// default applies.
func (p *settingsParser) options() map[string]givenOption {
	opts := map[string]givenOption{}
	for _, o := range brazeInitOptions {
		names := []string{o.name}
		if o.classic != "" {
			names = append(names, o.classic)
		}
		key, v, ok := p.lookup(names...)
		if !ok {
			continue
		}
		var val any
		switch o.kind {
		case optionBool:
			val, ok = p.boolValue(key, v)
		case optionString:
			val, ok = p.stringValue(key, v)
		case optionNumber:
			var f float64
			if f, ok = p.numberValue(key, v); ok {
				if problem := optionNumberProblem(o.name, f); problem != "" {
					p.warn(key, CodeInvalidSetting, "%s but got: %s; the default is used", problem, settingPreview(f))
					ok = false
				}
			}
			val = f
		case optionStrings:
			var list []any
			list, ok = p.stringsValue(key, v)
			// Actions passes the list only with a non-blank entry; an
			// empty list would otherwise tell Braze to collect nothing.
			ok = ok && len(list) > 0
			val = list
		}
		if ok {
			opts[o.name] = givenOption{key: key, value: val}
		}
	}
	return opts
}

func optionNumberProblem(option string, f float64) string {
	switch option {
	case "minimumIntervalBetweenTriggerActionsInSeconds":
		if f < 0 {
			return "expected 0 or more"
		}
	case "sessionTimeoutInSeconds":
		if f <= 0 {
			return "expected more than 0"
		}
	}
	return ""
}

// initOptions builds the second argument of initialize for the family.
func (p *settingsParser) initOptions(s *Settings) Options {
	base, hasBase := p.baseURL(s)
	opts := p.options()
	if set, _ := opts["contentSecurityNonce"].value.(string); set == "" && p.nonce != "" && s.AtLeast(2, 4) {
		opts["contentSecurityNonce"] = givenOption{key: "contentSecurityNonce", value: p.nonce}
	}
	switch s.Family {
	case FamilyBraze:
		o := append(make(Options, 0, 1+len(brazeInitOptions)), Option{Key: "baseUrl", Value: base})
		for _, bo := range brazeInitOptions {
			set, ok := opts[bo.name]
			if !ok || set.value == "" {
				// Blank strings mean unset; a blank contentSecurityNonce
				// would stop the shell filling in the page's nonce.
				continue
			}
			o = append(o, Option{Key: bo.name, Value: set.value})
		}
		return o
	case FamilyAppboy, FamilyAppboyAB:
		if s.Major == 1 {
			return p.v1Options(base, opts)
		}
	}
	o := make(Options, 0, len(classicInitOptions)+1)
	classic := map[string]bool{}
	for _, c := range classicInitOptions {
		classic[c.option] = true
		v := c.def
		if set, ok := opts[c.option]; ok {
			v = set.value
		}
		o = append(o, Option{Key: c.key, Value: v})
	}
	if hasBase {
		o = append(o, Option{Key: "baseUrl", Value: base})
	}
	// Options outside the classic twelve appear only in settings written
	// for Actions; they are passed after the classic object so SDK 3
	// users keep e.g. SDK authentication.
	for _, bo := range brazeInitOptions {
		set, ok := opts[bo.name]
		if classic[bo.name] || !ok || set.value == "" {
			continue
		}
		if !s.AtLeast(bo.since[0], bo.since[1]) {
			p.warn(set.key, CodeInvalidSetting, "not supported before SDK %d.%d (in use: %s); passed anyway", bo.since[0], bo.since[1], s.Version)
		}
		o = append(o, Option{Key: bo.name, Value: set.value})
	}
	return o
}

// v1Options is the classic SDK 1 object (§1.4). The classic integration
// ignores every other option; we still ignore them but say so when the
// value would have changed something.
func (p *settingsParser) v1Options(base string, opts map[string]givenOption) Options {
	o := append(make(Options, 0, 3), Option{Key: "baseUrl", Value: base})
	if set, ok := opts["safariWebsitePushId"]; ok && set.value != "" {
		o = append(o, Option{Key: "safariWebsitePushId", Value: set.value})
	}
	if set, ok := opts["allowUserSuppliedJavascript"]; ok && set.value == true {
		o = append(o, Option{Key: "enableHtmlInAppMessages", Value: true})
	}
	defaults := map[string]any{}
	for _, c := range classicInitOptions {
		defaults[c.option] = c.def
	}
	for _, bo := range brazeInitOptions {
		set, ok := opts[bo.name]
		if !ok || bo.name == "safariWebsitePushId" || bo.name == "allowUserSuppliedJavascript" {
			continue
		}
		def, hasDef := defaults[bo.name]
		if !hasDef {
			switch bo.kind {
			case optionBool:
				def = false
			case optionString:
				def = ""
			}
		}
		if set.value == def || bo.kind == optionString && set.value == "" {
			continue
		}
		p.warn(set.key, CodeInvalidSetting, "not passed to SDK 1, which takes only baseUrl, safariWebsitePushId and enableHtmlInAppMessages")
	}
	return o
}
