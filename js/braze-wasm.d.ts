// Types of the public API of segment-braze-wasm: the ES module
// (import {destination} from 'segment-braze-wasm') and window.BrazeWasm of
// the script tag. Hand-written; js/bridge.d.ts is the internal Go bridge.

/**
 * Destination settings. Either Segment naming scheme pastes as it is: the
 * classic "Braze (Appboy)" names or the "Braze Web Mode (Actions)" names
 * (shown as aliases below); when both are set the first one listed wins.
 * Unknown keys and wrong types are reported in the console, never thrown.
 */
export interface Settings {
  /** Braze Web SDK API key (classic). */
  apiKey?: string;
  /** Braze Web SDK API key (Actions). */
  api_key?: string;
  /** Braze Web SDK version: "1" to "6", or "major.minor" (classic). Default 6.13. */
  version?: string | number;
  /** SDK version (Actions). */
  sdkVersion?: string | number;
  /** Initialise Braze only once a userId is known (classic). */
  onlyTrackKnownUsersOnWeb?: boolean;
  /** Initialise Braze only once a userId is known (Actions). */
  deferUntilIdentified?: boolean;

  /** SDK endpoint, "sdk.iad-01.braze.com" or a URL (Actions). A bare host becomes https://. */
  endpoint?: string;
  /** "us" | "eu" or a cluster (classic). */
  datacenter?: string;
  /** Custom SDK endpoint (classic). */
  customEndpoint?: string;
  /** The SDK's baseUrl, used as it is: wins over endpoint, customEndpoint and datacenter. */
  baseUrl?: string;

  automaticallyDisplayMessages?: boolean;
  trackAllPages?: boolean;
  trackNamedPages?: boolean;
  logPurchaseWhenRevenuePresent?: boolean;

  // Braze initialize options (SDK 4+ names; the classic name where it differs).
  allowCrawlerActivity?: boolean;
  allowUserSuppliedJavascript?: boolean;
  enableHtmlInAppMessages?: boolean;
  appVersion?: string;
  contentSecurityNonce?: string;
  devicePropertyAllowlist?: string[];
  disablePushTokenMaintenance?: boolean;
  doNotLoadFontAwesome?: boolean;
  enableLogging?: boolean;
  enableSdkAuthentication?: boolean;
  inAppMessageZIndex?: number;
  localization?: string;
  manageServiceWorkerExternally?: boolean;
  minimumIntervalBetweenTriggerActionsInSeconds?: number;
  noCookies?: boolean;
  openCardsInNewTab?: boolean;
  openNewsFeedCardsInNewTab?: boolean;
  openInAppMessagesInNewTab?: boolean;
  requireExplicitInAppMessageDismissal?: boolean;
  safariWebsitePushId?: string;
  serviceWorkerLocation?: string;
  sessionTimeoutInSeconds?: number;

  // Ours.
  /** Only-known-users mode: drop (default) or keep (up to 100) events before the identify. */
  anonymousEvents?: 'drop' | 'buffer';
  /** Skip an identify identical to the previous one on the page. */
  debounceIdentify?: boolean;
  /** Write an attribute only when it changed (remembered in localStorage). */
  sendOnlyChangedTraits?: boolean;
  /** window.appboy over the SDK 4+ window.braze, for appboy-era snippets. Default true. */
  appboyCompat?: boolean;
  /** How long analytics.ready waits for Braze at most (default 5000, at most 60000). */
  readyTimeoutMs?: number;
  /** Folder of braze-wasm.wasm and wasm_exec.js, when they are not beside this module. */
  assetsUrl?: string;
  /** The Braze SDK's URL, instead of Braze's CDN for the version. */
  sdkUrl?: string;
  /** Subresource Integrity hash of sdkUrl ("sha384-..."). */
  sdkIntegrity?: string;
  /**
   * Consent categories Braze waits for ("C0004", "Advertising"): nothing of
   * Braze runs (no SDK download, storage or request) until an event's
   * context.consent.categoryPreferences has every one true, as Segment's
   * consent tools stamp it; an event without that consent is not sent.
   */
  consentCategories?: string[];

  /** Added by Segment's Actions runtime; accepted and ignored. */
  subscriptions?: unknown;
  versionSettings?: unknown;
}

export type State = 'loading' | 'deferred' | 'ready' | 'blocked' | 'failed' | 'unloaded';

export interface Status {
  /**
   * loading: SDK or wasm on their way; deferred: only-known-users mode waits
   * for a userId, or consentCategories for consent; ready: sending; blocked/failed: off for this page (see
   * lastError); unloaded: analytics.deregister.
   */
  state: State;
  /** The SDK version the settings chose, "6.13", "3.5", ... */
  sdkVersion: string | null;
  apiFamily: 'appboy.ab' | 'appboy' | 'braze' | null;
  counts: {
    received: number;
    sent: number;
    buffered: number;
    dropped: number;
    /** Data lost or changed (console.warn). */
    warnings: number;
    /** What a setting chose not to send (console.info). */
    info: number;
    /** Braze data points sent. */
    dataPoints: number;
    /** Data points debounceIdentify and sendOnlyChangedTraits kept from Braze. */
    saved: number;
    /**
     * Events earlier page views stored for this one (they left before their
     * module arrived), handed to Go ahead of this page's own (README: Short visits).
     */
    carried: number;
  };
  lastError: string | null;
  /**
   * Another Braze integration on the page (Segment's own Braze destination in
   * device mode): Braze would receive everything twice. Names what was seen.
   */
  conflicts?: string[];
}

