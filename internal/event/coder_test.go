package event_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/extract"
	"github.com/dyad-events/dyad/internal/pipeline"
)

var (
	coderOnce sync.Once
	coder     *pipeline.Coder
	coderErr  error
)

func codeText(t testing.TB, text string) []doc.Event {
	t.Helper()
	coderOnce.Do(func() { coder, coderErr = pipeline.NewCoder(pipeline.Options{}) })
	if coderErr != nil {
		t.Fatal(coderErr)
	}
	a := doc.Article{Text: text, Published: time.Date(2016, 7, 14, 0, 0, 0, 0, time.UTC)}
	return coder.Code(extract.Item{Article: a}).Events
}

// show writes an event as "SRC>TGT:CODE" with flags: !negated,
// ?hypothetical, @reporter.
func show(e doc.Event) string {
	s := fmt.Sprintf("%s>%s:%s", code(e.Source), code(e.Target), e.Code)
	if e.Negated {
		s += "!"
	}
	if e.Hypothetical {
		s += "?"
	}
	if e.ReportedBy != nil {
		s += "@" + e.ReportedBy.Code
	}
	return s
}

func code(a *doc.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Code
}

// TestCoder codes one sentence per case with the built-in dictionaries
// and checks the events it must and must not yield.
func TestCoder(t *testing.T) {
	cases := []struct {
		text    string
		want    []string // each must be among the events; "*" ends a prefix
		notWant []string // codes or events that must not appear
	}{
		// CAMEO's own semantics: a meeting is a consultation both ways,
		// a visit one way.
		{"John Kerry and Sergei Lavrov met for three hours in Geneva.", []string{"RUSGOV>USAGOV:040", "USAGOV>RUSGOV:040"}, []string{":043"}},
		{"Russia and the United States met in Geneva.", []string{"RUS>USA:040", "USA>RUS:040"}, []string{":043"}},
		{"Russia met Canada and Mexico.", []string{"RUS>CAN:040", "RUS>MEX:040"}, nil},
		// Intent and refusal are codes of their own, not flags.
		{"Vladimir Putin will meet Barack Obama next week.", []string{"RUSGOV>USAGOV:036"}, []string{":040"}},
		{"Iran refused to meet Iraq.", []string{"IRN>IRQ:125"}, []string{":040"}},
		{"Iran agreed to hold talks with Iraq.", []string{"IRN>IRQ:036"}, []string{":046"}},
		{"Syria said it would withdraw its troops from Lebanon.", []string{"SYR>LBN:0356?@SYR"}, []string{":087"}},
		{"Syria is willing to withdraw its troops from Lebanon.", []string{"SYR>LBN:0356"}, []string{":087"}},
		{"Turkey condemned the attack and urged Greece to show restraint.", []string{"TUR>GRC:02*"}, nil},
		{"Turkey urged Greece to hold talks with Cyprus.", []string{"TUR>GRC:026"}, []string{"GRC>CYP"}},
		{"China demanded that Japan withdraw its forces from the islands.", []string{"CHN>JPN:105*"}, nil},
		{"Nigeria will withdraw its troops from Chad unless the rebels agree to a ceasefire.", []string{"NGA>TCD:130"}, []string{":0356"}},
		{"Russia accused Ukraine of attacking Moldova.", []string{"RUS>UKR:112*"}, []string{"UKR>MDA"}},
		// Negation and modality from the words attached to the trigger.
		{"Canada is not coordinating its patrols with Russia.", []string{"CAN>RUS:040!"}, nil},
		{"Canada didn’t attack Russia.", []string{"CAN>RUS:190!"}, nil},
		{"A spokesman for Sergei Lavrov declined to comment on the plan.", []string{"RUSGOV>-:011"}, nil},
		{"Iranian troops battled on behalf of Iraq's government against Kurdish fighters.", nil, []string{">IRQGOV:19"}},
		{"Iraq was attacked by Iran.", []string{"IRN>IRQ:190"}, []string{"IRQ>IRN"}},
		// Reported speech: the inner event is reported, the statement
		// itself dropped.
		{"The White House said that Russia had bombed Syrian rebels.", []string{"RUS>SYRREB:195@USAGOV"}, []string{":010"}},
		{"Germany, on Thursday, imposed sanctions on Russia.", []string{"DEU>RUS:163"}, nil},
		{"The Taliban said on Sunday.", nil, []string{":010"}},
		// Nominal events.
		{"China held talks with Japan in Beijing.", []string{"CHN>JPN:046", "JPN>CHN:046"}, nil},
		{"John Kerry held talks with his Russian counterpart Sergei Lavrov.", []string{"USAGOV>RUSGOV:046"}, nil},
		{"Talks between Iran and Iraq resumed in Geneva.", []string{"IRN>IRQ:046", "IRQ>IRN:046"}, nil},
	}
	for _, c := range cases {
		var got []string
		for _, e := range codeText(t, c.text) {
			got = append(got, show(e))
		}
		all := strings.Join(got, " ")
		for _, w := range c.want {
			found := false
			for _, g := range got {
				found = found || g == w || strings.HasSuffix(w, "*") && strings.HasPrefix(g, w[:len(w)-1])
			}
			if !found {
				t.Errorf("%q:\n  want %s\n  got  %s", c.text, w, all)
			}
		}
		for _, nw := range c.notWant {
			if strings.Contains(all, nw) {
				t.Errorf("%q: must not yield %s; got %s", c.text, nw, all)
			}
		}
	}
}

// TestEvidence checks that every event cites its source, trigger and
// target, in the text, and names the rule that fired.
func TestEvidence(t *testing.T) {
	text := "Sergei Lavrov held talks with John Kerry in Vienna."
	evs := codeText(t, text)
	if len(evs) == 0 {
		t.Fatal("no events")
	}
	for _, e := range evs {
		if len(e.Evidence) != 3 || e.Rule == "" || e.Confidence <= 0 || e.Confidence > 1 {
			t.Errorf("event %s: evidence %v, rule %q, confidence %v", show(e), e.Evidence, e.Rule, e.Confidence)
			continue
		}
		if got := e.Evidence[1].In(text); got != "held" {
			t.Errorf("trigger evidence %q, want \"held\"", got)
		}
		if e.Name == "" || e.Root != "04" || e.QuadClass != doc.VerbalCooperation || e.Date != "2016-07-14" {
			t.Errorf("event %s: name %q root %q quad %v date %q", show(e), e.Name, e.Root, e.QuadClass, e.Date)
		}
	}
}

func FuzzCoder(f *testing.F) {
	for _, s := range []string{
		"John Kerry and Sergei Lavrov met for three hours in Geneva.",
		"Iraq was attacked by , and by Iran by.",
		"Germany, on , imposed sanctions on on Russia and and.",
		"who which that , said said Russia .",
		"“Russia”, he added, “met”",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, e := range codeText(t, text) {
			if e.Source == nil || e.Code == "" {
				t.Fatalf("event without source or code: %+v", e)
			}
			for _, sp := range e.Evidence {
				if sp.Start < 0 || int(sp.End) > len(text) || sp.Start > sp.End {
					t.Fatalf("evidence %v outside the text (%d bytes)", sp, len(text))
				}
			}
		}
	})
}
