package eval

import (
	"compress/gzip"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/extract"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTokens(t *testing.T) {
	got := tokens("Don’t stop—the U.S. economy_grew 3.5% in Zürich, 東京 ２０１９!")
	want := []string{"Don", "t", "stop", "the", "U", "S", "economy_grew", "3", "5", "in", "Zürich", "東京", "２０１９"}
	if len(got) != len(want) {
		t.Fatalf("tokens = %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("tokens = %q, want %q", got, want)
		}
	}
}

func TestTokenPRF(t *testing.T) {
	tests := []struct {
		name      string
		got, want string
		p, r, f1  float64
	}{
		{"identical", "a b c d e", "a b c d e", 1, 1, 1},
		// Punctuation and spacing do not make tokens.
		{"punctuation ignored", "a, b. c\n\nd e!", "a b c d e", 1, 1, 1},
		{"both empty", "", "", 1, 1, 1},
		{"nothing extracted", "", "a b c d e", 0, 0, 0},
		{"nothing expected", "a b c d e", "", 0, 0, 0},
		// got has shingles abcd bcde cdef, want abcd bcde: tp 2, fp 1.
		{"extra text", "a b c d e f", "a b c d e", 2.0 / 3, 1, 0.8},
		// got "a b c d" has abcd only: tp 1, fn 1 (bcde).
		{"missing text", "a b c d", "a b c d e", 1, 0.5, 2.0 / 3},
		// Short texts are one shingle each: "a b" vs "a b": equal.
		{"short equal", "a b", "a b", 1, 1, 1},
		{"short differ", "a b", "a c", 0, 0, 0},
		// Multiset: the repeated shingle counts twice in got, once in want.
		{"repeats", "a b c d a b c d", "a b c d", 0.2, 1, 2 * 0.2 / 1.2},
		{"case matters", "A b c d", "a b c d", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f1 := TokenPRF(tt.got, tt.want)
			if !near(p, tt.p) || !near(r, tt.r) || !near(f1, tt.f1) {
				t.Errorf("TokenPRF(%q, %q) = %v %v %v, want %v %v %v", tt.got, tt.want, p, r, f1, tt.p, tt.r, tt.f1)
			}
		})
	}
}

func TestScoreExtract(t *testing.T) {
	gold := []ExtractGold{
		{ID: "perfect", Body: "one two three four five"},
		{ID: "half", Body: "one two three four five"},
		{ID: "failed", Body: "one two three four five"},
		{ID: "panics", Body: "one two three four five"},
	}
	rep := ScoreExtract(gold, func(g ExtractGold) (string, error) {
		switch g.ID {
		case "perfect":
			return "one two three four five", nil
		case "half":
			return "one two three four", nil // P 1, R 0.5
		case "failed":
			return "partial text", errors.New("boom") // the text is ignored
		}
		panic("bad page")
	})
	if rep.N != 4 || len(rep.Pages) != 4 {
		t.Fatalf("N = %d, pages = %d", rep.N, len(rep.Pages))
	}
	// Precision is averaged over the two pages that produced text, recall
	// over all four: (1+0.5+0+0)/4.
	if !near(rep.Precision, 1) || !near(rep.Recall, 0.375) || !near(rep.F1, 2*0.375/1.375) {
		t.Errorf("report P %v R %v F1 %v", rep.Precision, rep.Recall, rep.F1)
	}
	if rep.Pages[2].Err != "boom" || rep.Pages[3].Err == "" {
		t.Errorf("errors not recorded: %+v", rep.Pages)
	}
	if w := rep.LowestF1(2); len(w) != 2 || w[0].F1 != 0 || w[1].F1 != 0 {
		t.Errorf("LowestF1 = %+v", w)
	}
}

func TestLoadExtractGold(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadExtractGold(dir); err == nil {
		t.Error("loaded a folder without ground-truth.json")
	}
	write := func(name, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if filepath.Ext(name) == ".gz" {
			zw := gzip.NewWriter(f)
			zw.Write([]byte(s))
			zw.Close()
			return
		}
		f.WriteString(s)
	}
	write("ground-truth.json", `{"b": {"articleBody": "Body B", "url": "https://x/b"}, "a": {"articleBody": "Body A", "url": "https://x/a"}}`)
	write("html/a.html.gz", "<p>A</p>")
	if _, err := LoadExtractGold(dir); err == nil {
		t.Error("loaded a gold set with a page missing")
	}
	write("html/b.html.gz", "<p>B</p>")
	gold, err := LoadExtractGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 || gold[0].ID != "a" || gold[1].URL != "https://x/b" || string(gold[1].HTML) != "<p>B</p>" || gold[0].Body != "Body A" {
		t.Errorf("gold = %+v", gold)
	}
	write("ground-truth.json", `{"a": {"url": "https://x/a"}}`)
	if _, err := LoadExtractGold(dir); err == nil {
		t.Error("loaded a page without articleBody")
	}
	write("ground-truth.json", `[1, 2]`)
	if _, err := LoadExtractGold(dir); err == nil {
		t.Error("loaded malformed ground truth")
	}
}

// goldDir is the benchmark's folder in the shared gold area beside the
// repository; tests skip when it is not there.
const goldDir = "../../../shared/gold/article_extraction"

// TestExtractGold runs dyad's HTML extraction over the scrapinghub
// article-extraction benchmark and holds it to F1 ≥ 0.95.
func TestExtractGold(t *testing.T) {
	if _, err := os.Stat(filepath.Join(goldDir, "ground-truth.json")); err != nil {
		t.Skipf("article-extraction gold set not found at %s; skipping the benchmark", goldDir)
	}
	if testing.Short() {
		t.Skip("benchmark skipped in -short mode")
	}
	gold, err := LoadExtractGold(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rep := ScoreExtract(gold, func(g ExtractGold) (string, error) {
		a, _, err := extract.HTML(g.HTML, extract.HTMLOptions{URL: g.URL})
		return a.Text, err
	})
	secs := time.Since(start).Seconds()
	t.Logf("n %d  precision %.4f  recall %.4f  F1 %.4f  %.1f pages/s", rep.N, rep.Precision, rep.Recall, rep.F1, float64(rep.N)/secs)
	for _, p := range rep.LowestF1(5) {
		t.Logf("  low: %.3f %s %s", p.F1, p.ID, p.Err)
	}
	if rep.N != 181 {
		t.Errorf("scored %d pages, want the benchmark's 181", rep.N)
	}
	if rep.F1 < 0.95 {
		t.Errorf("F1 %.4f below 0.95", rep.F1)
	}
}