/** A Braze in-app message (braze.InAppMessage, or appboy.ab.InAppMessage on SDK 1-3). */
export interface InAppMessage {
  message?: string;
  extras?: Record<string, string>;
  [key: string]: unknown;
}

export interface Warning {
  /** Index of the event in plan()'s events; -1 for the settings. */
  event: number;
  /** Path of the field: "traits.address.city", "properties.products[1].price", "apiKey". */
  field: string;
  code: string;
  message: string;
  level?: 'info' | 'warning';
}

export interface PlannedCall {
  /** "initialize", "changeUser", "getUser().setEmail", "logCustomEvent", ... */
  method: string;
  args: unknown[];
  /** The event it comes from; -1: the page load. */
  event: number;
  /** Braze data points it costs. */
  dataPoints: number;
}

/** What one data-point option saves, the other one as set (when off: what turning it on would save). */
export interface OptionSaving {
  on: boolean;
  saved: number;
  /** By index of plan()'s events. */
  perEvent: number[];
}

export interface Plan {
  ok: boolean;
  error?: {code: string; message: string; field?: string};
  calls: PlannedCall[];
  warnings: Warning[];
  dataPoints: number;
  sdkUrl: string;
  /** When ok: the SDK version in use and its window global. */
  version?: string;
  global?: 'appboy' | 'braze';
  /** debounceIdentify and sendOnlyChangedTraits on the plan's events. */
  savings?: {
    saved: number;
    allOn: number;
    debounceIdentify: OptionSaving;
    sendOnlyChangedTraits: OptionSaving;
  };
}

/** A Segment event as analytics-next delivers it (ctx.event), or as plan() takes it. */
export interface SegmentEvent {
  type: 'identify' | 'track' | 'page' | 'group' | 'alias' | 'screen';
  userId?: string | null;
  anonymousId?: string | null;
  event?: string;
  name?: string;
  category?: string;
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  groupId?: string;
  [key: string]: unknown;
}

/**
 * A destination middleware, as analytics.addDestinationMiddleware takes it:
 * next(payload) passes payload.obj on to Braze, changed or not; not calling
 * next before it returns (or its promise settles), next(null) or a throw
 * drops the event for Braze only. payload holds the event as obj alone
 * (no Facade methods), a copy of the one the other destinations get.
 */
export type DestinationMiddleware = (args: {
  payload: {obj: SegmentEvent};
  integration: string;
  next: (payload: {obj: SegmentEvent} | null) => void;
}) => void | Promise<void>;

/** The analytics-next destination plugin (structurally an analytics-next Plugin). */
export interface BrazeDestination {
  name: string;
  type: 'destination';
  version: string;
  isLoaded(): boolean;
  load(ctx: any, analytics: any): Promise<unknown>;
  ready(): Promise<unknown>;
  identify(ctx: any): any;
  track(ctx: any): any;
  page(ctx: any): any;
  group(ctx: any): any;
  unload(ctx: any, analytics?: any): any;
  /** Called by analytics.addDestinationMiddleware('Braze (WASM)' or '*', ...fns); they run in the order added. */
  addMiddleware(...fns: DestinationMiddleware[]): void;
}

/**
 * The destination plugin: AnalyticsBrowser.load({writeKey, plugins: [destination(settings)]}). One per page; a second call keeps the first settings.
 * plan: the boot plan `npx braze-wasm-plan settings.json` prints for these settings (its JSON text, or the object an import of it gives):
 * Braze then starts as soon as its SDK and Analytics.js are there, without waiting for the wasm module.
 */
export function destination(settings: Settings, plan?: string | object | null): BrazeDestination;
/** Where Braze is; never throws. */
export function status(): Status;
/** Resolves with status() once Braze is ready, blocked or failed (deferred keeps waiting), or after ms (default readyTimeoutMs). */
export function whenReady(ms?: number): Promise<Status>;
/** The Braze SDK global (window.braze or window.appboy) once initialised; cast it to the SDK's types. */
export function sdk(): any;
/** Every in-app message, session-start ones included: attached before the session opens, on every SDK version. */
export function onInAppMessage(fn: (message: InAppMessage) => void): void;
/** Dry run: the SDK calls, warnings and data points for events, without loading the SDK; the events as given (no destination middleware runs). Needs the planner build of the module: load it first with assetsUrl set to the package's planner/ folder (else ok: false, error no_planner). */
export function plan(settings: Settings, events: SegmentEvent[], options?: {initialUserId?: string}): Promise<Plan>;

export interface BrazeWasmAPI {
  destination: typeof destination;
  status: typeof status;
  whenReady: typeof whenReady;
  sdk: typeof sdk;
  onInAppMessage: typeof onInAppMessage;
  plan: typeof plan;
}

declare const api: BrazeWasmAPI;
export default api;

declare global {
  interface Window {
    /** Set by the script tag (braze-wasm.js). */
    BrazeWasm?: BrazeWasmAPI;
  }
}
