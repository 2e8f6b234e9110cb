package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// ParseTree is one sentence's dependency tree: each word's head (index
// in the sentence, -1 for the root) and relation.
type ParseTree struct {
	Heads []int32
	Rels  []string
}

// ParseReport scores predicted trees against gold ones on the same
// words. Every word counts, punctuation included, as the CoNLL 2018
// shared task scores. LAS compares relations with their subtypes
// ("nsubj:pass" ≠ "nsubj"); LASUniversal compares only the universal
// part, as the CoNLL 2018 script does.
type ParseReport struct {
	Sentences    int          `json:"sentences"`
	Words        int          `json:"words"`
	UAS          float64      `json:"uas"`
	LAS          float64      `json:"las"`
	LASUniversal float64      `json:"las_universal"`
	Labels       []ParseLabel `json:"labels"`
}

// ParseLabel is one relation's labelled-attachment precision, recall
// and F1: a word is right when both its head and relation are.
type ParseLabel struct {
	Rel       string  `json:"rel"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// ParseJSON is a ParseReport for --json: n is the number of words. With
// the gold set's own words every word has one gold and one predicted
// arc, so labelled-attachment precision, recall and F1 all equal LAS;
// they are there for the shared contract.
type ParseJSON struct {
	Summary
	ParseReport
}

// JSON returns the report's JSON form.
func (r ParseReport) JSON() ParseJSON {
	return ParseJSON{Summary: Summary{Kind: "parse", N: r.Words, Precision: r.LAS, Recall: r.LAS, F1: r.LAS}, ParseReport: r}
}

// ScoreParse scores pred against gold, sentence by sentence; each pair
// must have the same number of words.
func ScoreParse(gold, pred []ParseTree) (ParseReport, error) {
	if len(gold) != len(pred) {
		return ParseReport{}, fmt.Errorf("eval parse: %d gold sentences, %d predicted", len(gold), len(pred))
	}
	var (
		rep                 ParseReport
		heads, both, bothUD int
		byRel               = map[string]*ParseLabel{}
	)
	label := func(r string) *ParseLabel {
		l := byRel[r]
		if l == nil {
			l = &ParseLabel{Rel: r}
			byRel[r] = l
		}
		return l
	}
	for i := range gold {
		g, p := gold[i], pred[i]
		if len(g.Heads) != len(p.Heads) || len(g.Rels) != len(g.Heads) || len(p.Rels) != len(p.Heads) {
			return ParseReport{}, fmt.Errorf("eval parse: sentence %d: %d gold words, %d predicted", i+1, len(g.Heads), len(p.Heads))
		}
		rep.Sentences++
		for j := range g.Heads {
			rep.Words++
			label(g.Rels[j]).Gold++
			label(p.Rels[j]).Predicted++
			if g.Heads[j] != p.Heads[j] {
				continue
			}
			heads++
			if universal(g.Rels[j]) == universal(p.Rels[j]) {
				bothUD++
			}
			if g.Rels[j] == p.Rels[j] {
				both++
				label(g.Rels[j]).Correct++
			}
		}
	}
	rep.UAS = ratio(heads, rep.Words)
	rep.LAS = ratio(both, rep.Words)
	rep.LASUniversal = ratio(bothUD, rep.Words)
	for _, l := range byRel {
		l.Precision = ratio(l.Correct, l.Predicted)
		l.Recall = ratio(l.Correct, l.Gold)
		if l.Precision+l.Recall > 0 {
			l.F1 = 2 * l.Precision * l.Recall / (l.Precision + l.Recall)
		}
		rep.Labels = append(rep.Labels, *l)
	}
	// Most frequent gold relations first: the table's top is what matters.
	sort.Slice(rep.Labels, func(i, j int) bool {
		a, b := rep.Labels[i], rep.Labels[j]
		if a.Gold != b.Gold {
			return a.Gold > b.Gold
		}
		return a.Rel < b.Rel
	})
	if rep.Labels == nil {
		rep.Labels = []ParseLabel{}
	}
	return rep, nil
}

func universal(rel string) string {
	u, _, _ := strings.Cut(rel, ":")
	return u
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// WriteParseText prints the report as a table: the headline figures,
// then precision, recall and F1 per relation.
func WriteParseText(w io.Writer, r ParseReport) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "kind\tsentences\twords\tUAS\tLAS\tLAS (universal rel.)\n")
	fmt.Fprintf(tw, "parse\t%d\t%d\t%.4f\t%.4f\t%.4f\n\n", r.Sentences, r.Words, r.UAS, r.LAS, r.LASUniversal)
	fmt.Fprintf(tw, "relation\tgold\tpredicted\tcorrect\tprecision\trecall\tf1\n")
	for _, l := range r.Labels {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", l.Rel, l.Gold, l.Predicted, l.Correct, l.Precision, l.Recall, l.F1)
	}
	return tw.Flush()
}
