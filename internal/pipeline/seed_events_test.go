package pipeline

import (
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

// TestSeedEvents checks the events the event issue asks for on the seed
// article, dated 2016-07-14. Sentences are found by a few words of their
// own; the article stays in ../shared.
func TestSeedEvents(t *testing.T) {
	r := codeSeed(t)
	sentenceWith := func(words string) int {
		for i, s := range r.Sentences {
			if strings.Contains(s.Span.In(r.Article.Text), words) {
				return i
			}
		}
		t.Fatalf("no sentence contains %q", words)
		return -1
	}
	eventsIn := func(i int) []doc.Event {
		var out []doc.Event
		for _, e := range r.Events {
			if e.Sentence == i {
				out = append(out, e)
			}
		}
		return out
	}
	has := func(where, src, tgt, root string, ok func(doc.Event) bool) {
		t.Helper()
		i := sentenceWith(where)
		for _, e := range eventsIn(i) {
			if e.Source.Code == src && (tgt == "" && e.Target == nil || e.Target != nil && e.Target.Code == tgt) &&
				strings.HasPrefix(e.Code, root) && (ok == nil || ok(e)) {
				return
			}
		}
		t.Errorf("sentence %q: no %s → %s %s… event; got %v", where, src, tgt, root, eventsIn(i))
	}
	positive := func(e doc.Event) bool { return !e.Negated }
	has("joint news conference", "RUSGOV", "USAGOV", "04", positive)
	has("joint news conference", "USAGOV", "RUSGOV", "04", positive)
	has("the pair met", "RUSGOV", "USAGOV", "04", positive)
	has("the pair met", "USAGOV", "RUSGOV", "04", positive)
	has("declined to comment", "USAGOV", "", "011", nil)
	has("deep skepticism", "USAELI", "USAGOV", "11", nil)
	has("fighting in support", "RUSMIL", "SYRREB", "19", nil)

	// Dates and places, found by the events themselves: the meeting with
	// Lavrov is Friday's and in Moscow; the talks with Putin and Thursday's
	// meeting are the article's own day, named in the text.
	some := func(what string, ok func(doc.Event) bool) {
		t.Helper()
		if !slices.ContainsFunc(r.Events, ok) {
			t.Errorf("no event: %s", what)
		}
	}
	us := func(e doc.Event, root, tgt string) bool {
		return e.Source.Code == "USAGOV" && e.Target != nil && e.Target.Code == "RUSGOV" && strings.HasPrefix(e.Code, root) &&
			strings.Contains(e.Evidence[len(e.Evidence)-1].In(r.Article.Text), tgt)
	}
	day := func(e doc.Event, date string) bool { return e.Date == date && e.DatePrecision == doc.PrecisionDay }
	inMoscow := func(e doc.Event) bool {
		p := e.Place
		return p != nil && p.Name == "Moscow" && p.Country == "RUS" && p.Lat > 55 && p.Lat < 56.5 && p.Lon > 37 && p.Lon < 38.3
	}
	some("USAGOV → RUSGOV 04 with Lavrov on 2016-07-15 in Moscow", func(e doc.Event) bool {
		return us(e, "04", "Lavrov") && day(e, "2016-07-15") && inMoscow(e)
	})
	some("USAGOV → RUSGOV 046 with Putin on 2016-07-14 in Moscow", func(e doc.Event) bool {
		return us(e, "046", "Putin") && day(e, "2016-07-14") && inMoscow(e)
	})
	some("Thursday’s meeting, USAGOV → RUSGOV 040 with Putin on 2016-07-14", func(e doc.Event) bool {
		return us(e, "040", "Putin") && day(e, "2016-07-14")
	})
	has("joint news conference", "RUSGOV", "USAGOV", "04", inMoscow)

	// "is not coordinating": no positive cooperation event.
	for _, e := range eventsIn(sentenceWith("not coordinating")) {
		if e.QuadClass <= doc.MaterialCooperation && !e.Negated {
			t.Errorf("positive cooperation from \"is not coordinating\": %+v", e)
		}
	}
	// No event from dropped boilerplate, and none outside a sentence.
	for _, e := range r.Events {
		if e.Sentence < 0 || e.Sentence >= len(r.Sentences) {
			t.Errorf("event outside the sentences: %+v", e)
		}
		for _, sp := range e.Evidence {
			if w := sp.In(r.Article.Text); strings.Contains(w, "Advertisement") || strings.Contains(w, "Share") {
				t.Errorf("event evidence in boilerplate: %q", w)
			}
		}
	}
	// Never PETRARCH2's fallback: every code comes from a dictionary rule.
	for _, e := range r.Events {
		if e.Rule == "" || e.Name == "" {
			t.Errorf("event without a rule or a codebook name: %+v", e)
		}
	}
}
