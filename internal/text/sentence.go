package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
)

// Split groups the tokens of s (as made by Tokenize) into sentences and
// appends them to dst. Each sentence's Tokens is a sub-slice of toks, so the
// whole article costs one token slice.
//
// A sentence ends at a line break, or after . ! ? … (and any closing quotes
// or brackets) when the next token can start a sentence. After an
// abbreviation or initialism ("U.S.", "etc.") the next word must be a clear
// sentence opener ("The", "He"); after a title ("Gen.", "Mr.") or an initial
// a sentence never ends.
func Split(s string, toks []doc.Token, dst []doc.Sentence) []doc.Sentence {
	begin := 0
	for i := 0; i < len(toks); i++ {
		end := -1 // index of the last token of the sentence, when it ends here
		if i+1 < len(toks) && lineBreakBetween(s, toks[i].Span.End, toks[i+1].Span.Start) {
			end = i
		} else if term, closeEnd := terminal(s, toks, i); term {
			if closeEnd+1 >= len(toks) {
				end = closeEnd
			} else if lineBreakBetween(s, toks[closeEnd].Span.End, toks[closeEnd+1].Span.Start) || startsSentence(s, toks, i, closeEnd+1) {
				end = closeEnd
			}
		}
		if end < 0 {
			continue
		}
		dst = appendSentence(dst, toks[begin:end+1])
		begin, i = end+1, end
	}
	if begin < len(toks) {
		dst = appendSentence(dst, toks[begin:])
	}
	return dst
}

func appendSentence(dst []doc.Sentence, toks []doc.Token) []doc.Sentence {
	return append(dst, doc.Sentence{
		Span:   doc.Span{Start: toks[0].Span.Start, End: toks[len(toks)-1].Span.End},
		Tokens: toks,
	})
}

func lineBreakBetween(s string, from, to int32) bool {
	return strings.IndexByte(s[from:to], '\n') >= 0
}

func tokText(s string, t doc.Token) string { return s[t.Span.Start:t.Span.End] }

// terminal reports whether toks[i] can end a sentence, and the index of the
// last token that belongs to it (after closing quotes and brackets).
func terminal(s string, toks []doc.Token, i int) (bool, int) {
	w := tokText(s, toks[i])
	switch {
	case w == "." || w == "!" || w == "?" || w == "…" || strings.HasPrefix(w, "..") ||
		strings.HasPrefix(w, "!!") || strings.HasPrefix(w, "??") || w == "?!" || w == "!?":
	case len(w) > 1 && w[len(w)-1] == '.' && isAbbrevToken(w):
	default:
		return false, i
	}
	j := i
	for j+1 < len(toks) && isCloser(tokText(s, toks[j+1])) &&
		toks[j+1].Span.Start == toks[j].Span.End {
		j++
	}
	return true, j
}

// isAbbrevToken: the token carries its period because it is an
// abbreviation, not because it is the sentence's full stop.
func isAbbrevToken(w string) bool { return isAbbrev(w[:len(w)-1]) }

func isCloser(w string) bool {
	switch w {
	case "”", "\"", "’", "'", "''", ")", "]", "»", "›", "}":
		return true
	}
	return false
}

func isOpener(w string) bool {
	switch w {
	case "“", "\"", "‘", "'", "``", "(", "[", "«", "‹", "—", "–", "-", "•", "*":
		return true
	}
	return false
}

// startsSentence decides whether toks[next] opens a new sentence after the
// terminal token toks[term].
func startsSentence(s string, toks []doc.Token, term, next int) bool {
	if toks[next].Span.Start == toks[next-1].Span.End && s[toks[next].Span.Start] == '-' {
		return false // a hyphen glued to a stop ("Inc.-owned") joins, not opens
	}
	w := tokText(s, toks[next])
	tw := tokText(s, toks[term])
	abbrev := len(tw) > 1 && tw[len(tw)-1] == '.' && tw[0] != '.'
	if abbrev && isTitleAbbrev(tw) {
		return false
	}
	if isOpener(w) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !(unicode.IsUpper(r) || unicode.IsDigit(r)) {
		return false
	}
	if !abbrev {
		return true
	}
	// After "U.S." or "etc.": only a clear opener, since names and nouns
	// follow initialisms all the time.
	if len(w) > 12 {
		return false
	}
	var buf [12]byte
	return sentenceStarters[string(lowerASCII(w, buf[:0]))]
}
