// Package ner finds named entities (PER, ORG, LOC, MISC) in tagged
// sentences with a greedy left-to-right BILOU sequence tagger on the
// shared perceptron (internal/learn).
//
// Each token's decision reads the word, its lower case, shape, prefixes
// and suffixes, POS tag, a window of two tokens either side, the two tags
// already chosen, the sentence's capitalisation (CoNLL-style ALL-CAPS
// headlines), what the article has already called the same word, and
// whether the token sits at the beginning, inside, end or as the whole of
// a phrase in one of dyad's own name lists (countries, demonyms, people,
// given names, organisations, cities): so what dyad's dictionaries know
// helps with the names they lack. The lists come in as plain Lexicons;
// the caller builds them (pipeline.NERLexicons) the same way at training
// and at run time.
//
// A capitalised token after an open entity must continue it; any other
// token takes the model's best label, repaired to keep the labels well
// formed (a label that does not continue an open entity closes it, and
// nothing is left open at a sentence's end), so output spans are always
// well formed. Sentences in capitals throughout are labelled after
// the rest of their article, so that a headline reads what the body
// called its words. Tokens with no capital letter
// outside an entity are tagged O without scoring: CoNLL's entities almost
// never start that way (0.4% of train), and it makes tagging several times
// faster. Word hashes are computed once per sentence; tagging allocates
// nothing per token.
package ner
