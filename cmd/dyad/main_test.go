package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/golden"
)

func runDyad(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"text\":\"Envoys met.\"}\n{oops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		inStdout string
		inStderr string
	}{
		{"no args", nil, "", exitUsage, "", "Commands:"},
		{"help", []string{"help"}, "", exitOK, "dyad code --format pretty examples/", ""},
		{"command help", []string{"code", "--help"}, "", exitOK, "", "Usage: dyad code"},
		{"help for a command", []string{"help", "bench"}, "", exitOK, "", "Usage: dyad bench"},
		{"unknown command", []string{"frobnicate"}, "", exitUsage, "", "unknown command"},
		{"query a store that is not there", []string{"query", "--store", filepath.Join(dir, "typo.db")}, "", exitUsage, "", "no event database at"},
		{"export a store that is not there", []string{"export", "--format", "csv", "--store", filepath.Join(dir, "typo.db")}, "", exitUsage, "", "'dyad ingest --store"},
		{"bad flag", []string{"code", "--nope", "x"}, "", exitUsage, "", "flag provided but not defined"},
		{"bad date", []string{"code", "--date", "14/07/2016", "-"}, "", exitUsage, "", "want YYYY-MM-DD"},
		{"missing file", []string{"code", "/no/such/file.txt"}, "", exitUsage, "", "no such file"},
		{"no inputs", []string{"code"}, "", exitUsage, "", "at least one FILE"},
		{"stdin", []string{"code", "--date", "2016-07-14", "-"}, "Talks end\n\nThe talks ended.", exitOK, `"published":"2016-07-14T00:00:00Z"`, ""},
		{"flags after paths", []string{"code", "-", "--format", "pretty"}, "Talks end\n\nThe talks ended.", exitOK, "== Talks end", ""},
		{"partial failure", []string{"code", bad}, "", exitPartial, `"text":"Envoys met."`, "bad.jsonl:2"},
		{"eval needs a kind", []string{"eval"}, "", exitUsage, "", "eval"},
		{"eval ner needs gold", []string{"eval", "ner"}, "", exitUsage, "", "needs --gold"},
		{"eval ner bad gold", []string{"eval", "ner", "--gold", bad}, "", exitFailure, "", "bad.jsonl:1: tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runDyad(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
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

// The README's main command: every example becomes a contract object with
// the arrays every consumer relies on.
func TestCodeExamples(t *testing.T) {
	code, stdout, stderr := runDyad(t, "", "code", "../../examples")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 7 {
		t.Fatalf("%d articles from the examples, want at least 7", len(lines))
	}
	for _, l := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		for _, k := range []string{"id", "url", "source", "title", "published", "lang", "text", "sentences", "mentions", "events", "quotes", "places", "diagnostics"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("article %v lacks %q", obj["id"], k)
			}
		}
		if s, _ := obj["sentences"].([]any); len(s) == 0 {
			t.Errorf("article %v has no sentences", obj["id"])
		}
	}
}

func TestBenchCommand(t *testing.T) {
	code, stdout, stderr := runDyad(t, "", "bench", "../../examples")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"extract", "tokenize", "sentences", "pos", "articles/s", "tokens/s"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("bench output lacks %q:\n%s", want, stdout)
		}
	}
}

// eval ner on the bundled fixture: the table has the three scored types
// and the overall line, and says MISC is left out. dyad's own numbers are
// not checked here; internal/eval tests the scorer.
func TestEvalNER(t *testing.T) {
	gold := filepath.Join("..", "..", "internal", "eval", "testdata", "ner", "dyad-news.conll")
	code, stdout, stderr := runDyad(t, "", "eval", "ner", "--gold", gold)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"precision", "\n  PER ", "\n  ORG ", "\n  LOC ", "\n  overall ", "112 sentences", "ignored MISC"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("eval ner output lacks %q:\n%s", want, stdout)
		}
	}

	code, stdout, stderr = runDyad(t, "", "eval", "ner", "--json", "--gold", gold)
	if code != exitOK {
		t.Fatalf("--json: exit %d: %s", code, stderr)
	}
	var rep struct {
		Kind  string
		N     int
		F1    *float64
		Types []struct{ Type string }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	if rep.Kind != "ner" || rep.N != 112 || rep.F1 == nil || len(rep.Types) != 3 {
		t.Errorf("--json: %s", stdout)
	}
}

// The help texts are the manual: snapshot them so a change is reviewed.
func TestGoldenHelp(t *testing.T) {
	all := [][]string{{"help"}}
	for _, c := range commands() {
		all = append(all, []string{c.name, "--help"})
	}
	for _, args := range all {
		_, stdout, stderr := runDyad(t, "", args...)
		golden.Compare(t, filepath.Join("testdata", strings.Join(args, "_")+".golden"), []byte(stdout+stderr))
	}
}

// TestQueryCreatesNothing checks that reading commands leave no empty
// store behind a mistyped path.
func TestQueryCreatesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{{"query"}, {"export", "--format", "jsonl"}} {
		if code, _, _ := runDyad(t, "", append(args, "--store", path)...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a reading command created %s", path)
	}
}
