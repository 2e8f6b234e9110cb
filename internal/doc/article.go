package doc

import "time"

// Article is one news item after extraction: cleaned text plus what the
// input said about it. Every Span elsewhere points into Text.
type Article struct {
	ID        string    // stable: hash of the canonical URL, else of the text
	URL       string    // canonical URL when known
	Source    string    // outlet or feed name when known
	Title     string    // headline; not part of Text
	Published time.Time // zero when unknown
	Text      string    // cleaned body text, paragraphs separated by "\n\n"
	Lang      string    // ISO 639-1 when known
	// RawMap maps Text offsets back to the input bytes; empty when the
	// input was not plain text (HTML extraction rebuilds text from a DOM).
	RawMap OffsetMap
	// Origin names where the article came from, e.g. "file.jsonl:12".
	Origin string
}

// Token is one word or punctuation mark with its Penn Treebank POS tag
// and, once the parser has run, its place in the sentence's dependency
// tree.
type Token struct {
	Span Span
	Tag  string
	// Head is the index in the sentence of the token this one depends
	// on, -1 for the sentence's root. It means nothing while Rel is "".
	Head int32
	// Rel is the Universal Dependencies relation to Head, subtypes kept
	// ("nsubj", "nsubj:pass", "obl:tmod", "root"); "" when not parsed.
	Rel string
}

// Sentence is a span of Text and its tokens.
type Sentence struct {
	Span   Span
	Tokens []Token
}
