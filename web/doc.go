// Command web is the local site of segment-braze-wasm: what `make run` starts
// and what the browser tests in this folder drive.
//
// It serves, with no network access:
//
//   - /playground/: the mapping playground (the playground/ folder; its
//     index.html and live.html are templates that get a CSP nonce and the
//     build's hashed URL); a browser asking for / is sent there;
//   - /demo/: the demo shop (embedded from demo/), under the same strict
//     Content-Security-Policy;
//   - /braze-wasm/: the build output (make build): braze-wasm.js, the wasm
//     module and wasm_exec.js, with their precompressed .br and .gz copies;
//     also under /braze-wasm/{hash}/, the content hash of the three, cached
//     for a year (immutable), which is what our pages load;
//   - /vendor/: the Braze SDK files from the npm install (make deps-npm), never
//     copied into the repository: /vendor/braze/braze.no-module.min.js (a local
//     bundle standing in for the Braze CDN file) and /vendor/appboy/3.5.1/;
//   - Segment's CDN and tracking API, as Analytics.js reaches them when a page
//     sets analytics._cdn to this origin: /v1/projects/{writeKey}/settings,
//     /analytics.js/v1/{writeKey}/analytics.min.js, /analytics-next/bundles/
//     and POST /v1/{t,i,p,g,a,s,m,batch};
//   - the Braze SDK backend: POST /api/v3/*, recorded, answered with {};
//     GET /__backend/requests lists what was recorded (?since=seq, ?kind=)
//     and DELETE clears it; GET /__backend/events streams it as server-sent
//     events. A browser may use the log only from the server's own origins.
//
// The backend can also be served alone on a second address (-backend-addr),
// so that the page and the backend are different origins, as in production.
//
// Usage:
//
//	go run ./web [-addr localhost:8080] [-backend-addr localhost:8081] [-build build] [-node-modules web/node_modules] [-playground playground]
//
// The environment variable PORT, when set, replaces the port of -addr.
package main
