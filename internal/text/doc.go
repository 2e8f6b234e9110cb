// Package text finds the sentences, tokens and part-of-speech tags of an
// article's cleaned text.
//
// Every token and sentence is a doc.Span of byte offsets into the text it was
// given, and text[span.Start:span.End] is always exactly the token: nothing is
// rewritten, so typographic quotes and dashes survive and evidence can be
// highlighted in the original. Normalisation that the tagger needs (’ as ',
// “ as “) happens inside the tagger on the fly, never in the text.
//
// The package works on one article's text at a time and keeps no state
// between calls except the read-only tagger model. It reads no files.
package text
