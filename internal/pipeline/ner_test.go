package pipeline

import (
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/extract"
)

// TestNERNewsFixture scores the names dyad outputs (the recogniser's
// spans) on the project's own news fixture, as dyad eval ner does. Before
// the statistical recogniser, the actor stage's mentions scored 0.901
// overall (PER 0.945, ORG 0.865, LOC 0.902): the recogniser must not do
// worse than that.
func TestNERNewsFixture(t *testing.T) {
	docs, err := eval.LoadNERGold("../eval/testdata/ner/dyad-news.conll")
	if err != nil {
		t.Fatal(err)
	}
	c := newCoder(t)
	gold, pred, err := eval.PredictNER(docs, func(text string) ([]eval.TypedSpan, error) {
		res := c.Code(extract.Item{Article: doc.Article{Text: text}})
		return eval.EntitySpans(res.Entities), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.ScoreNER(gold, pred, nil)
	for _, ts := range rep.Types {
		t.Logf("%s: precision %.3f, recall %.3f, F1 %.3f", ts.Type, ts.Precision, ts.Recall, ts.F1)
	}
	if rep.F1 < 0.901 {
		t.Fatalf("overall F1 %.3f on the news fixture, below the 0.901 of the rules it replaced", rep.F1)
	}
}

// TestFocusOfficials checks that an official the dictionaries do not
// know takes the country the article is about, and that a region never
// stands in for one.
func TestFocusOfficials(t *testing.T) {
	c := newCoder(t)
	for _, tc := range []struct {
		text, name, want string
	}{
		{"Fighting flared in northern Algeria on Sunday. President Karim Haddad imposed a curfew in Algiers.", "President Karim Haddad", "DZAGOV"},
		{"European leaders gathered on Monday. Minister Jan Kowalczyk called for calm.", "Minister Jan Kowalczyk", "GOV"},
	} {
		res := c.Code(extract.Item{Article: doc.Article{Text: tc.text}})
		got := "none"
		for _, m := range res.Mentions {
			if m.Span.In(tc.text) == tc.name {
				got = m.Actor.Code
			}
		}
		if got != tc.want {
			t.Errorf("%q: %s coded %s, want %s", tc.text, tc.name, got, tc.want)
		}
	}
}
