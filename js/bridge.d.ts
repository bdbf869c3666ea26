// The bridge between js/src/ (the shim) and the Go wasm module
// (wasm/). While go.run(instance) runs, globalThis.__brazeWasm is an
// object of the shim's (the page never sees it) holding calls, below; Go's
// main fills in configure, start and plan (js.FuncOf) on it and blocks,
// which returns from go.run. handle is the shim's own (js/src/entry.js),
// over the module's exports below: events never take a js.FuncOf.
// Shapes mirror wasm/*.go; Warning mirrors core.Warning.
//
// Events and settings cross as JSON text written by js/src/encode.js: only
// the members core reads of an event (of its context, the consent), within a per-event budget (10,000
// values, 256 Ki characters, strings of 50 KB); a value JSON cannot carry
// is a marker string, U+E000 and a kind (protocol §3).

export interface Warning {
  event: number;      // index in plan()'s events; 0 for handle(), -1 for settings/page load
  field: string;      // path: "traits.address.city", "properties.products[1].price", "apiKey"
  code: string;       // stable code, core/warning.go
  message: string;    // does not repeat field
  // "warning": data lost or changed; "info": what a setting chose not to
  // send (page not tracked, alias/screen, debounced identify, unchanged
  // trait, anonymous event under only-known-users). status() counts them
  // apart: counts.warnings and counts.info.
  level: "warning" | "info";
}

// message does not repeat field: print them as `${field}: ${message}`.
export interface BridgeError { code: string; message: string; field?: string }

export interface Hooks {
  // The SDK global the shim loaded; Go calls it rather than window.appboy,
  // which may be the shim's holder of the page's calls before initialize.
  sdk?: object;
  // Called by Go right before it calls openSession on the SDK (every family),
  // so in-app subscribers and appboyCompat are attached before the session starts.
  beforeOpenSession?(sdk: object): void;
  // Segment's own Braze destination runs on the page too (core.Conflicts);
  // called once by start().
  conflict?(names: string[], message: string): void;
  // Set by the shim before configure(): the page's script nonce ("" for
  // none), which Go passes to the SDK as contentSecurityNonce when the
  // settings leave it unset (core.ParsePageSettings).
  nonce?: string;
  // Set by the shim before start(): the Analytics.js instance, whose
  // integrations option, CDN settings and plugins Go reads (wasm/page_js.go).
  analytics?: object;
  // The boot plan the page carries (core/boot.go), as JSON.stringify writes
  // it, or as the page gave it when it is not JSON: configure's result says
  // whether it is used, and a warning (plan_outdated) names what differs.
  // "" asks for the plan (js/bootplan.js): the planner build makes it.
  plan?: string;
}

// The module's exports for events (wasm/entry_js.go), besides Go's own.
export interface Exports {
  mem: WebAssembly.Memory;
  // The address of Go's input buffer, grown to at least n bytes. May grow
  // memory: make views after it.
  brazeBuffer(n: number): number;
  // Handles the event whose JSON text is the buffer's first n bytes and
  // returns the address of 8 int32: ready (1), deferred (0) or loading (2:
  // the event consents, Braze waits for consent and its SDK is not loaded:
  // the event was not handled), sent,
  // dropped, buffered, dataPoints, saved, and the address and length of the
  // StepResult's JSON text, 0 when there are no warnings and no error.
  brazeHandle(n: number): number;
}

export interface ConfigureResult {
  ok: boolean;
  error?: BridgeError;          // missing apiKey, unsupported version: state "failed"
  warnings: Warning[];
  sdkUrl: string;
  sdkIntegrity: string;
  version: string;              // "6.13", "3.5", "2.7", "1"
  family: "appboy.ab" | "appboy" | "braze";  // core.Family.String()
  global: "appboy" | "braze";   // window global the SDK defines
  readyTimeoutMs: number;
  appboyCompat: boolean;
  onlyKnownUsers: boolean;
  // consentCategories is set: the shim loads no SDK until handle answers
  // state "loading" for an event that consents (core.Consented).
  consent: boolean;
  // With hooks.plan: the page's plan when it was made from these settings
  // by this build (else ""); asked for with "", the planner build's plan
  // for them ("" for none, and always on the module pages get).
  plan?: string;
}

