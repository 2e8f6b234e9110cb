// Package lexicon holds the closed word lists that several stages share:
// speech verbs (with how each may report speech), auxiliaries, modals,
// negation, the verbs that govern an infinitive ("refused to", "plans
// to"), subordinators, quote marks, time words and the locative
// prepositions that put a name on the map ("in", "near").
//
// Before this package the quote finder, the actor coder and the event
// coder each kept their own copies, and they drifted apart: one knew
// "stressed" as a speech verb and another did not, and none knew the
// typographic "n’t". Every list now lives here once, and every lookup
// folds case and typographic apostrophes first, so "didn’t", "n’t" and
// "won’t" are read like their ASCII spellings.
//
// The functions take one token's text. A whole contraction ("didn't",
// "won't") counts as its negation and as its base word: IsNegation,
// IsAux and IsModal are all true where they apply. Packages that build
// their own tables (the quote finder's hash table, the actor matcher's
// vocabulary) read the lists through Words and SpeechWords.
//
// The lists are package data, written once when the package loads and
// never changed afterwards, so every function is safe for concurrent use.
package lexicon
