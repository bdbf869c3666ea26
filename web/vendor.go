package main

import (
	"net/http"
	"path/filepath"
)

// Versions of the Braze SDK files served under /vendor/. They match the pins
// in package.json (TestServer_VendorPins checks it) and the bundle name that
// the Makefile's deps-npm target writes.
const (
	brazeSDKVersion  = "6.13.0"
	appboySDKVersion = "3.5.1"
)

// Paths of the SDK files under /vendor/, for sdkUrl settings.
const (
	vendorBrazePath  = "/vendor/braze/braze.no-module.min.js"
	vendorAppboyPath = "/vendor/appboy/" + appboySDKVersion + "/"
)

// registerVendor serves the Braze SDK files of the npm install under /vendor/,
// for the tests and the demo, so that nothing is fetched from Braze's CDN.
// They are served from node_modules only and never copied into the
// repository or into build/: the SDK's licence does not allow redistributing
// it.
//
//   - /vendor/braze/braze.no-module.min.js: the esbuild bundle of
//     @braze/web-sdk that make deps-npm writes to node_modules/.local/; it
//     stands in for the CDN's braze.no-module.min.js (the npm package ships ES
//     modules only).
//   - /vendor/appboy/3.5.1/: the files of the appboy-web-sdk package
//     (appboy.no-amd.min.js, appboy.no-amd.core.min.js, ...).
func registerVendor(mux *http.ServeMux, nodeModules string) {
	const hint = "run make deps-npm"
	mux.Handle("GET "+vendorBrazePath, staticFile{
		dir:  filepath.Join(nodeModules, ".local"),
		name: "braze-" + brazeSDKVersion + ".no-module.min.js",
		hint: hint,
	})
	mux.Handle("GET "+vendorAppboyPath, http.StripPrefix(vendorAppboyPath, staticDir{
		dir:  filepath.Join(nodeModules, "appboy-web-sdk"),
		hint: hint,
	}))
}
