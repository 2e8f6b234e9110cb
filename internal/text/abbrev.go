package text

import "strings"

// titleAbbrevs never end a sentence: a name always follows them.
var titleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true,
	"lt": true, "col": true, "maj": true, "capt": true, "cpt": true, "cmdr": true,
	"adm": true, "sgt": true, "cpl": true, "pvt": true, "sen": true, "rep": true,
	"gov": true, "pres": true, "rev": true, "hon": true, "st": true, "mt": true,
	"ft": true, "messrs": true, "mme": true, "mlle": true, "fr": true, "supt": true,
	"insp": true, "det": true, "brig": true, "gens": true, "sens": true, "reps": true,
}

// numberAbbrevs take their period only before a number ("No. 10"), since
// "no." ends sentences too.
var numberAbbrevs = map[string]bool{"No": true, "Nos": true, "Vol": true, "Art": true, "Para": true, "Fig": true}

// otherAbbrevs end a sentence only when a clear sentence start follows.
var otherAbbrevs = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "bros": true,
	"jr": true, "sr": true, "vs": true, "etc": true, "approx": true, "est": true,
	"dept": true, "univ": true, "ave": true, "blvd": true, "rd": true, "govt": true,
	"jan": true, "feb": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true,
	"thurs": true, "fri": true, "sat": true, "sun": true, "al": true, "fig": true,
	"pp": true, "cf": true, "ca": true, "min": true, "max": true, "op": true,
}

// isAbbrev reports whether w (without its period) takes a period as part of
// the token: a known abbreviation, a single letter, or dotted initials.
func isAbbrev(w string) bool {
	if len(w) == 1 {
		c := w[0]
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
	}
	if strings.IndexByte(w, '.') > 0 {
		return initialBefore(w, 0, len(w))
	}
	if len(w) > 6 {
		return false
	}
	var buf [6]byte
	l := lowerASCII(w, buf[:0])
	return titleAbbrevs[string(l)] || otherAbbrevs[string(l)]
}

// isTitleAbbrev reports whether the token (with its period) is a title
// abbreviation or a single initial, after which a sentence cannot end.
func isTitleAbbrev(tok string) bool {
	w := strings.TrimSuffix(tok, ".")
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	if len(w) > 6 {
		return false
	}
	var buf [6]byte
	return titleAbbrevs[string(lowerASCII(w, buf[:0]))]
}

func lowerASCII(w string, dst []byte) []byte {
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// sentenceStarters are capitalised words that, after an abbreviation, show
// a new sentence has begun ("… in the U.S. The talks …"). A name or noun
// after "U.S." ("U.S. Ambassador") does not.
var sentenceStarters = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true,
	"they": true, "we": true, "i": true, "you": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "its": true,
	"their": true, "our": true, "my": true, "there": true, "but": true, "and": true,
	"or": true, "so": true, "yet": true, "however": true, "meanwhile": true,
	"in": true, "on": true, "at": true, "for": true, "after": true, "before": true,
	"when": true, "while": true, "if": true, "as": true, "since": true, "although": true,
	"though": true, "because": true, "earlier": true, "later": true, "last": true,
	"officials": true, "some": true, "many": true, "most": true,
	"both": true, "all": true, "no": true, "not": true, "what": true, "who": true,
	"why": true, "how": true, "where": true, "asked": true, "speaking": true,
	"according": true, "despite": true, "during": true, "under": true, "with": true,
	"such": true, "one": true, "two": true, "another": true, "other": true, "each": true,
}
