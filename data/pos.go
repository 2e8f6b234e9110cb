package data

import _ "embed"

// POSModel holds data/models/pos.model: the part-of-speech tagger that
// dyad train pos learns from UD English EWT (internal/text reads it).
//
//go:embed models/pos.model
var POSModel []byte
