// The bridge between js/src/ (the shim) and the Go wasm module
// (wasm/). Before go.run(instance) the shim creates
// globalThis.__brazeWasm = { onready() {...} } (only while Go runs: the
// page never sees it); Go's main fills in the
// methods below on that object, then calls onready() once and blocks.
// Shapes mirror wasm/*.go; Warning mirrors core.Warning.

export interface Warning {
  event: number;      // index in plan()'s events; 0 for handle(), -1 for settings/page load
  field: string;      // path: "traits.address.city", "properties.products[1].price", "apiKey"
  code: string;       // stable code, core/warning.go
  message: string;
}

export interface BridgeError { code: string; message: string; field?: string }

export interface Hooks {
  // Called by Go right before it calls openSession on the SDK (every family),
  // so in-app subscribers and appboyCompat are attached before the session starts.
  beforeOpenSession?(sdk: object): void;
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
}

export interface StepResult {
  ok: boolean;                  // false: a Go panic was recovered (error set)
  error?: BridgeError;
  // deferred: only-known-users waits for a userId; failed: initialize threw
  // (ok false, error.code "sdk_error" with the SDK's message), Braze is off.
  state?: "ready" | "deferred" | "failed";
  sent: number;                 // SDK calls executed for this step
  dropped: number;              // 1 when this event produced no call and is lost
  buffered: number;             // events now waiting for a known user
  warnings: Warning[];
}

export interface Call { method: string; args: unknown[] }   // Dates are Date objects

// A call of a plan: the index of the event it comes from (-1: the page
// load; buffered events count as the identify that released them) and
// the Braze data points it costs (core.PlannedCall).
export interface PlannedCall extends Call { event: number; dataPoints: number }

export interface PlanResult {
  ok: boolean;
  error?: BridgeError;
  calls: PlannedCall[];
  warnings: Warning[];
  dataPoints: number;
  sdkUrl: string;
}

export interface Bridge {
  // Parses settings (either Segment naming scheme). Needs no SDK.
  configure(settings: object, hooks: Hooks): ConfigureResult;
  // Executes the page-load calls on the SDK global (must be loaded):
  // initialize, auto-show, changeUser(initialUserId) when given, openSession.
  start(initialUserId: string | null): StepResult;
  // Maps one Segment event (analytics-next ctx.event) and executes its calls.
  handle(event: object): StepResult;
  // Dry run: no SDK needed, nothing executed. Independent of configure().
  plan(settings: object, events: object[], options?: { initialUserId?: string }): PlanResult;
}
