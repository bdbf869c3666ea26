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
	// maker is the shim's maker of an event's calls (js/src/entry.js).
	maker js.Value
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
	calling := false
	defer func() {
		if p := recover(); p != nil {
			err = threw(c, core.PanicText(p))
			if calling && s.lacks(c.Method) {
				err = lacking(c)
			}
		}
	}()
	target, method := s.target(c.Method)
	args := toJSArgs(c.Args, &s.genders)
	calling = true
	return returned(c, target.Call(method, args...))
}

// target returns the object that method is called on, and its name there.
func (s *sdk) target(method string) (js.Value, string) {
	member, name, user := core.MethodTarget(method)
	switch {
	case user:
		return s.global.Call("getUser"), name
	case member != "":
		return s.global.Get(member), name
	}
	return s.global, name
}

// made is the error of a call the shim made, as execute reports it: v is
// false for a refusal, the message of what it threw, or true.
func (s *sdk) made(c core.Call, v js.Value) *callError {
	switch {
	case v.Type() != js.TypeString:
		return returned(c, v)
	case s.lacks(c.Method):
		return lacking(c)
	}
	return threw(c, "JavaScript error: "+v.String())
}

// lacks reports whether the SDK has no function method, once a call to it
// threw: looked up then, not before each call, since a lookup is a
// crossing.
func (s *sdk) lacks(method string) bool {
	defer func() { recover() }() // getUser threw: it is there
	target, name := s.target(method)
	t := target.Type()
	return t != js.TypeObject && t != js.TypeFunction || target.Get(name).Type() != js.TypeFunction
}

func lacking(c core.Call) *callError {
	return &callError{"sdk_error", c.Method + " is not a function in this SDK version"}
}

// batch is the text of an event's calls for the shim's maker, in linear
// memory: the calls cross at once, with numbers only.
var batch jsonWriter

// makeAll makes calls through the shim's maker (js/src/entry.js), which
// takes their JSON text, [[[user, method, ...args], ...], [[ms, key,
// ...path], ...]]: user is whether the method is getUser()'s, and the
// dates in the arguments are null, set by path (jsonWriter.endDates). It returns true when the SDK took each
// call, else what each did (made); undefined, having made none, when Go
// must make them one by one: there is no maker, or a call is initialize
// or openSession, which need Go between calls, or a member's method.
func (s *sdk) makeAll(calls []core.Call) js.Value {
	if len(calls) == 0 || s.maker.Type() != js.TypeFunction {
		return js.Undefined()
	}
	j := &batch
	j.b, j.dates = append(j.b[:0], '['), j.dates[:0]
	for i, c := range calls {
		member, method, user := core.MethodTarget(c.Method)
		if member != "" || method == core.MethodInitialize || method == core.MethodOpenSession {
			return js.Undefined()
		}
		j.put(",[")
		j.value(user)
		j.put(",")
		j.b = core.AppendJSONString(j.b, method)
		j.path = append(j.path[:0], step{index: i})
		for k, a := range c.Args {
			if g, ok := a.(core.Gender); ok {
				a = s.genders.value(g).String()
			}
			j.put(",")
			if !j.member(step{index: 2 + k}, a) {
				return js.Undefined()
			}
		}
		j.put("]")
	}
	j.b[1] = '[' // the first call's comma opens the list
	j.put("]")
	j.endDates()
	return s.maker.Invoke(s.global, address(j.b), len(j.b))
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
