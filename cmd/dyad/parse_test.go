package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/parse"
)

// TestEvalParseMatchesTraining checks that the embedded parser, with
// today's tagger, scores on EWT dev what its training run reported (the
// model's notes), less a hair.
func TestEvalParseMatchesTraining(t *testing.T) {
	dev := "../../../shared/treebanks/ud_english_ewt/en_ewt-ud-dev.conllu"
	if _, err := os.Stat(dev); err != nil {
		t.Skipf("EWT dev split not found (%v); skipping", err)
	}
	p, err := parse.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`dev \(gold tokens, (\d+) words\): UAS ([0-9.]+) LAS ([0-9.]+)`).FindStringSubmatch(p.Model().Header.Notes)
	if m == nil {
		t.Fatalf("the model's notes give no dev figures:\n%s", p.Model().Header.Notes)
	}
	words, _ := strconv.Atoi(m[1])
	uas, _ := strconv.ParseFloat(m[2], 64)
	las, _ := strconv.ParseFloat(m[3], 64)

	code, stdout, stderr := runDyad(t, "", "eval", "parse", "--gold", dev, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Kind   string  `json:"kind"`
		N      int     `json:"n"`
		U      float64 `json:"uas"`
		L      float64 `json:"las"`
		Labels []struct {
			Rel string  `json:"rel"`
			F1  float64 `json:"f1"`
		} `json:"labels"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if got.Kind != "parse" || got.N != words || len(got.Labels) == 0 {
		t.Errorf("kind %q, n %d (training saw %d words), %d labels", got.Kind, got.N, words, len(got.Labels))
	}
	const hair = 0.0005 // the notes round to four places
	if got.U < uas-hair || got.L < las-hair {
		t.Errorf("dev UAS %.4f LAS %.4f; training reported UAS %.4f LAS %.4f", got.U, got.L, uas, las)
	}
}

func TestEvalParseBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.conllu")
	content := "# sent_id = 1\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\n"
	if err := os.WriteFile(bad, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runDyad(t, "", "eval", "parse", "--gold", bad)
	if code != exitFailure || !strings.Contains(stderr, "bad.conllu:3:") {
		t.Errorf("exit %d, stderr %q; want a failure naming bad.conllu:3", code, stderr)
	}
	code, _, stderr = runDyad(t, "", "eval", "parse", "--gold", filepath.Join(dir, "none.conllu"))
	if code == exitOK || !strings.Contains(stderr, "none.conllu") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
}
