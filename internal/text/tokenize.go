package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
)

// Tokenize appends the tokens of s to dst and returns it. Tokens follow Penn
// Treebank conventions closely enough for the tagger: punctuation stands
// alone, clitics split off ("Kerry’s" → "Kerry" "’s", "don't" → "do" "n't"),
// while hyphenated compounds ("U.S-supported", "war-torn"), numbers
// ("1,400", "3.5", "14/07/2016"), dotted initialisms ("U.S.") and known
// abbreviations ("Gen.", "Mr.") stay whole.
func Tokenize(s string, dst []doc.Token) []doc.Token {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
			if isASCIIAlnum(c) {
				i = word(s, i, &dst)
				continue
			}
			i = punct(s, i, &dst)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			i = word(s, i, &dst)
		default:
			i = punct(s, i, &dst)
		}
	}
	return dst
}

var asciiSpace = [128]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// alnumAt reports whether a letter or digit starts at s[i], and its width.
func alnumAt(s string, i int) (bool, int) {
	if i >= len(s) {
		return false, 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return isASCIIAlnum(c), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r), size
}

// apostropheAt reports whether s[i] is ' or ’ and its width.
func apostropheAt(s string, i int) int {
	if i < len(s) && s[i] == '\'' {
		return 1
	}
	if strings.HasPrefix(s[i:], "’") {
		return len("’")
	}
	return 0
}

func emit(dst *[]doc.Token, start, end int) {
	*dst = append(*dst, doc.Token{Span: doc.Span{Start: int32(start), End: int32(end)}})
}

// word scans a word starting at s[start] and emits it, splitting clitics.
func word(s string, start int, dst *[]doc.Token) int {
	i := start
	for {
		// a run of letters and digits
		for {
			ok, n := alnumAt(s, i)
			if !ok {
				break
			}
			i += n
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		// Joiners stay inside a word only between two alphanumerics.
		if c == '-' || c == '&' || c == '/' || c == '.' || c == ',' || c == ':' {
			ok, _ := alnumAt(s, i+1)
			if !ok {
				break
			}
			prevDigit := isASCIIDigit(s[i-1])
			nextDigit := isASCIIDigit(s[i+1])
			switch c {
			case ',', ':':
				// 1,400 and 10:30, not "Moscow,Kerry"
				if !prevDigit || !nextDigit {
					return finishWord(s, start, i, dst)
				}
			case '.':
				// 3.5, U.S.A, U.S-supported and web addresses: but not
				// "Moscow.Kerry", which is a missing space.
				if !(prevDigit && nextDigit) && !initialBefore(s, start, i) && !domainLike(s, start, i) {
					return finishWord(s, start, i, dst)
				}
			}
			i++
			continue
		}
		if n := apostropheAt(s, i); n > 0 {
			// Inner apostrophe: a clitic splits off, names like O’Brien stay.
			if cl := cliticLen(s, i, n); cl > 0 {
				if isNT(s, start, i) {
					emit(dst, start, i-1)
					emit(dst, i-1, i+cl)
					return i + cl
				}
				emit(dst, start, i)
				emit(dst, i, i+cl)
				return i + cl
			}
			ok, _ := alnumAt(s, i+n)
			if ok && i > start {
				i += n
				continue
			}
		}
		break
	}
	return finishWord(s, start, i, dst)
}

// finishWord emits s[start:end], taking a following period into the token
// when the word is an abbreviation or initialism.
func finishWord(s string, start, end int, dst *[]doc.Token) int {
	if end < len(s) && s[end] == '.' && (isAbbrev(s[start:end]) || numberAbbrevs[s[start:end]] && digitAfter(s, end+1)) {
		// "U.S." keeps its final period unless the period is really an
		// ellipsis.
		if !(end+1 < len(s) && s[end+1] == '.') {
			end++
			// "U.N.-brokered" stays one compound, like "U.S-trained".
			for end < len(s) && s[end] == '-' {
				ok, _ := alnumAt(s, end+1)
				if !ok {
					break
				}
				end++
				for {
					ok, n := alnumAt(s, end)
					if !ok {
						break
					}
					end += n
				}
			}
		}
	}
	emit(dst, start, end)
	return end
}

// digitAfter reports whether a digit follows s[i:] after optional spaces.
func digitAfter(s string, i int) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i < len(s) && isASCIIDigit(s[i])
}

// initialBefore reports whether the word so far is a run of single letters
// joined by periods ("U" or "U.S"), so a following period continues it.
func initialBefore(s string, start, dot int) bool {
	w := s[start:dot]
	for k := 0; k < len(w); k++ {
		c := w[k]
		isLetter := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
		if k%2 == 0 && !isLetter || k%2 == 1 && c != '.' {
			return false
		}
	}
	// the next part must be one letter too: "U.S" then "." or end
	if dot+2 < len(s) {
		n := s[dot+2]
		if isASCIIAlnum(n) {
			return false
		}
	}
	return true
}

// domainLike keeps "example.com" and "www.bbc.co.uk" together.
func domainLike(s string, start, dot int) bool {
	w := s[start:dot]
	if strings.HasPrefix(w, "www") || strings.HasPrefix(w, "http") {
		return true
	}
	rest := s[dot+1:]
	for _, tld := range [...]string{"com", "org", "net", "gov", "edu", "int", "co.uk", "ru", "uk", "io"} {
		if strings.HasPrefix(rest, tld) {
			after := len(tld)
			if after == len(rest) {
				return true
			}
			if ok, _ := alnumAt(rest, after); !ok {
				return true
			}
		}
	}
	return false
}

// cliticLen returns the length of a clitic ('s, ’ll, n't …) starting with the
// apostrophe at s[i] (n bytes wide), or 0.
func cliticLen(s string, i, n int) int {
	rest := s[i+n:]
	var l int
	switch {
	case hasFoldPrefix(rest, "ll"), hasFoldPrefix(rest, "re"), hasFoldPrefix(rest, "ve"):
		l = 2
	case hasFoldPrefix(rest, "s"), hasFoldPrefix(rest, "d"), hasFoldPrefix(rest, "m"), hasFoldPrefix(rest, "t"):
		l = 1
	default:
		return 0
	}
	if ok, _ := alnumAt(rest, l); ok {
		return 0 // O'Brien, rock'n'roll
	}
	if (rest[0] == 't' || rest[0] == 'T') && !isNT(s, 0, i) {
		return 0
	}
	return n + l
}

// isNT reports whether the apostrophe at s[i] closes "n't".
func isNT(s string, start, i int) bool {
	if i-1 <= start {
		return false
	}
	c := s[i-1]
	if c != 'n' && c != 'N' {
		return false
	}
	n := apostropheAt(s, i)
	return i+n < len(s) && (s[i+n] == 't' || s[i+n] == 'T')
}

func hasFoldPrefix(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// punct emits one punctuation token starting at s[i]: runs of the same dot
// or dash mark ("...", "--") stay together, everything else is one rune.
func punct(s string, i int, dst *[]doc.Token) int {
	c := s[i]
	if c == '.' || c == '-' || c == '!' || c == '?' {
		j := i + 1
		for j < len(s) && s[j] == c {
			j++
		}
		emit(dst, i, j)
		return j
	}
	if c == '\'' || c == '`' {
		j := i + 1
		for j < len(s) && s[j] == c {
			j++
		}
		emit(dst, i, j)
		return j
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	emit(dst, i, i+size)
	return i + size
}
