package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMakeRun_NoChromium checks what `make run` would do (make -n runs
// nothing): it serves the site, and installs no Chromium, which only the
// browser tests use (issue 10).
func TestMakeRun_NoChromium(t *testing.T) {
	t.Parallel()
	make, err := exec.LookPath("make")
	if err != nil {
		t.Fatalf("make is needed for this test: %v", err)
	}
	out, err := exec.Command(make, "-n", "-C", "..", "run").CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "go run ./web")
	assert.NotContains(t, strings.ToLower(string(out)), "chromium")
}
