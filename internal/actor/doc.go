// Package actor finds the actors in an article and gives each a CAMEO code.
//
// It works in four steps over the tokens of each sentence:
//
//  1. Dictionary matching: a trie over normalised words (case folded, dots
//     and hyphens ignored, case rules per word) finds the longest phrase at
//     each token: country names and adjectives, capitals and seats of
//     power, organisations, people, and sector nouns ("forces").
//  2. Compound coding: the matches of one noun phrase combine, so "US State
//     Secretary John Kerry" codes USAGOV, "Russian forces" RUSMIL, "Assad's
//     regime" SYRGOV and "Former U.S. Ambassador" USAELI. People's roles are
//     resolved against the article's date.
//  3. Recognition of names the dictionaries lack, from capitalisation,
//     titles, given names and context, typed PER, ORG or LOC.
//  4. Coreference within the article: later surnames, pronouns, "the pair",
//     "the two ministers", "both sides", "his counterpart" and "the
//     war-torn country" are linked to what they refer to. A subject
//     pronoun prefers the previous sentence's subject of its gender and
//     number (coref.go).
//
// Dictionaries come from dyad's own format (see data/actors/FORMAT.md) or
// from TABARI/PETRARCH2 files; both load into the same Dict.
package actor
