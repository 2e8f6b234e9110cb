package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/learn"
)

// TestTrainNER trains on the ner package's tiny fixture and checks the
// model file, and that bad input is refused with file:line.
func TestTrainNER(t *testing.T) {
	tiny := filepath.Join("..", "..", "internal", "ner", "testdata", "tiny.conll")
	out := filepath.Join(t.TempDir(), "ner.model")
	code, stdout, stderr := runDyad(t, "", "train", "ner", "--data", tiny, "--dev", tiny, "--out", out, "--epochs", "3")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "epoch 3:") || !strings.Contains(stdout, "overall") {
		t.Errorf("no progress or report:\n%s\n%s", stderr, stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m, err := learn.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Kind != "ner" || !strings.Contains(m.Header.Notes, "tiny.conll") || !strings.Contains(m.Header.Notes, "F1") {
		t.Errorf("header %q, notes %q", m.Header.Kind, m.Header.Notes)
	}

	bad := filepath.Join(t.TempDir(), "bad.conll")
	os.WriteFile(bad, []byte("EU B-ORG\nrejects O\nGerman X-MISC\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"malformed tag", []string{"--data", bad, "--dev", ""}, "bad.conll:3:"},
		{"missing file", []string{"--data", filepath.Join(t.TempDir(), "none.conll"), "--dev", ""}, "none.conll"},
		{"bad epochs", []string{"--data", tiny, "--epochs", "0"}, "--epochs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"train", "ner", "--out", filepath.Join(t.TempDir(), "x.model")}, tt.args...)
			code, _, stderr := runDyad(t, "", args...)
			if code == exitOK || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want a failure naming %q", code, stderr, tt.want)
			}
		})
	}
}
