package petrfile

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// Scan feeds each line of a PETRARCH file to fn with its comments
// removed, skipping lines left blank. fn reports problems in errs; an
// unclosed "<!--" is reported here. The error returned is a read error.
func Scan(r io.Reader, origin string, fn func(n int, s string), errs *doc.ErrorList) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), doc.MaxDataLine)
	n, openedAt := 0, 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		if strings.Contains(raw, "---STOP---") {
			openedAt = 0
			break
		}
		s, open := stripComments(raw, openedAt > 0)
		switch {
		case !open:
			openedAt = 0
		case openedAt == 0:
			openedAt = n
		}
		if strings.TrimSpace(s) != "" {
			fn(n, s)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", origin, err)
	}
	if openedAt > 0 {
		errs.Addf(origin, openedAt, "comment <!-- is never closed with -->")
	}
	return nil
}

// stripComments removes comments from one line; open says a
// "<!--" from an earlier line is still open, and the result says whether
// one is open at the end of this line.
func stripComments(s string, open bool) (string, bool) {
	if !open {
		t := strings.TrimLeft(s, " \t")
		if strings.HasPrefix(t, "<!") && !strings.HasPrefix(t, "<!--") {
			return "", false
		}
	}
	var out strings.Builder
	for {
		if open {
			i := strings.Index(s, "-->")
			if i < 0 {
				return out.String(), true
			}
			s, open = s[i+3:], false
		}
		end := commentStart(s)
		j := strings.Index(s[:end], "<!--")
		if j < 0 {
			out.WriteString(s[:end])
			return out.String(), false
		}
		out.WriteString(s[:j])
		out.WriteByte(' ') // "a<!-- c -->b" is two words, as in XML
		s, open = s[j+4:], true
	}
}

// commentStart is where a "#" or ";" comment starts in s, len(s) when
// there is none. Inside a [CODE] block they are code characters: the
// validation verbs use "[###]" as a code.
func commentStart(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#', ';':
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}
