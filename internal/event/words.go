package event

import "github.com/dyad-events/dyad/internal/lexicon"

// The closed word classes the clause coder needs live in internal/lexicon,
// shared with the quote finder and the actor coder; these name them as the
// coder uses them. Every lookup folds typographic apostrophes, so "n’t"
// negates like "n't".

// isNegation is a word that negates the verb it precedes.
func isNegation(w string) bool { return lexicon.IsNegation(w) }

// isSpeech is a verb form that reports speech or a stance; events in the
// rest of its sentence are reported by its subject.
func isSpeech(w string) bool { return lexicon.IsReport(w) }

// isVerbTag says a Penn tag is a verb.
func isVerbTag(tag string) bool { return len(tag) >= 2 && tag[0] == 'V' && tag[1] == 'B' }

// isNounTag says a Penn tag is a noun.
func isNounTag(tag string) bool { return len(tag) >= 2 && tag[0] == 'N' && tag[1] == 'N' }
