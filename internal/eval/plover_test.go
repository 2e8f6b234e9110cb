package eval

import (
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

// Two records of our own in the PLOVER gold format: a directed event and
// a mutual one (sources only), plus the DOCUMENT record and an odd
// target field the real file has.
const ploverFixture = `[
 {"id": "DOC", "event": "DOCUMENT", "eventText": "notes"},
 {"id": "R1", "date": "2001-02-03", "event": "CONSULT", "text": "Ruritania met Freedonia.",
  "source": [{"actorText": "Ruritania", "code": "RUR"}], "target": [{"actorText": "Freedonia", "code": "FRE", "sector": "GOV"}]},
 {"id": "R2", "event": "AGREE", "text": "Ruritania and Freedonia agreed to talk.",
  "source": [{"code": "RUR"}, {"code": "FRE"}], "target": ""}
]`

func TestLoadPloverGold(t *testing.T) {
	gold, err := LoadPloverGold(strings.NewReader(ploverFixture), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 || gold[0].Category != "CONSULT" || gold[0].Targets[0] != "FRE" || gold[1].Targets != nil || gold[0].Day().Year() != 2001 {
		t.Fatalf("got %+v", gold)
	}
	for _, bad := range []string{`{}`, `[]`, `[{"id": "x", "event": "AGREE"}]`} {
		if _, err := LoadPloverGold(strings.NewReader(bad), "bad"); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestScorePlover(t *testing.T) {
	gold, err := LoadPloverGold(strings.NewReader(ploverFixture), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	actor := func(code, country string) *doc.Actor { return &doc.Actor{Code: code, Country: country} }
	pred := [][]doc.Event{
		// Right category and source, wrong target; then all right.
		{{Code: "040", Source: actor("RURGOV", "RUR"), Target: actor("XXX", "XXX")},
			{Code: "042", Source: actor("RURGOV", "RUR"), Target: actor("FREGOV", "FRE")}},
		// Right category, the mutual partner as target; a negated event
		// does not count.
		{{Code: "036", Source: actor("FRE", "FRE"), Target: actor("RUR", "RUR")},
			{Code: "036", Source: actor("RUR", "RUR"), Negated: true}},
	}
	rep := ScorePlover(gold, pred)
	if rep.All.Right != 2 || rep.All.Source != 2 || rep.All.Both != 2 || rep.Events != 3 {
		t.Errorf("all: %+v, %d events", rep.All, rep.Events)
	}
	pred[0] = []doc.Event{{Code: "190", Source: actor("RUR", "RUR"), Target: actor("FRE", "FRE")}}
	rep = ScorePlover(gold, pred)
	if rep.All.Right != 1 || rep.Rows[1].Category != "CONSULT" || rep.Rows[1].Right != 0 {
		t.Errorf("wrong category counted: %+v", rep.Rows)
	}
}
