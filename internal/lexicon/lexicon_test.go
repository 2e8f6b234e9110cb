package lexicon

import (
	"slices"
	"testing"
)

func TestNorm(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"said", "said"},
		{"Said", "said"},
		{"n’t", "n't"},
		{"Didn’t", "didn't"},
		{"‘s", "'s"},
		{"Élysée", "élysée"},
		{"", ""},
	} {
		if got := Norm(tc.in); got != tc.want {
			t.Errorf("Norm(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClasses(t *testing.T) {
	for _, tc := range []struct {
		w                                 string
		aux, be, modal, neg, refuse, want bool
	}{
		{w: "not", neg: true},
		{w: "n't", neg: true},
		{w: "n’t", neg: true},
		{w: "never", neg: true},
		{w: "didn't", aux: true, neg: true},
		{w: "didn’t", aux: true, neg: true},
		{w: "isn’t", aux: true, be: true, neg: true},
		{w: "won't", modal: true, neg: true},
		{w: "won’t", modal: true, neg: true},
		{w: "can’t", modal: true, neg: true},
		{w: "cannot", modal: true, neg: true},
		{w: "wo", modal: true},
		{w: "will", modal: true},
		{w: "did", aux: true},
		{w: "was", aux: true, be: true},
		{w: "’s", be: true}, // or a possessive: no auxiliary
		{w: "’re", aux: true, be: true},
		{w: "Has", aux: true},
		{w: "refused", refuse: true},
		{w: "want"}, // ends in "nt", not "n't"
		{w: "attack"},
		{w: ""},
	} {
		got := [...]bool{IsAux(tc.w), IsBe(tc.w), IsModal(tc.w), IsNegation(tc.w), IsRefusal(tc.w)}
		want := [...]bool{tc.aux, tc.be, tc.modal, tc.neg, tc.refuse}
		if got != want {
			t.Errorf("%q: aux, be, modal, negation, refusal = %v, want %v", tc.w, got, want)
		}
	}
}

func TestSpeech(t *testing.T) {
	for _, tc := range []struct {
		w              string
		speech, report bool
		use            Usage
	}{
		{"said", true, true, Bare},
		{"stressed", true, true, Bare},
		{"Stressed", true, true, Bare},
		{"told", true, true, Bare | Object},
		{"added", true, true, That},
		{"reported", true, true, That | IndirectOnly},
		{"continued", true, false, DirectOnly}, // only ever attributes a direct quote
		{"believes", false, true, Stance},      // a source of content, but no quote
		{"promised", true, false, Bare | Object | Act},
		{"urged", true, false, Bare | Object | Act},
		{"posted", true, false, That | Loose}, // "a leaflet posted to homes"
		{"attacked", false, false, 0},
	} {
		use, ok := Speech(tc.w)
		if IsSpeech(tc.w) != tc.speech || IsReport(tc.w) != tc.report || use != tc.use || ok != (tc.use != 0) {
			t.Errorf("%q: IsSpeech %v, IsReport %v, Speech %v %v; want %v, %v, %v",
				tc.w, IsSpeech(tc.w), IsReport(tc.w), use, ok, tc.speech, tc.report, tc.use)
		}
	}
}

func TestOtherClasses(t *testing.T) {
	for _, tc := range []struct {
		name string
		is   func(string) bool
		yes  []string
		no   []string
	}{
		{"IsIntent", IsIntent, []string{"plans", "intends", "wants", "aims", "hopes", "expects", "ready", "willing", "due"}, []string{"refused", "said"}},
		{"IsSubordinator", IsSubordinator, []string{"after", "because", "whether", "who"}, []string{"and", "the"}},
		{"IsTimeWord", IsTimeWord, []string{"thursday", "March", "week", "morning"}, []string{"today", "minister"}},
		{"IsMidAdverb", IsMidAdverb, []string{"also", "later", "reportedly"}, []string{"not", "quickly"}},
		{"IsFraming", IsFraming, []string{"so-called", "dubbed"}, []string{"said"}},
		{"IsGet", IsGet, []string{"got", "gotten"}, []string{"was"}},
		{"IsQuoteMark", IsQuoteMark, []string{"“", "”", "’", "\"", "``"}, []string{"'", "said"}},
	} {
		for _, w := range tc.yes {
			if !tc.is(w) {
				t.Errorf("%s(%q) = false", tc.name, w)
			}
		}
		for _, w := range tc.no {
			if tc.is(w) {
				t.Errorf("%s(%q) = true", tc.name, w)
			}
		}
	}
}

func TestWords(t *testing.T) {
	plain := Words(PlainSpeech)
	for _, w := range plain {
		if !IsSpeech(w) {
			t.Errorf("%q is PlainSpeech but not a speech verb", w)
		}
	}
	if !slices.Contains(plain, "stressed") || !slices.IsSorted(plain) {
		t.Errorf("Words(PlainSpeech) = %v", plain)
	}
	days := Words(Weekday | Month)
	if len(days) != 7+12 {
		t.Errorf("Words(Weekday|Month) has %d words, want 19", len(days))
	}
	forms := SpeechWords()
	if !slices.Contains(forms, "said") || !slices.Contains(forms, "believed") || !slices.IsSorted(forms) {
		t.Errorf("SpeechWords() lacks said or believed, or is unsorted")
	}
}

// Every listed word is in its lookup spelling, or no lookup would find it.
func TestListsAreNormalised(t *testing.T) {
	for w := range classes {
		if Norm(w) != w {
			t.Errorf("listed word %q is not normalised", w)
		}
	}
	for w := range speech {
		if Norm(w) != w {
			t.Errorf("speech form %q is not normalised", w)
		}
	}
}

// TestGoverning pins the classes of the verbs and adjectives that govern
// another act, which the event coder maps to CAMEO's parallel codes.
func TestGoverning(t *testing.T) {
	for _, tc := range []struct {
		class Class
		words []string
	}{
		{Refusal, []string{"refused", "declines", "rejecting", "unwilling"}},
		{Failure, []string{"failed", "fails"}},
		{Denial, []string{"denied", "denies"}},
		{Intent, []string{"plans", "offered", "agreed", "ready", "willing", "sworn", "sought", "committed"}},
		{Appeal, []string{"urged", "called", "asks", "invited"}},
		{Demand, []string{"demanded", "ordered", "told", "insists"}},
		{Threat, []string{"threatened", "warns"}},
		{Accusation, []string{"accused", "blamed", "charging"}},
	} {
		for _, w := range tc.words {
			if !Is(w, tc.class) {
				t.Errorf("%q is not in class %b", w, tc.class)
			}
		}
	}
	for _, w := range []string{"said", "attacked", "met"} {
		if Is(w, Refusal|Failure|Denial|Intent|Appeal|Demand|Threat|Accusation) {
			t.Errorf("%q governs nothing, but is in class %b", w, Classes(w))
		}
	}
}
