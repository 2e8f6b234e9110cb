package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/text"
)

// conllu writes sentences given as "word/XPOS ..." as a CoNLL-U file
// (every word attached to the first, which is the root).
func conllu(t *testing.T, path string, sents ...string) {
	t.Helper()
	var b strings.Builder
	for i, s := range sents {
		fmt.Fprintf(&b, "# sent_id = s%d\n", i+1)
		for j, wt := range strings.Fields(s) {
			k := strings.LastIndexByte(wt, '/')
			head, rel := 1, "dep"
			if j == 0 {
				head, rel = 0, "root"
			}
			fmt.Fprintf(&b, "%d\t%s\t_\tX\t%s\t_\t%d\t%s\t_\t_\n", j+1, wt[:k], wt[k+1:], head, rel)
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTrainPOS(t *testing.T) {
	dir := t.TempDir()
	sents := []string{
		"Rebels/NNS shelled/VBD the/DT airport/NN ./.",
		"The/DT minister/NN met/VBD rebels/NNS in/IN Kyiv/NNP ./.",
		"Police/NNS arrested/VBD two/CD protesters/NNS (/-LRB- again/RB )/-RRB- ./.",
	}
	for _, split := range []string{"train", "dev", "test"} {
		conllu(t, filepath.Join(dir, "en_ewt-ud-"+split+".conllu"), sents...)
	}
	out := filepath.Join(t.TempDir(), "pos.model")
	code, stdout, stderr := runDyad(t, "", "train", "pos", "--data", dir, "--out", out, "--epochs", "2")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "epoch 2: dev accuracy") || !strings.Contains(stdout, "test accuracy") {
		t.Errorf("no progress or report:\n%s\n%s", stderr, stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := text.LoadTagger(b)
	if err != nil {
		t.Fatal(err)
	}
	if notes := tg.Model().Header.Notes; !strings.Contains(notes, "dev accuracy") || !strings.Contains(notes, "test accuracy") {
		t.Errorf("notes %q", notes)
	}

	bad := t.TempDir()
	for _, split := range []string{"train", "dev", "test"} {
		conllu(t, filepath.Join(bad, "en_ewt-ud-"+split+".conllu"), sents...)
	}
	os.WriteFile(filepath.Join(bad, "en_ewt-ud-train.conllu"), []byte("1\tRebels\t_\tNOUN\tNNS\t_\t0\troot\t_\t_\n2\tshelled\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing dir", []string{"--data", filepath.Join(dir, "none")}, "no treebank directory"},
		{"malformed file", []string{"--data", bad}, "en_ewt-ud-train.conllu:2:"},
		{"bad epochs", []string{"--data", dir, "--epochs", "0"}, "--epochs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"train", "pos", "--out", filepath.Join(t.TempDir(), "x.model")}, tt.args...)
			code, _, stderr := runDyad(t, "", args...)
			if code == exitOK || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want a failure naming %q", code, stderr, tt.want)
			}
		})
	}
}
