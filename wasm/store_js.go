//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// localStore backs sendOnlyChangedTraits with localStorage, so that the
// memory of what each user was last sent outlives the page.
type localStore struct{ ls js.Value }

// newStore returns localStorage when the page may use it (it throws in
// some privacy modes and sandboxed frames), else memory for this page.
func newStore() (s core.Store) {
	defer func() {
		if recover() != nil {
			s = core.NewMemoryStore()
		}
	}()
	ls := js.Global().Get("localStorage")
	if ls.Type() != js.TypeObject {
		return core.NewMemoryStore()
	}
	return localStore{ls}
}

func (s localStore) Get(key string) (v string, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = "", false
		}
	}()
	r := s.ls.Call("getItem", key)
	if r.Type() != js.TypeString {
		return "", false
	}
	return r.String(), true
}

func (s localStore) Set(key, value string) {
	defer func() { recover() }() // quota exceeded: the value is sent again next time, no harm
	s.ls.Call("setItem", key, value)
}
