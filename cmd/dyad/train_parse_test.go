package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/parse"
)

// TestTrainParse trains the parser on a tiny treebank of our own, with
// its training tags jackknifed and without, and checks the progress,
// the report, the model's notes and the flags' checks.
func TestTrainParse(t *testing.T) {
	dir := t.TempDir()
	sents := []string{
		"Rebels/NNS shelled/VBD the/DT airport/NN ./.",
		"The/DT minister/NN met/VBD rebels/NNS in/IN Kyiv/NNP ./.",
		"Police/NNS arrested/VBD two/CD protesters/NNS ./.",
		"Troops/NNS left/VBD the/DT city/NN ./.",
	}
	for _, split := range []string{"train", "dev", "test"} {
		conllu(t, filepath.Join(dir, "en_ewt-ud-"+split+".conllu"), sents...)
	}
	tests := []struct {
		jackknife string
		progress  string // in stderr
		notes     string
	}{
		{"2", "jackknife: 2 of 2 folds tagged", "jackknifed in 2 folds"},
		{"0", "epoch  2", "dyad's predicted POS tags"},
	}
	for _, tt := range tests {
		t.Run("jackknife "+tt.jackknife, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "parse.model")
			code, stdout, stderr := runDyad(t, "", "train", "parse", "--data", dir, "--out", out, "--epochs", "2", "--jackknife", tt.jackknife)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stderr, tt.progress) || !strings.Contains(stderr, "epoch  2") || !strings.Contains(stdout, "dev (gold tokens") {
				t.Errorf("no progress or report:\n%s\n%s", stderr, stdout)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			p, err := parse.Read(b)
			if err != nil {
				t.Fatal(err)
			}
			if notes := p.Model().Header.Notes; !strings.Contains(notes, tt.notes) || !strings.Contains(notes, "test (gold tokens") {
				t.Errorf("notes %q", notes)
			}
		})
	}
	code, _, stderr := runDyad(t, "", "train", "parse", "--data", dir, "--out", filepath.Join(t.TempDir(), "m"), "--jackknife", "1")
	if code == exitOK || !strings.Contains(stderr, "--jackknife") {
		t.Errorf("--jackknife 1: exit %d, stderr %q", code, stderr)
	}
}
