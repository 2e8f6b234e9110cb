package main

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every "dyad eval KIND --json" prints one object that follows the
// evaluation contract: kind, n, precision, recall and f1 at the top (plus
// the kind's headline figures) and snake_case names at every depth. The
// scores themselves are internal/eval's to test.
func TestEvalJSONContract(t *testing.T) {
	fixtures := filepath.Join("..", "..", "internal", "eval", "testdata")
	tests := []struct {
		kind  string
		gold  string
		extra []string
	}{
		{"extract", extractFixture(t), nil},
		{"ner", filepath.Join(fixtures, "ner", "dyad-news.conll"), nil},
		{"events", filepath.Join(fixtures, "events_fixture.jsonl"), []string{"root_f1"}},
		{"quotes", filepath.Join(fixtures, "quotes_fixture.jsonl"), nil},
		{"geo", filepath.Join(fixtures, "geo_fixture.jsonl"), []string{"accuracy_161km"}},
		{"parse", parseFixture(t), []string{"uas", "las"}},
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			code, stdout, stderr := runDyad(t, "", "eval", tt.kind, "--json", "--gold", tt.gold)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var top map[string]any
			if err := json.Unmarshal([]byte(stdout), &top); err != nil {
				t.Fatalf("%v\n%s", err, stdout)
			}
			if top["kind"] != tt.kind {
				t.Errorf("kind = %v", top["kind"])
			}
			if n, ok := top["n"].(float64); !ok || n < 1 {
				t.Errorf("n = %v, want the number of gold items", top["n"])
			}
			for _, k := range append([]string{"precision", "recall", "f1"}, tt.extra...) {
				if v, ok := top[k].(float64); !ok || v < 0 || v > 1 {
					t.Errorf("%s = %v, want a number in [0, 1]", k, top[k])
				}
			}
			var walk func(path string, v any)
			walk = func(path string, v any) {
				switch v := v.(type) {
				case map[string]any:
					for k, x := range v {
						if !snake.MatchString(k) {
							t.Errorf("key %s%s is not snake_case", path, k)
						}
						walk(path+k+".", x)
					}
				case []any:
					for _, x := range v {
						walk(path, x)
					}
				}
			}
			walk("", top)
		})
	}
}

// extractFixture writes a two-page article-extraction gold set.
func extractFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{
		"a": "<html><body><article><h1>Talks resume</h1><p>Envoys from both sides met in Geneva on Monday to resume talks on the ceasefire, officials said.</p></article></body></html>",
		"b": "<html><body><nav>Home | World</nav><article><p>The ministers agreed to meet again next month in Vienna after a day of talks.</p></article></body></html>",
	}
	for id, page := range pages {
		f, err := os.Create(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zw := gzip.NewWriter(f)
		zw.Write([]byte(page))
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	truth := `{"a": {"articleBody": "Envoys from both sides met in Geneva on Monday to resume talks on the ceasefire, officials said.", "url": "https://example.org/a"},
"b": {"articleBody": "The ministers agreed to meet again next month in Vienna after a day of talks.", "url": "https://example.org/b"}}`
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(truth), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// parseFixture writes a two-sentence CoNLL-U gold file.
func parseFixture(t *testing.T) string {
	t.Helper()
	rows := [][]string{
		{"# text = Envoys met in Geneva."},
		{"1", "Envoys", "envoy", "NOUN", "NNS", "_", "2", "nsubj", "_", "_"},
		{"2", "met", "meet", "VERB", "VBD", "_", "0", "root", "_", "_"},
		{"3", "in", "in", "ADP", "IN", "_", "4", "case", "_", "_"},
		{"4", "Geneva", "Geneva", "PROPN", "NNP", "_", "2", "obl", "_", "SpaceAfter=No"},
		{"5", ".", ".", "PUNCT", ".", "_", "2", "punct", "_", "_"},
		{""},
		{"# text = Talks resume today."},
		{"1", "Talks", "talk", "NOUN", "NNS", "_", "2", "nsubj", "_", "_"},
		{"2", "resume", "resume", "VERB", "VBP", "_", "0", "root", "_", "_"},
		{"3", "today", "today", "NOUN", "NN", "_", "2", "obl:tmod", "_", "SpaceAfter=No"},
		{"4", ".", ".", "PUNCT", ".", "_", "2", "punct", "_", "_"},
		{""},
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	path := filepath.Join(t.TempDir(), "gold.conllu")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
