package dedup

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestMatchPairs(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		match bool
	}{
		{"identical", original, true},
		{"syndicated copy", syndicated, true},
		{"content-farm rewrite", spun, true},
		{"same topic, different report", sameTopic, false},
		{"unrelated story", secondStory, false},
	}
	base := Sign(original)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim := Similarity(base, Sign(c.text))
			t.Logf("similarity %.3f (threshold %.2f)", sim, Threshold)
			if got := sim >= Threshold; got != c.match {
				t.Errorf("similarity %.3f: match=%v, want %v", sim, got, c.match)
			}
			x := NewIndex(0)
			x.Add("orig", base)
			id, _, ok := x.Match(Sign(c.text))
			if ok != c.match || (ok && id != "orig") {
				t.Errorf("Index.Match = %q, %v; want match=%v", id, ok, c.match)
			}
		})
	}
}

func TestSimilarityEstimate(t *testing.T) {
	if s := Similarity(Sign(original), Sign(original)); s != 1 {
		t.Errorf("self-similarity = %v, want 1", s)
	}
	// Check the estimate against the exact Jaccard of the shingle sets.
	for _, other := range []string{syndicated, spun, sameTopic} {
		exact := exactJaccard(original, other)
		est := Similarity(Sign(original), Sign(other))
		// 4 standard deviations of the MinHash estimator.
		tol := 4 * math.Sqrt(exact*(1-exact)/NumHashes)
		if math.Abs(est-exact) > tol+0.01 {
			t.Errorf("estimate %.3f vs exact %.3f (tolerance %.3f)", est, exact, tol)
		}
	}
}

func exactJaccard(a, b string) float64 {
	set := func(s string) map[string]bool {
		buf, ends := normalize(s)
		m := map[string]bool{}
		start := 0
		for i := 0; i+ShingleSize <= len(ends); i++ {
			m[string(buf[start:ends[i+ShingleSize-1]])] = true
			start = ends[i] + 1
		}
		return m
	}
	sa, sb := set(a), set(b)
	inter := 0
	for k := range sa {
		if sb[k] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"  \n\t ", ""},
		{"U.S. officials", "us officials"},
		{"US officials", "us officials"},
		{"Kerry’s “plan” — again", "kerrys plan again"},
		{"Kerry's \"plan\" - again", "kerrys plan again"},
		{"£1,400 in 2007; 3.5%", "1400 in 2007 35"},
		{"U.S-supported groups", "us supported groups"},
		{"ÉLYSÉE Palace", "élysée palace"},
		{"bad\xffbyte", "bad byte"},
	}
	for _, c := range cases {
		buf, ends := normalize(c.in)
		if string(buf) != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, buf, c.want)
		}
		if n := len(strings.Fields(c.want)); n != len(ends) {
			t.Errorf("normalize(%q): %d words, want %d", c.in, len(ends), n)
		}
	}
}

func TestShortAndEmpty(t *testing.T) {
	empty := Sign("")
	cases := []struct {
		name  string
		text  string
		empty bool
	}{
		{"empty", "", true},
		{"punctuation only", " ... — !! “” ", true},
		{"one word", "Summit", false},
		{"two words", "Summit ends", false},
		{"three words", "Summit ends early", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Sign(c.text)
			if s.IsEmpty() != c.empty {
				t.Fatalf("IsEmpty = %v, want %v", s.IsEmpty(), c.empty)
			}
			if s != Sign(c.text) {
				t.Fatal("Sign is not deterministic")
			}
			if c.empty {
				if s != empty {
					t.Error("empty text gave a non-canonical signature")
				}
				if Similarity(s, s) != 0 || Bands(s) != nil {
					t.Error("empty signature must be similar to nothing and have no bands")
				}
				x := NewIndex(0)
				x.Add("e", s)
				if _, _, ok := x.Match(s); ok {
					t.Error("empty signature matched")
				}
				return
			}
			if Similarity(s, s) != 1 || len(Bands(s)) != NumBands {
				t.Error("short text must give a usable signature")
			}
			x := NewIndex(0)
			x.Add("short", s)
			if id, _, ok := x.Match(Sign(strings.ToUpper(c.text) + ".")); !ok || id != "short" {
				t.Errorf("short text did not match its own variant: %q %v", id, ok)
			}
			if Similarity(s, Sign(original)) >= Threshold {
				t.Error("short text matched a long article")
			}
		})
	}
	// One word and a different one word must not match.
	if Similarity(Sign("Summit"), Sign("Strike")) >= Threshold {
		t.Error("different single words matched")
	}
}

