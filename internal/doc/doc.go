// Package doc holds the plain data types that every dyad stage passes along:
// articles, byte spans, sentences, tokens, actors, events, quotes, places and
// diagnostics.
//
// It owns no behaviour beyond small helpers on those types and imports no
// other dyad package, so every stage can import it without cycles. A stage
// reads these structs and returns new ones; nothing here reads files, the
// clock or the network.
package doc
