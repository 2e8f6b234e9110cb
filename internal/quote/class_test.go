package quote

import "testing"

// The finder's word table reads typographic apostrophes like ASCII ones,
// so an untagged "didn’t" is still skipped on the way to a subject.
func TestClassFoldsApostrophes(t *testing.T) {
	f := NewFinder()
	for _, tc := range []struct {
		w    string
		want uint16
	}{
		{"n't", wAux},
		{"n’t", wAux},
		{"didn’t", wAux},
		{"’s", wBe},
		{"'s", wBe},
		{"Stressed", wVerb},
		{"said", wVerb},
		{"believed", 0}, // a stance, not speech: no quote
	} {
		if got := f.class(tc.w); got&tc.want != tc.want || tc.want == 0 && got != 0 {
			t.Errorf("class(%q) = %#x, want bits %#x", tc.w, got, tc.want)
		}
	}
	if f.class("’s")&wAux != 0 {
		t.Error(`"’s" is an auxiliary, but it may be a possessive`)
	}
}
