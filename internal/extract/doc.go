// Package extract turns outside input (plain text, HTML pages, JSONL
// records, RSS/Atom/JSON feeds, WARC web archives) into doc.Article values: decoded to UTF-8, boilerplate removed, cleaned
// text with a map back to the input's byte offsets where the input was text.
//
// Readers take bytes or an io.Reader handed to them; they never open files
// or the network. Bad input gives an error or a doc.Diagnostic, never a
// panic, and a bad record in a stream never stops the records after it.
package extract
