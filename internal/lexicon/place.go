package lexicon

import "slices"

// locatives are the prepositions that put the name after them on the
// map as where something happens: "talks in Moscow", "a blast near
// Aleppo". Directions ("to", "from", "towards") are left out: "flew to
// Moscow" and "troops from Russia" say less about where the story is.
var locatives = []string{"in", "at", "near", "inside", "outside", "across", "throughout", "within", "into"}

// IsLocative reports whether w is a locative preposition.
func IsLocative(w string) bool { return slices.Contains(locatives, Norm(w)) }

// Locatives returns the locative prepositions, for packages that build
// their own word tables.
func Locatives() []string { return slices.Clone(locatives) }