func TestBytesRoundTrip(t *testing.T) {
	for _, text := range []string{"", "word", original} {
		s := Sign(text)
		b := s.Bytes()
		if len(b) != SignatureBytes {
			t.Fatalf("len(Bytes) = %d", len(b))
		}
		got, err := SignatureFromBytes(b)
		if err != nil || got != s {
			t.Fatalf("round trip failed: %v", err)
		}
	}
	for _, n := range []int{0, 1, SignatureBytes - 1, SignatureBytes + 4} {
		_, err := SignatureFromBytes(make([]byte, n))
		if err == nil || !strings.Contains(err.Error(), "want 512") {
			t.Errorf("SignatureFromBytes(%d bytes) error = %v", n, err)
		}
	}
}

func TestBands(t *testing.T) {
	s := Sign(original)
	keys := Bands(s)
	if len(keys) != NumBands || NumBands*BandRows != NumHashes {
		t.Fatalf("got %d keys", len(keys))
	}
	for i, k := range keys {
		if int(k>>56) != i {
			t.Errorf("band %d key carries band %d", i, k>>56)
		}
	}
	// Two signatures sharing rows in different bands must not share keys.
	var a, b Signature
	for i := range a {
		a[i] = 7
		b[i] = 7
	}
	ka, kb := Bands(a), Bands(b)
	for i := range ka {
		for j := range kb {
			if (ka[i] == kb[j]) != (i == j) {
				t.Fatalf("band %d of a vs band %d of b: equal=%v", i, j, ka[i] == kb[j])
			}
		}
	}
}

func TestIndexBestAndTies(t *testing.T) {
	x := NewIndex(0)
	if _, _, ok := x.Match(Sign(original)); ok {
		t.Fatal("empty index matched")
	}
	x.Add("other", Sign(secondStory))
	x.Add("spun", Sign(spun))
	x.Add("first", Sign(original))
	x.Add("second", Sign(original))
	id, sim, ok := x.Match(Sign(original))
	if !ok || id != "second" || sim != 1 {
		t.Fatalf("Match = %q %.3f %v; want second (the latest of a tie) 1 true", id, sim, ok)
	}
	if id, _, ok := x.Match(Sign(sameTopic)); ok {
		t.Errorf("same-topic report matched %q", id)
	}
	if x.Len() != 4 {
		t.Errorf("Len = %d", x.Len())
	}
}

const sharedDir = "../../../shared"

func seedPath() string { return filepath.Join(sharedDir, "seeds", "000_e3ffeffa01896273.txt") }
func bbcDir() string   { return filepath.Join(sharedDir, "corpus", "bbc") }

// unspin undoes the typical substitutions of a content farm and strips its
// page furniture, giving a plausible "original" of a spun text.
func unspin(text string) string {
	r := strings.NewReplacer("Russian Federation", "Russia", "stated", "said")
	text = regexp.MustCompile(`\bUSA\b`).ReplaceAllString(text, "U.S.")
	text = r.Replace(text)
	var paras []string
	for _, p := range strings.Split(text, "\n\n") {
		switch strings.TrimSpace(p) {
		case "", "Share", "Advertisement":
			continue
		}
		paras = append(paras, p)
	}
	if len(paras) > 1 {
		paras = paras[:len(paras)-1]
	}
	return strings.Join(paras, "\n\n")
}

type doc struct {
	id   string
	text string
}

func loadBBC(t testing.TB) []doc {
	t.Helper()
	root := bbcDir()
	if _, err := os.Stat(root); err != nil {
		t.Skipf("BBC corpus not present at %s: %v", root, err)
	}
	var docs []doc
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(path) != ".txt" || strings.EqualFold(d.Name(), "README.TXT") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		docs = append(docs, doc{rel, string(b)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].id < docs[j].id })
	return docs
}

func TestSeedRewrite(t *testing.T) {
	b, err := os.ReadFile(seedPath())
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("seed %s not present", seedPath())
	}
	if err != nil {
		t.Fatal(err)
	}
	seed := string(b)
	orig := unspin(seed)
	if orig == seed {
		t.Fatal("unspin changed nothing")
	}
	sim := Similarity(Sign(seed), Sign(orig))
	t.Logf("seed vs un-spun variant: similarity %.3f (exact Jaccard %.3f)", sim, exactJaccard(seed, orig))
	x := NewIndex(0)
	x.Add("unspun", Sign(orig))
	if id, _, ok := x.Match(Sign(seed)); !ok || id != "unspun" {
		t.Errorf("seed did not match its un-spun variant (similarity %.3f)", sim)
	}

	if _, err := os.Stat(bbcDir()); err != nil {
		t.Skipf("BBC corpus not present at %s", bbcDir())
	}
	bbc := NewIndex(0)
	for _, d := range loadBBC(t) {
		bbc.Add(d.id, Sign(d.text))
	}
	for name, text := range map[string]string{"seed": seed, "un-spun": orig} {
		if id, s, ok := bbc.Match(Sign(text)); ok {
			t.Errorf("%s matched BBC article %s (similarity %.3f)", name, id, s)
		}
	}
}

