package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodeDictionaries covers --actors and --agents: PETRARCH-format files
// replace the built-in dictionaries, and bad ones are usage errors.
func TestCodeDictionaries(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	actors := write("x.actors", "FREEDONIA_  [FRD]\n+FREEDONIAN_\nRUFUS_FIREFLY_\n\t[FRDGOV >19330101]\n")
	agents := write("x.agents", "!P! = MAN, MEN\nARMY {} [~MIL]\nCONGRESS!P! [~LEG]\n")
	badActors := write("bad.actors", "FREEDONIA [F]\n\tFRD\n")
	badAgents := write("bad.agents", "ARMY [MIL]\n")
	text := "Freedonia protests\n\nFreedonian army troops crossed the border on Tuesday, officials said."
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"actors and agents", []string{"--actors", actors, "--agents", agents, "--actors", actors}, exitOK, `"FRD`, ""},
		{"missing actors file", []string{"--actors", filepath.Join(dir, "none.actors")}, exitUsage, "", "--actors: open"},
		{"missing agents file", []string{"--agents", filepath.Join(dir, "none.agents")}, exitUsage, "", "--agents: open"},
		{"bad actors file", []string{"--actors", badActors}, exitUsage, "", "bad.actors:1: [F]: code \"F\""},
		{"every error shown", []string{"--actors", badActors}, exitUsage, "", "bad.actors:2: indented line"},
		{"bad agents file", []string{"--agents", badAgents}, exitUsage, "", "bad.agents:1: [MIL]: agent code"},
		{"a directory", []string{"--agents", dir}, exitUsage, "", "reading dictionaries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"code", "--quiet", "--date", "2016-07-14"}, tt.args...)
			code, stdout, stderr := runDyad(t, text, append(args, "-")...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.inStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.inStdout, stdout)
			}
			if !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inStderr, stderr)
			}
		})
	}
}
