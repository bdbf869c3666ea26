//go:build js && wasm

package main

import (
	"runtime"
	"slices"
	"unsafe"

	"github.com/segment-braze-wasm/segment-braze-wasm/core"
)

// The per-event entry. The shim writes each event as JSON text into input,
// linear memory that Go owns, and calls brazeHandle: a wasm export costs
// about 6 ns where a js.FuncOf call costs 12 us, and no js.Value is made
// for the event (shared/notes/event-path-measurements.md). The result
// comes back as numbers in status; its JSON text only when it carries
// warnings or an error.
//
// An export may call into JS while it runs (syscall/js calls are plain
// wasm imports, and a js.FuncOf called back from JS runs nested), which
// is how Go calls the SDK from here. What it must not do is run twice at
// once: input, status and the mapper's state belong to one event. The shim
// queues an event that arrives while one is handled (an SDK callback
// calling analytics.track); handling guards against a shim that does not.

var (
	// active is the page's bridge, set by main before the shim may call.
	active   *bridge
	input    []byte
	status   [10]int32
	detail   []byte
	handling bool
)

// keepInput is the largest input buffer kept between events: a hostile
// event may need a larger one, which goes back to the GC after it.
const keepInput = 64 << 10

// brazeBuffer returns the address of the input buffer, grown to hold at
// least n bytes. The shim calls it before each event: growing may move the
// buffer and detach the memory's ArrayBuffer.
//
//go:wasmexport brazeBuffer
func brazeBuffer(n int32) uint32 {
	if int(n) > cap(input) {
		input = make([]byte, max(int(n), 4096))
	}
	input = input[:cap(input)]
	return address(input)
}

// brazeHandle maps the event whose JSON text is the first n bytes of the
// input buffer and makes its SDK calls. It returns the address of status:
// ready (1), deferred (0) or loading (2: the SDK must load first, the
// event was not handled), calls sent, events dropped (0 or 1), events
// buffered, data points sent and saved, the address and length of the
// result's JSON text (bridge.d.ts StepResult), both 0 when there is
// nothing more to say, and the warnings and infos said before, left out
// of that text.
//
//go:wasmexport brazeHandle
func brazeHandle(n int32) (addr uint32) {
	if handling {
		return setStatus(failed("busy", "handle called while an event is handled"))
	}
	handling = true
	defer func() {
		// Go runs nothing between exports: the goroutines this event made
		// runnable (the GC's workers among them) run now, as they did
		// after each js.FuncOf call.
		runtime.Gosched()
		handling = false
		if cap(input) > keepInput {
			input = nil
		}
		if p := recover(); p != nil {
			addr = setStatus(failed("panic", "handle: "+core.PanicText(p)))
		}
	}()
	return setStatus(active.handle(input[:min(max(int(n), 0), len(input))]))
}

func setStatus(r stepResult) uint32 {
	status = [10]int32{0, int32(r.Sent), int32(r.Dropped), int32(r.Buffered), int32(r.DataPoints), int32(r.Saved)}
	if r.OK {
		r.Warnings = active.unsaid(r.Warnings)
	}
	switch r.State {
	case "ready":
		status[0] = 1
	case "loading":
		status[0] = 2
	}
	if !r.OK || len(r.Warnings) > 0 {
		detail = r.appendJSON(detail[:0])
		status[6], status[7] = int32(address(detail)), int32(len(detail))
	}
	return uint32(uintptr(unsafe.Pointer(&status)))
}

// maxSaid bounds bridge.said, searched for every warning: past it,
// warnings cross as text again.
const maxSaid = 100

// unsaid returns the warnings of ws not said before, counting the others
// by level in status.
func (b *bridge) unsaid(ws []core.Warning) []core.Warning {
	out := ws[:0]
	for _, w := range ws {
		switch {
		case !slices.Contains(b.said, w):
			if len(b.said) < maxSaid {
				b.said = append(b.said, w)
			}
			out = append(out, w)
		case w.Level == core.LevelInfo:
			status[9]++
		default:
			status[8]++
		}
	}
	return out
}

// address is where b starts in linear memory.
func address(b []byte) uint32 { return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(b)))) }