// maxBBCMatches bounds the matches found by TestBBCFalsePositives. Measured
// with ShingleSize 2, function words dropped and Threshold 0.25: 192 of the
// 2,225 articles match an earlier one. 152 are exact or near-exact copies
// (similarity ≥ 0.90), the rest are BBC story updates that reuse whole
// paragraphs: checked by the verbatim test below, every matched pair
// shares at least a quarter of the shorter article's 8-word runs. There is
// no clean gap in the corpus (pairs reusing fewer paragraphs go on down),
// so the bound is the observed count with a little slack.
const maxBBCMatches = 200

// minVerbatim is the least fraction of the shorter article's 8-word
// shingles that a matched BBC pair must share: a match has to rest on
// copied text, not on a shared topic. The lowest value observed was 0.25.
const minVerbatim = 0.2

// TestBBCFalsePositives signs every BBC article, matches it against the ones
// before it and reports the matches. The corpus contains real duplicates
// (the same story filed twice, or an update that reuses earlier
// paragraphs), so matches are expected; the test checks that each one rests
// on copied text and that their number stays within what was inspected.
func TestBBCFalsePositives(t *testing.T) {
	docs := loadBBC(t)
	text := make(map[string]string, len(docs))
	x := NewIndex(0)
	matches, nearExact := 0, 0
	lowest, lowestVerbatim := 1.0, 1.0
	for _, d := range docs {
		text[d.id] = d.text
		s := Sign(d.text)
		id, sim, ok := x.Match(s)
		x.Add(d.id, s)
		if !ok {
			continue
		}
		matches++
		if sim >= 0.9 {
			nearExact++
		}
		v := verbatimShare(d.text, text[id])
		lowest, lowestVerbatim = min(lowest, sim), min(lowestVerbatim, v)
		t.Logf("match %-20s ~ %-20s sim %.3f verbatim %.2f", d.id, id, sim, v)
		if v < minVerbatim {
			t.Errorf("%s ~ %s (sim %.3f) share only %.2f verbatim: not a copy", d.id, id, sim, v)
		}
	}
	t.Logf("%d articles, %d matched an earlier one (%d with similarity ≥ 0.90); lowest similarity %.3f, lowest verbatim share %.2f",
		len(docs), matches, nearExact, lowest, lowestVerbatim)
	if matches > maxBBCMatches {
		t.Errorf("%d matches, want at most %d", matches, maxBBCMatches)
	}
}

// verbatimShare returns the fraction of the shorter text's 8-word shingles
// that also occur in the other text.
func verbatimShare(a, b string) float64 {
	const n = 8
	set := func(s string) map[string]bool {
		buf, ends := normalize(s)
		m := map[string]bool{}
		start := 0
		for i := 0; i+n <= len(ends); i++ {
			m[string(buf[start:ends[i+n-1]])] = true
			start = ends[i] + 1
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) > len(sb) {
		sa, sb = sb, sa
	}
	if len(sa) == 0 {
		return 0
	}
	shared := 0
	for k := range sa {
		if sb[k] {
			shared++
		}
	}
	return float64(shared) / float64(len(sa))
}

func BenchmarkSign(b *testing.B) {
	// About 600 words of invented news text.
	text := original + "\n\n" + sameTopic + "\n\n" + secondStory
	b.SetBytes(int64(len(text)))
	b.Logf("%d words", len(strings.Fields(text)))
	for b.Loop() {
		Sign(text)
	}
}

// TestIndexWindow checks that a bounded index forgets its oldest half when
// full and still finds what it kept.
func TestIndexWindow(t *testing.T) {
	x := NewIndex(4)
	texts := []string{original, secondStory, sameTopic, spun, "A fifth, unrelated text about harvests in the valley and the price of grain."}
	for i, s := range texts {
		x.Add(fmt.Sprint(i), Sign(s))
	}
	if x.Len() != 3 {
		t.Fatalf("Len = %d after 5 adds to a window of 4; want 3 (half kept, one added)", x.Len())
	}
	if id, _, ok := x.Match(Sign(original)); ok && id == "0" {
		t.Errorf("the forgotten first text still matched as itself")
	}
	if id, _, ok := x.Match(Sign(texts[4])); !ok || id != "4" {
		t.Errorf("Match(last) = %q %v; want 4", id, ok)
	}
}
