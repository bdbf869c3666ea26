// Go found Segment's own Braze destination running on the page too
// (core.Conflicts): Braze would get every event twice. One console error,
// and status().conflicts names what was seen.
import {state, error} from './status.js';

export const conflict = (names, message) => { state.conflicts = names; error(message); };
