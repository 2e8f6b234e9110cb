package actor

import "testing"

// TestClassOf pins the tag groups the rules read, for every Penn tag.
func TestClassOf(t *testing.T) {
	want := map[string]tagClass{
		"NNP": tNNP, "NNPS": tNNP,
		"NN": tNoun, "NNS": tNoun, "JJ": tNoun, "JJR": tNoun, "JJS": tNoun, "CD": tNoun, "FW": tNoun,
		"DT": tDet, "PRP$": tPRPS, "POS": tPOS, "PRP": tPRP,
		"VBD": tVerb, "VBZ": tVerb, "VBP": tVerb, "MD": tVerb,
		"VB": tPart, "VBN": tPart, "VBG": tPart,
		"IN": tOther, "CC": tOther, "RB": tOther, "TO": tOther, ".": tOther, ",": tOther, "": tOther,
		"WDT": tOther, "RP": tOther, "UH": tOther, "EX": tOther, "PDT": tOther, "SYM": tOther, "NNX": tOther,
	}
	for tag, c := range want {
		if got := classOf(tag); got != c {
			t.Errorf("classOf(%q) = %d, want %d", tag, got, c)
		}
	}
}
