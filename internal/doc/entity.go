package doc

// Entity is a name found by the name recogniser (internal/ner): a span of
// Article.Text, its type (PER, ORG, LOC or MISC) and where it is in the
// sentences: Tokens is the token range [start, end) of sentence Sentence.
type Entity struct {
	Span     Span
	Type     EntityType
	Sentence int
	Tokens   [2]int32
}