// The boot plan (core.BootPlan), as the shim reads it (js/src/boot.js).
// Call arguments hold placeholders: U+E000 "i" the stored user id, "n" the
// page's nonce (no option without one), "u" an option present as undefined.
export interface BootPlan {
  settings: string;             // the settings' JSON text it was made from
  build: string;                // the id of the build that made it (Go takes only its own)
  sdkUrl: string;
  sdkIntegrity: string;
  global: "appboy" | "braze";
  appboyCompat: boolean;
  off: string;                  // analytics.load integrations[off] === false: not used
  maxUserId: number;            // a longer stored user id (UTF-16 units): not used
  known: [method: string, ...args: unknown[]][];     // with a stored user id
  anonymous: [method: string, ...args: unknown[]][]; // without one
}

export interface StepResult {
  ok: boolean;                  // false: a Go panic was recovered (error set)
  error?: BridgeError;
  // deferred: only-known-users waits for a userId, or Braze for consent;
  // failed: initialize threw (ok false, error.code "sdk_error" with the
  // SDK's message), Braze is off; loading (handle, before start): the
  // event consents, so the SDK must load and the event be handed over
  // again after start.
  state?: "ready" | "deferred" | "failed" | "loading";
  sent: number;                 // SDK calls executed for this step
  dropped: number;              // 1 when this event sent no call (none made, or the SDK refused them) and is lost (not when a setting chose so)
  buffered: number;             // events now waiting for a known user
  dataPoints: number;           // Braze data points of the calls executed
  saved: number;                // data points debounceIdentify and sendOnlyChangedTraits kept from Braze
  warnings: Warning[];
}

export interface Call { method: string; args: unknown[] }   // Dates are Date objects

// A call of a plan: the index of the event it comes from (-1: the page
// load; buffered events count as the identify that released them) and
// the Braze data points it costs (core.PlannedCall).
export interface PlannedCall extends Call { event: number; dataPoints: number }

// What one data-point option saves, the other one as set: the plan's data
// points with the option off minus those with it on (core.OptionSaving).
// When the option is off, what turning it on would save.
export interface OptionSaving {
  on: boolean;
  saved: number;
  perEvent: number[];           // by index of plan()'s events
}

// core.Savings: debounceIdentify and sendOnlyChangedTraits on the plan's events.
export interface Savings {
  saved: number;                // what the options as set save (against both off); status().counts.saved on real traffic
  allOn: number;                // the plan's data points with both options on
  debounceIdentify: OptionSaving;
  sendOnlyChangedTraits: OptionSaving;
}

export interface PlanResult {
  ok: boolean;
  error?: BridgeError;          // the first problem that stops the destination; any other one is in warnings
  calls: PlannedCall[];
  warnings: Warning[];
  dataPoints: number;
  sdkUrl: string;
  // Set when ok: the SDK version in use and its window global, decided by
  // the version, never by the text of sdkUrl.
  version?: string;
  global?: "appboy" | "braze";
  savings?: Savings;
}

export interface Bridge {
  // The shim's maker of an event's SDK calls (js/src/entry.js), set before
  // go.run: Go writes the calls as JSON text into its memory, n bytes at p,
  // [[[user, method, ...args], ...], [[ms, key, ...path], ...]] (user: a
  // method of sdk.getUser(); each date in the arguments is null, set as a
  // Date at calls[path...][key]), and makes one call of numbers for them
  // all (wasm/sdk_js.go makeAll). It returns true when the SDK took each
  // call, else what each did as start's done says it. A page load's calls,
  // which need Go between them, and any without a maker, Go makes itself.
  calls(sdk: object, p: number, n: number): true | (boolean | string)[];
  // Parses settings (either Segment naming scheme), as JSON text. Needs no SDK.
  configure(settings: string, hooks: Hooks): ConfigureResult;
  // Executes the page-load calls on the SDK global (must be loaded):
  // initialize, auto-show, changeUser(initialUserId) when given, openSession.
  // done: the shim made them from the boot plan, for initialUserId; what
  // each did (true, false: refused, or the message it threw), which Go
  // reports as if it had made them, making none again.
  start(initialUserId: string | null, done?: (boolean | string)[]): StepResult;
  // Maps one Segment event (analytics-next ctx.event, as the JSON text
  // js/src/encode.js made of it when it arrived) and executes its calls:
  // the shim's, over Exports.
  handle(event: string): StepResult;
  // Dry run: no SDK needed, nothing executed. Independent of configure().
  // The planner build only: the module pages get answers error no_planner.
  // settings and each event as JSON text; total is how many events the page
  // passed (the shim encodes at most 1,000: a warning on "events" says so).
  plan(settings: string, events: string[], options: { initialUserId?: string }, total: number): PlanResult;
}
