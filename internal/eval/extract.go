package eval

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// ExtractGold is one page of the article-extraction gold set.
type ExtractGold struct {
	ID   string
	URL  string // where the page was fetched
	Body string // the reference article body
	HTML []byte // the page as fetched, decompressed
}

// maxGoldPage bounds one decompressed gold page, so that a damaged or
// hostile .gz cannot exhaust memory; the benchmark's pages are below 2 MB.
const maxGoldPage = 64 << 20

// LoadExtractGold reads the scrapinghub article-extraction benchmark from
// dir: ground-truth.json (id → {"articleBody", "url"}) and html/<id>.html.gz
// for every id. Pages come back sorted by ID.
func LoadExtractGold(dir string) ([]ExtractGold, error) {
	truthPath := filepath.Join(dir, "ground-truth.json")
	data, err := os.ReadFile(truthPath)
	if err != nil {
		return nil, fmt.Errorf("extraction gold: %w (want the benchmark folder holding ground-truth.json and html/)", err)
	}
	var truth map[string]struct {
		ArticleBody *string `json:"articleBody"`
		URL         string  `json:"url"`
	}
	if err := json.Unmarshal(data, &truth); err != nil {
		return nil, fmt.Errorf("extraction gold: %s: %w", truthPath, err)
	}
	if len(truth) == 0 {
		return nil, fmt.Errorf("extraction gold: %s has no pages", truthPath)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	gold := make([]ExtractGold, 0, len(ids))
	for _, id := range ids {
		t := truth[id]
		if t.ArticleBody == nil {
			return nil, fmt.Errorf("extraction gold: %s: page %s has no articleBody", truthPath, id)
		}
		// The id names a file; refuse anything that would leave html/.
		if id == "" || strings.ContainsAny(id, `/\`) || id == "." || id == ".." {
			return nil, fmt.Errorf("extraction gold: %s: bad page id %q", truthPath, id)
		}
		page, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("extraction gold: page %s: %w", id, err)
		}
		gold = append(gold, ExtractGold{ID: id, URL: t.URL, Body: *t.ArticleBody, HTML: page})
	}
	return gold, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxGoldPage+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxGoldPage {
		return nil, fmt.Errorf("%s: more than %d MiB uncompressed", path, maxGoldPage>>20)
	}
	return data, nil
}

// ExtractScore is one page's score. Err is set when extraction failed; the
// page then counts as an empty extraction, as in the benchmark.
type ExtractScore struct {
	ID                    string
	Precision, Recall, F1 float64
	Err                   string
}

// ExtractReport is the score over a gold set. Precision and Recall are means
// over pages; F1 is their harmonic mean (the benchmark's definition, not
// the mean of per-page F1).
type ExtractReport struct {
	N                     int
	Precision, Recall, F1 float64
	Pages                 []ExtractScore
}

// ScoreExtract runs extract on every gold page and scores the text it
// returns against the reference body. A panic in extract is caught and
// scored as a failed page, so one bad page does not lose the whole run.
//
// The metric is the benchmark's own (evaluate.py at the gold set's commit),
// matched step by step: tokens are Python's \w+ runs, pages are compared as
// multisets of 4-token shingles (string_shingle_matching), per-page
// precision and recall follow precision_score and recall_score, precision
// is averaged over the pages where something was predicted and recall over
// the pages whose reference is not empty (so an empty or failed extraction
// costs recall but not precision), and F1 is the harmonic mean of the two
// averages. Left out: the bootstrap confidence intervals, which do not
// change the point estimates.
func ScoreExtract(gold []ExtractGold, extract func(g ExtractGold) (string, error)) ExtractReport {
	rep := ExtractReport{N: len(gold), Pages: make([]ExtractScore, 0, len(gold))}
	var sumP, sumR float64
	var nP, nR int
	for _, g := range gold {
		got, err := safeExtract(extract, g)
		s := ExtractScore{ID: g.ID}
		if err != nil {
			s.Err = err.Error()
			got = ""
		}
		c := shingleCounts(got, g.Body)
		s.Precision, s.Recall, s.F1 = c.prf()
		if c.tp+c.fp > 0 {
			sumP += s.Precision
			nP++
		}
		if c.tp+c.fn > 0 {
			sumR += s.Recall
			nR++
		}
		rep.Pages = append(rep.Pages, s)
	}
	if nP > 0 {
		rep.Precision = sumP / float64(nP)
	}
	if nR > 0 {
		rep.Recall = sumR / float64(nR)
	}
	rep.F1 = harmonic(rep.Precision, rep.Recall)
	return rep
}

func safeExtract(extract func(ExtractGold) (string, error), g ExtractGold) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extractor panicked: %v", r)
		}
	}()
	return extract(g)
}

// TokenPRF scores extracted text got against reference text want with the
// benchmark's per-page metric: precision, recall and F1 over multisets of
// word 4-shingles.
func TokenPRF(got, want string) (p, r, f1 float64) {
	return shingleCounts(got, want).prf()
}

// counts are one page's shingle matches; only their ratios matter (the
// benchmark normalises them to sum to 1, which changes no ratio).
type counts struct{ tp, fp, fn int }

// prf follows evaluate.py's precision_score and recall_score, including
// its edge cases: nothing on either side scores 1, and a side with no
// shingles at all (but some on the other) scores 0.
func (c counts) prf() (p, r, f1 float64) {
	if c.fp == 0 && c.fn == 0 {
		return 1, 1, 1
	}
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	return p, r, harmonic(p, r)
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// shingleN is the benchmark's shingle length.
const shingleN = 4

// shingleCounts matches the shingle multisets of got and want: each shingle
// counts min(in got, in want) true positives and the surplus on either side
// as false positives or negatives.
func shingleCounts(got, want string) counts {
	g, w := shingles(got), shingles(want)
	var c counts
	for k, nw := range w {
		ng := g[k]
		c.tp += min(ng, nw)
		c.fn += max(0, nw-ng)
	}
	for k, ng := range g {
		c.fp += max(0, ng-w[k])
	}
	return c
}

// shingles counts the text's runs of shingleN consecutive tokens. As in
// evaluate.py, a text with fewer tokens than that is one short shingle, and
// a text without tokens has none.
func shingles(s string) map[string]int {
	toks := tokens(s)
	out := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return out
	}
	if len(toks) < shingleN {
		out[strings.Join(toks, " ")]++
		return out
	}
	var b strings.Builder
	for i := 0; i+shingleN <= len(toks); i++ {
		b.Reset()
		for j, t := range toks[i : i+shingleN] {
			if j > 0 {
				b.WriteByte(' ') // tokens never hold a space, so keys cannot collide
			}
			b.WriteString(t)
		}
		out[b.String()]++
	}
	return out
}

// tokens splits text the way evaluate.py's re.findall(r'\w+') does on a
// Python str: maximal runs of Unicode letters, numbers and underscores,
// case kept. Python's \w is str.isalnum() or '_': letter categories L*
// and numeric characters (Nd, Nl, No), which is what unicode.IsLetter and
// unicode.IsNumber test; combining marks split words in both.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r))
	})
}

// LowestF1 returns up to n page scores with the lowest F1, worst first; for
// reports that list the pages to look at.
func (r ExtractReport) LowestF1(n int) []ExtractScore {
	pages := append([]ExtractScore(nil), r.Pages...)
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].F1 < pages[j].F1 })
	return pages[:min(n, len(pages))]
}
