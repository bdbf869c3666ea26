package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestMakeDepsNpm_SymlinkKept: a web/node_modules that links to another
// checkout's install, once its stamp is stale, is replaced by an install of
// this checkout's own; the folder it linked to is left as it was (npm ci
// through the link emptied it). npm is a stand-in that records its call.
func TestMakeDepsNpm_SymlinkKept(t *testing.T) {
	t.Parallel()
	make, err := exec.LookPath("make")
	if err != nil {
		t.Fatalf("make is needed for this test: %v", err)
	}
	root, shared, bin := t.TempDir(), t.TempDir(), t.TempDir()
	for _, f := range []string{"Makefile", "web/package.json", "web/package-lock.json"} {
		b, err := os.ReadFile(filepath.Join("..", f))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(root, f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, f), b, 0o644))
	}
	// The other checkout's install, its stamp older than package.json.
	require.NoError(t, os.MkdirAll(filepath.Join(shared, ".local"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(shared, "kept"), []byte("x"), 0o644))
	stamp := filepath.Join(shared, ".local", "npm.stamp")
	require.NoError(t, os.WriteFile(stamp, nil, 0o644))
	old := time.Now().Add(-time.Hour)
	require.NoError(t, os.Chtimes(stamp, old, old))
	require.NoError(t, os.Symlink(shared, filepath.Join(root, "web", "node_modules")))
	calls := filepath.Join(bin, "calls")
	require.NoError(t, os.WriteFile(filepath.Join(bin, "npm"), []byte("#!/bin/sh\necho \"$PWD $*\" >> "+calls+"\n"), 0o755))

	cmd := exec.Command(make, "-C", root, "web/node_modules/.local/npm.stamp")
	cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "npm ci would empty it, so this checkout gets its own")
	got, err := os.ReadFile(calls)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "web")+" ci --no-audit --no-fund\n", string(got))
	fi, err := os.Lstat(filepath.Join(root, "web", "node_modules"))
	require.NoError(t, err)
	assert.True(t, fi.IsDir(), "a folder of its own, not a link")
	_, err = os.Stat(filepath.Join(shared, "kept"))
	assert.NoError(t, err, "the linked install is untouched")
	st, err := os.Stat(stamp)
	require.NoError(t, err)
	assert.Equal(t, old.Unix(), st.ModTime().Unix(), "its stamp too")
}
