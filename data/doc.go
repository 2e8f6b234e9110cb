// Package data embeds dyad's own dictionaries so that the binary needs no
// files beside it. The files are written by the project from public facts;
// data/actors/FORMAT.md describes their format.
package data

import "embed"

// Actors holds data/actors/*.txt: countries, organisations, people with
// dated roles, and sector nouns.
//
//go:embed actors/*.txt
var Actors embed.FS

// Names holds data/names/*.txt: word lists for recognising names the
// dictionaries lack.
//
//go:embed names/*.txt
var Names embed.FS

// Cameo holds data/cameo/codebook.txt: every CAMEO event code with its
// name, Goldstein value and PLOVER category.
//
//go:embed cameo/codebook.txt
var Cameo embed.FS

// Verbs holds data/verbs/*.txt: the verb- and noun-pattern dictionary the
// event coder reads (format in data/verbs/FORMAT.md).
//
//go:embed verbs/*.txt
var Verbs embed.FS

// Geo holds data/geo/gazetteer.idx, the precomputed index of
// data/geo/gazetteer.tsv.gz: countries, first-level divisions and cities
// with coordinates, generated from GeoNames data by internal/geo/gen and
// indexed by internal/geo/genindex (sources and attribution in
// data/geo/README.md). The table itself is not embedded: the index holds
// all of it.
//
//go:embed geo/gazetteer.idx
var Geo []byte
