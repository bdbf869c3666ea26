package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServer_Vendor(t *testing.T) {
	ts := httptest.NewServer(NewServer(Config{Build: t.TempDir(), NodeModules: fakeNodeModules(t)}).Handler())
	defer ts.Close()
	tests := []struct {
		path       string
		wantStatus int
		wantBody   string
	}{
		{vendorBrazePath, 200, "BRAZE"},
		{vendorAppboyPath + "appboy.no-amd.min.js", 200, "APPBOY"},
		{vendorAppboyPath, 404, ""},
		{vendorAppboyPath + "../../braze/x", 404, ""},
		{"/vendor/appboy/3.4.0/appboy.no-amd.min.js", 404, ""},
		{"/vendor/braze/other.js", 404, ""},
	}
	for _, tc := range tests {
		status, body, hdr := get(t, ts.URL+tc.path)
		if tc.wantStatus != 200 {
			// A path with ".." is redirected to its clean form by the mux.
			assert.Contains(t, []int{404, 307}, status, tc.path)
			continue
		}
		assert.Equal(t, tc.wantStatus, status, tc.path)
		assert.Equal(t, tc.wantBody, body, tc.path)
		assert.Equal(t, "text/javascript; charset=utf-8", hdr.Get("Content-Type"), tc.path)
	}
}

// TestServer_VendorPins checks that package.json pins the SDK versions that
// the /vendor/ paths and the bundle name promise.
func TestServer_VendorPins(t *testing.T) {
	raw, err := os.ReadFile("package.json")
	require.NoError(t, err)
	var pkg struct {
		DevDependencies map[string]string `json:"devDependencies"`
	}
	require.NoError(t, json.Unmarshal(raw, &pkg))
	assert.Equal(t, brazeSDKVersion, pkg.DevDependencies["@braze/web-sdk"])
	assert.Equal(t, appboySDKVersion, pkg.DevDependencies["appboy-web-sdk"])
	assert.Equal(t, "1.84.3", pkg.DevDependencies["@segment/analytics-next"])
	// An alias (a second major of one package, npm:vite@7.3.8) pins too.
	for name, v := range pkg.DevDependencies {
		assert.Regexp(t, `^(npm:(@[\w.-]+/)?[\w.-]+@)?\d+\.\d+\.\d+$`, v, "%s is pinned to an exact version", name)
	}
	mk, err := os.ReadFile("../Makefile")
	require.NoError(t, err)
	assert.Contains(t, string(mk), "braze-"+brazeSDKVersion+".no-module.min.js", "the Makefile writes the bundle the server serves")
}
