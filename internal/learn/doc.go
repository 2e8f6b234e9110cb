// Package learn is the one machine learner behind dyad's tagger, parser
// and name recogniser: a multi-class averaged perceptron over hashed
// features.
//
// A caller turns each decision's context into a slice of uint64 feature
// keys (Key and Hash build them; no strings are made at run time), asks
// for class scores, and picks a class. Training (Trainer) keeps sparse
// per-feature weights with lazy averaging, so it is deterministic for a
// given order of examples; Trainer.Model averages, prunes tiny weights
// and quantises the rest to int16. The Model is an open-addressing table
// from feature key to a run of (class, weight) pairs, written to and read
// from a small versioned binary format (WriteTo, Read) that loads by
// copying arrays, with no text parsing at start-up.
//
// The package knows nothing of language: feature templates belong to the
// stages that use it. It reads no files; callers pass bytes or writers.
package learn
