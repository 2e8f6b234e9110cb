package event

import "github.com/dyad-events/dyad/internal/lexicon"

// The closed word classes the clause coder needs live in internal/lexicon,
// shared with the quote finder and the actor coder; these name them as the
// coder uses them. Every lookup folds typographic apostrophes, so "n’t"
// negates like "n't".

// isAux is a form of be, have, do or get: verbs that carry tense, voice
// and negation for the verb after them.
func isAux(w string) bool { return lexicon.Is(w, lexicon.Aux|lexicon.Be|lexicon.Get) }

// isBe is a form of be or get, which make a following participle passive.
func isBe(w string) bool { return lexicon.Is(w, lexicon.Be|lexicon.Get) }

// isNegation is a word that negates the verb it precedes.
func isNegation(w string) bool { return lexicon.IsNegation(w) }

// isModal is a modal or future auxiliary: the event is not (yet) a fact.
func isModal(w string) bool { return lexicon.IsModal(w) }

// isRefusal governs an infinitive it denies: "declined to meet" is not a
// meeting.
func isRefusal(w string) bool { return lexicon.IsRefusal(w) }

// isIntent governs an infinitive that has not happened yet: "plans to
// visit", "is due to", "offered to mediate".
func isIntent(w string) bool { return lexicon.IsIntent(w) }

// isSpeech is a verb form that reports speech or a stance; events in the
// rest of its sentence are reported by its subject.
func isSpeech(w string) bool { return lexicon.IsReport(w) }

// isSubordinator opens a clause of its own: the verb's arguments do not
// run past it.
func isSubordinator(w string) bool { return lexicon.IsSubordinator(w) }

// isQuote is a quotation mark token.
func isQuote(w string) bool { return lexicon.IsQuoteMark(w) }

// isNPTag says a Penn tag can sit inside a noun phrase.
func isNPTag(tag string) bool {
	switch tag {
	case "DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "POS", "CD", "HYPH", "FW", "VBN", "VBG", "NFP":
		return true
	}
	return false
}

// isVerbTag says a Penn tag is a verb.
func isVerbTag(tag string) bool { return len(tag) >= 2 && tag[0] == 'V' && tag[1] == 'B' }

// isNounTag says a Penn tag is a noun.
func isNounTag(tag string) bool { return len(tag) >= 2 && tag[0] == 'N' && tag[1] == 'N' }

// isTimeWord is a day or month name or a time unit that a time phrase
// ("on Thursday", "in March", "last week") ends with.
func isTimeWord(w string) bool { return lexicon.IsTimeWord(w) }
