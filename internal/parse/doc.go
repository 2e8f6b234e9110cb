// Package parse is dyad's dependency parser: a greedy, labelled
// arc-eager transition parser scored by the averaged perceptron of
// internal/learn. It gives each token of a sentence a head (another token
// of the sentence, or none for the root) and a Universal Dependencies
// relation as UD English EWT writes them, subtypes kept (nsubj:pass,
// obl:tmod, nmod:poss, acl:relcl, compound:prt, ...).
//
// Transitions. Arc-eager rather than arc-standard because its simple
// dynamic oracle (Goldberg and Nivre, 2012) is exact for projective trees
// and cheap to compute, and because it attaches right dependents as soon
// as they are seen. There is no artificial root word: a sentence is
// parsed until its buffer is empty, the first word left on the stack
// without a head becomes the root, and any other headless word is
// attached to it as "dep", so every parse is one tree with one root
// whatever the model scores. (Ballesteros and Nivre, 2013, found
// arc-eager as accurate without a root word as with one at the end of
// the buffer, and better than with one at the start; on EWT dev the
// fallback attaches about 30 words in 25,000.)
//
// Each step makes two decisions with one model: the move (SHIFT, REDUCE,
// LEFT-ARC, RIGHT-ARC), and for an arc its relation. The move is the
// frequent decision and scores four classes; the relation is scored only
// for arcs, over the first nArcFeatures templates keyed apart for each
// direction. Parsing speed is bound by cache misses on the model's
// table, one or two per feature looked up, so what counts is how many
// features each token costs: about 2 × 62 for its moves and 20 for its
// relation, instead of 2 × 77 over a hundred labelled moves. The nine
// features of the buffer's words alone (N0–N2) are scored once per
// buffer front, not again after a REDUCE or LEFT-ARC.
//
// Features follow Zhang and Nivre (2011): words and tags of the stack
// top S0, its head and grandhead, its leftmost and rightmost children
// (and the second ones), the next input words N0, N1, N2 and N0's
// leftmost children, and the word below S0; S0–N0 distance; left and
// right valency; the children's relations and their sets; word+tag
// pairs and tag triples. Word forms are kept out of the rarer templates
// (second children, grandhead, valency, distance, relation sets, N2):
// each word feature costs a cache miss and they added nothing on dev.
// Words (lower-cased, digits folded, typographic quotes and dashes mapped
// to ASCII) and tags are hashed once per sentence; a feature key mixes
// its template number with those hashes (learn.Key), so parsing makes no
// strings and allocates nothing.
//
// Training (Train) uses the dynamic oracle: at each step the right
// transitions are those of least cost (gold arcs made unreachable), the
// perceptron is updated toward the best-scoring of them, and after the
// first epochs the parser follows its own prediction most of the time,
// so it learns to recover from its mistakes. Non-projective gold trees
// are kept: the least-cost transitions still exist (the cost is then an
// approximation), so no sentence is dropped.
//
// Tokens and tags. The parser reads dyad's tokens and dyad's predicted
// POS tags (Penn Treebank tags from internal/text), never gold ones:
// training retokenizes the treebank to dyad's tokens (treebank.Retokenize
// merges the EWT words inside one dyad token, e.g. "pro - Russian" →
// "pro-Russian") and tags it with dyad's tagger, so it sees what runs.
// dyad train parse tags the training sentences with jackknifed taggers
// (each fold by a tagger trained on the others): the embedded tagger
// learnt from those very sentences and would tag them better than any
// text the parser meets.
// Sentences whose tokens differ are also trained on as the treebank has
// them, since dyad eval parse scores the treebank's own tokens.
//
// The package reads no files: Read takes a model's bytes, Builtin the
// embedded model (data/models/parse.model).
package parse
