package data

import _ "embed"

// ParseModel holds data/models/parse.model: the dependency parser that
// dyad train parse learns from UD English EWT (internal/parse reads it).
//
//go:embed models/parse.model
var ParseModel []byte
