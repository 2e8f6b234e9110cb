package data

import _ "embed"

// NERModel is the name recogniser's model (internal/ner), written by
// "dyad train ner" from CoNLL++ train.
//
//go:embed models/ner.model
var NERModel []byte
