// Destination middleware (analytics.addDestinationMiddleware), applied as
// analytics-next applies it to its own destinations (its
// applyDestinationMiddleware): each function gets {payload, integration,
// next}; next(payload) passes payload.obj on, changed or not; not calling
// next before the function returns (or its promise settles), or next(null),
// drops the event; a throw drops it too. payload is {obj} alone: Segment's
// Facade around it would cost more than the whole shim.
import {warn, debug} from './status.js';

// copy is the copy analytics-next's Facade makes, so that a middleware
// changes Braze's event only: plain objects and arrays are new, the rest
// is shared. A value that is one of its own ancestors stays as it is, for
// encode to report as a cycle.
const copy = (v, up = []) => up.includes(v) ? v
  : Array.isArray(v) ? v.map(x => copy(x, [...up, v]))
  : {}.toString.call(v) == '[object Object]' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x, [...up, v])]))
  : v;

// through resolves with the event the chain passes on, or with undefined
// for a dropped one, having said why.
export const through = async (fns, event, integration) => {
  const what = event.type + ' ' + (event.event || event.name || '');
  try {
    for (const fn of fns) {
      let out;
      await fn({payload: {obj: copy(event)}, integration, next: p => out = p?.obj});
      if (!(event = out)) {
        debug(what + ' dropped by destination middleware');
        return;
      }
    }
    return event;
  } catch (e) {
    warn(`destination middleware threw on ${what}: ${e?.message}`);
  }
};
