//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// sdk executes core calls on the Braze SDK global.
type sdk struct {
	global  js.Value
	genders genders
}

// findSDK returns the SDK global of the family, which the shim has loaded:
// hooks.sdk when the shim sets it, since window.appboy may then be the
// shim's holder of the page's early calls (js/src/compat.js).
func findSDK(f core.Family, hooks js.Value) (*sdk, error) {
	g := js.Global().Get(f.Global())
	if hooks.Type() == js.TypeObject {
		if h := hooks.Get("sdk"); h.Type() == js.TypeObject || h.Type() == js.TypeFunction {
			g = h
		}
	}
	if g.Type() != js.TypeObject && g.Type() != js.TypeFunction {
		return nil, errors.New("window." + f.Global() + " is not defined: the Braze SDK for the " + f.String() + " family did not load")
	}
	user := g
	if f == core.FamilyAppboyAB {
		user = g.Get("ab") // SDK 1 and 2 keep their classes under appboy.ab
	}
	var enum js.Value
	if user.Type() == js.TypeObject || user.Type() == js.TypeFunction {
		if u := user.Get("User"); u.Type() == js.TypeFunction || u.Type() == js.TypeObject {
			enum = u.Get("Genders")
		}
	}
	return &sdk{global: g, genders: genders{enum}}, nil
}

// callError is a call the SDK did not take: code "sdk_error" when it
// threw, "sdk_refused" when it returned false (logCustomEvent and
// logPurchase do for a name Braze refuses, after logging why to their own
// console, off by default).
type callError struct{ code, msg string }

// execute makes one call. The rest of the event's calls run whatever this
// one did.
func (s *sdk) execute(c core.Call) (err *callError) {
	target, calling := s.global, false
	member, method, user := core.MethodTarget(c.Method)
	defer func() {
		if p := recover(); p != nil {
			err = threw(c, core.PanicText(p))
			// Looked up here, not before each call: a lookup is a crossing.
			if t := target.Type(); calling && (t != js.TypeObject && t != js.TypeFunction || target.Get(method).Type() != js.TypeFunction) {
				err = &callError{"sdk_error", c.Method + " is not a function in this SDK version"}
			}
		}
	}()
	switch {
	case user:
		target = s.global.Call("getUser")
	case member != "":
		target = s.global.Get(member)
	}
	args := toJSArgs(c.Args, &s.genders)
	calling = true
	return returned(c, target.Call(method, args...))
}

// threw is the error of a call that threw why.
func threw(c core.Call, why string) *callError {
	return &callError{"sdk_error", c.Method + " threw: " + why}
}

// returned is the error of a call that returned r: false is a refusal.
func returned(c core.Call, r js.Value) *callError {
	if r.Type() == js.TypeBoolean && !r.Bool() {
		return &callError{"sdk_refused", "the Braze SDK refused " + c.Method + ": not sent"}
	}
	return nil
}

// genders turns a core.Gender into the value the SDK expects: the SDK's
// own User.Genders constant when it has one, else the enum's value, which
// is what every SDK version sends and what a dry run (a nil *genders)
// shows.
type genders struct{ enum js.Value }

func (g *genders) value(v core.Gender) js.Value {
	if g != nil && g.enum.Type() == js.TypeObject {
		if c := g.enum.Get(v.ConstantName()); c.Type() == js.TypeString {
			return c
		}
	}
	return js.ValueOf(string(v))
}
