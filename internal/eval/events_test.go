package eval

import (
	"os"
	"strings"
	"testing"
)

// A record in PETRARCH's validation format, written for this test.
const petrFixture = `<Validation>
<!-- a comment with & in it -->
<Sentences>
<Sentence date="20160714" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="RUSGOV" targetcode="USAGOV" eventcode="043"></EventCoding>
<EventCoding sourcecode="USAGOV" targetcode="RUSGOV" eventcode="042"></EventCoding>
<Text>
The Russian foreign minister hosted his
American counterpart in Moscow.
</Text>
<Parse>(ROOT (S (NP (DT The))))</Parse>
</Sentence>
<Sentence date="20160714" id="T-02" category="NULL" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Markets were quiet on Friday.</Text>
</Sentence>
</Sentences>
</Validation>`

func TestLoadPetrarchRecords(t *testing.T) {
	g, err := LoadPetrarchRecords(strings.NewReader(petrFixture), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	if len(g) != 2 || g[0].ID != "T-01" || g[0].Date != "20160714" || len(g[0].Events) != 2 || len(g[1].Events) != 0 {
		t.Fatalf("records = %+v", g)
	}
	if g[0].Text != "The Russian foreign minister hosted his American counterpart in Moscow." {
		t.Errorf("text = %q: want one line, spaces folded", g[0].Text)
	}
	if g[0].Events[0] != (Triple{"RUSGOV", "USAGOV", "043"}) {
		t.Errorf("event = %+v", g[0].Events[0])
	}
	for _, bad := range []string{"<Validation></Validation>", "<Sentences><Sentence id=\"x\"></Sentence></Sentences>"} {
		if _, err := LoadPetrarchRecords(strings.NewReader(bad), "bad"); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestScoreEvents(t *testing.T) {
	gold := []EventGold{
		{ID: "a", Text: "x", Events: []Triple{{"RUSGOV", "USAGOV", "043"}, {"USAGOV", "RUSGOV", "042"}}},
		{ID: "b", Text: "y"},
		{ID: "c", Text: "z", Events: []Triple{{"RUSMIL", "SYRREB", "190"}}},
	}
	pred := [][]Triple{
		{{"RUSGOV", "USAGOV", "043"}, {"USAGOV", "RUSGOV", "040"}}, // one exact, both right at root
		{{"USA", "RUS", "010"}}, // a false event
		nil,                     // a miss
	}
	rep := ScoreEvents(gold, pred)
	if rep.Exact.TP != 1 || rep.Exact.FP != 2 || rep.Exact.FN != 2 {
		t.Errorf("exact = %+v", rep.Exact)
	}
	if rep.Root.TP != 2 || rep.Root.FP != 1 || rep.Root.FN != 1 {
		t.Errorf("root = %+v", rep.Root)
	}
	if rep.Root.Precision != 2.0/3 || rep.Root.Recall != 2.0/3 {
		t.Errorf("root P/R = %v/%v", rep.Root.Precision, rep.Root.Recall)
	}
	want := map[[2]string]int{{"04", "04"}: 2, {"-", "01"}: 1, {"19", "-"}: 1}
	if len(rep.Confusion) != len(want) {
		t.Errorf("confusion = %v, want %v", rep.Confusion, want)
	}
	for k, n := range want {
		if rep.Confusion[k] != n {
			t.Errorf("confusion %v = %d, want %d", k, rep.Confusion[k], n)
		}
	}
	if rows := rep.ConfusionRows(); rows[0] != (ConfusionRow{"04", "04", 2}) {
		t.Errorf("first row = %+v", rows[0])
	}
}

// TestPetrarchValidationRecords reads the real records when ../shared is
// beside the checkout.
func TestPetrarchValidationRecords(t *testing.T) {
	const path = "../../../shared/gold/petrarch2_validation/PETR.UnitTest.records.xml"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("PETRARCH2 validation records not present (%v); skipping", err)
	}
	g, err := LoadEventGold(path)
	if err != nil {
		t.Fatal(err)
	}
	events := 0
	for _, r := range g {
		events += len(r.Events)
	}
	// 284 <Sentence> records (the set's README says 285), less 7 whose
	// coding is an error (refused input); 359 events remain in them.
	if len(g) != 277 || events != 359 {
		t.Errorf("%d records, %d events; want 277 and 359", len(g), events)
	}
	for _, r := range g {
		for _, e := range r.Events {
			if e.Source == "" && e.Target == "" && e.Code == "" {
				t.Errorf("%s: empty gold triple", r.ID)
			}
		}
	}
	if dev, test := SplitEvents(g, "dev"), SplitEvents(g, "test"); len(dev)+len(test) != len(g) || len(test) != len(g)/4 {
		t.Errorf("split: %d dev + %d test of %d", len(dev), len(test), len(g))
	}
}
