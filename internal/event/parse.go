package event

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/petrfile"
)

// File is one dictionary file to read.
type File = doc.DataFile

// Parse reads dictionaries in dyad's format (data/verbs/FORMAT.md) into one
// Dict. Every line is read even after errors so that one run shows them
// all; the Dict is returned with the error list.
func Parse(files ...File) (*Dict, error) {
	d := newDict()
	var errs doc.ErrorList
	for _, f := range files {
		p := &ownReader{d: d, origin: f.Origin, errs: &errs, pp: patternParser{d: d, used: map[int32]int{}}, cur: -1}
		sc := bufio.NewScanner(f.R)
		sc.Buffer(make([]byte, 64*1024), doc.MaxDataLine)
		n := 0
		for sc.Scan() {
			n++
			p.line(n, sc.Text())
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Origin, err)
		}
		p.pp.check(f.Origin, &errs, true)
	}
	return d, errs.Err()
}

type ownReader struct {
	d      *Dict
	origin string
	errs   *doc.ErrorList
	pp     patternParser
	cur    int32 // entry patterns attach to; -1 before the first
}

func (p *ownReader) fail(n int, format string, args ...any) {
	p.errs.Addf(p.origin, n, format, args...)
}

func (p *ownReader) line(n int, raw string) {
	s := raw
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return
	}
	indented := s[0] == ' ' || s[0] == '\t'
	switch {
	case indented:
		p.pattern(n, t)
	case strings.HasPrefix(t, "set "):
		name, body, ok := strings.Cut(t[4:], ":")
		name = strings.ToUpper(strings.TrimSpace(name))
		if !ok || name == "" {
			p.fail(n, "set line %q: want \"set NAME: phrase | phrase\"", t)
			return
		}
		i := p.d.setIndex(name)
		if len(p.d.Sets[i]) > 0 {
			p.fail(n, "set %s is defined twice", name)
			return
		}
		for _, ph := range strings.Split(body, "|") {
			if w, _ := splitHead(strings.TrimSpace(ph)); len(w) > 0 {
				p.d.Sets[i] = append(p.d.Sets[i], w)
			}
		}
		if len(p.d.Sets[i]) == 0 {
			p.fail(n, "set %s has no phrases", name)
		}
	case strings.HasPrefix(t, "verb "), strings.HasPrefix(t, "noun "):
		p.entry(n, t)
	default:
		p.fail(n, "line %q: want \"set\", \"verb\", \"noun\" or an indented pattern", t)
	}
}

func (p *ownReader) entry(n int, t string) {
	noun := strings.HasPrefix(t, "noun ")
	head, codeText, ok := strings.Cut(t[5:], ":")
	forms := strings.Fields(head)
	if !ok || len(forms) == 0 {
		p.fail(n, "entry %q: want \"%s WORD [FORM ...] : CODE\"", t, t[:4])
		p.cur = -1
		return
	}
	code, flags, msg := parseCode(strings.Fields(codeText))
	if msg != "" || len(flags) > 0 {
		if msg == "" {
			msg = fmt.Sprintf("unexpected %q after the code", strings.Join(flags, " "))
		}
		p.fail(n, "entry %q: %s", t, msg)
		p.cur = -1
		return
	}
	p.d.Entries = append(p.d.Entries, Entry{
		Name: strings.ReplaceAll(strings.TrimPrefix(forms[0], "+"), "+", ""),
		Code: code,
		Rule: fmt.Sprintf("%s:%d %s", p.origin, n, t),
	})
	p.cur = int32(len(p.d.Entries) - 1)
	if noun {
		for _, f := range forms {
			p.d.addNoun(p.cur, f)
		}
		return
	}
	p.d.addVerb(p.cur, forms[0], forms[1:], Code{}, false)
}

func (p *ownReader) pattern(n int, t string) {
	if p.cur < 0 {
		p.fail(n, "pattern %q has no entry above it", t)
		return
	}
	body, codeText, ok := strings.Cut(t, ":")
	if !ok {
		p.fail(n, "pattern %q: want \"PATTERN : CODE\"", t)
		return
	}
	code, flags, msg := parseCode(strings.Fields(codeText))
	solo := false
	for _, f := range flags {
		if f != "solo" {
			msg = fmt.Sprintf("unknown flag %q (only \"solo\" is defined)", f)
		}
		solo = true
	}
	pre, post, perr := p.pp.parse(strings.TrimSpace(body), n)
	if perr != "" {
		msg = perr
	}
	if msg != "" {
		p.fail(n, "pattern %q: %s", t, msg)
		return
	}
	e := &p.d.Entries[p.cur]
	e.Patterns = append(e.Patterns, Pattern{Pre: pre, Post: post, Code: code, Solo: solo,
		Rule: fmt.Sprintf("%s:%d %s: %s", p.origin, n, e.Name, strings.TrimSpace(body))})
}

// parseCode reads "CODE", "FWD:REV" or "-" and returns the fields after it.
func parseCode(fields []string) (Code, []string, string) {
	if len(fields) == 0 {
		return Code{}, nil, "missing code"
	}
	c, msg := codeOf(fields[0], true)
	return c, fields[1:], msg
}

// codeOf reads one code field. Strict (dyad's format) wants digits; the
// PETRARCH files also hold letters ("174K") and placeholders, kept as
// written so that their gold records can be scored.
func codeOf(s string, strict bool) (Code, string) {
	fwd, rev, _ := strings.Cut(s, ":")
	var c Code
	for i, part := range []string{fwd, rev} {
		if part == "" || part == "-" || part == "---" {
			continue
		}
		if strict && (len(part) < 2 || len(part) > 4 || strings.Trim(part, "0123456789") != "") {
			return Code{}, fmt.Sprintf("code %q is not a CAMEO code (2 to 4 digits, or -)", part)
		}
		if i == 0 {
			c.Fwd = part
		} else {
			c.Rev = part
		}
	}
	return c, ""
}

// ParsePetrarch reads TABARI/PETRARCH2 verb dictionaries (CAMEO.2.0.txt
// and its kin) into one Dict:
//
//	&SYNSET            a synonym set; its phrases follow as +PHRASE lines
//	--- NAME [CODE] ---
//	VERB {IRREGULAR FORMS} [CODE]
//	+CALL_OFF          a multi-word verb; "+" marks the inflected word
//	- PRE * POST [CODE]   a pattern of the block
//
// A code "[A:B]" gives an event back from the target with code B, as in
// TABARI. What PETRARCH accepts that dyad reads differently: a word
// without a final "_" may be a prefix in TABARI, but dyad matches whole
// words; "^" (skip a phrase) is dropped, since gaps are free; "{...}" and
// "(...)" groupings are read as plain sequences; the "~" transformation
// rules at the end of CAMEO.2.0.txt are skipped; a synonym set used but
// never defined matches nothing; placeholder codes without digits
// ([+++], [xxy]) drop their pattern.
func ParsePetrarch(files ...File) (*Dict, error) {
	d := newDict()
	var errs doc.ErrorList
	for _, f := range files {
		p := &petrReader{d: d, origin: f.Origin, errs: &errs, pp: patternParser{d: d, used: map[int32]int{}}, cur: -1, set: -1}
		if err := petrfile.Scan(f.R, f.Origin, p.line, &errs); err != nil {
			return nil, err
		}
		p.pp.check(f.Origin, &errs, false)
	}
	return d, errs.Err()
}

type petrReader struct {
	d      *Dict
	origin string
	errs   *doc.ErrorList
	pp     patternParser
	cur    int32 // current verb block, -1 before the first
	set    int32 // current synonym set, -1 when none is open
}

func (p *petrReader) line(n int, s string) {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
	case strings.HasPrefix(t, "~"):
		// transformation rules: not supported
	case strings.HasPrefix(t, "&"):
		name := strings.ToUpper(strings.TrimSuffix(strings.Fields(t)[0][1:], "_"))
		p.set = p.d.setIndex(name)
		p.cur = -1
	case strings.HasPrefix(t, "+") && p.set >= 0:
		if w, _ := splitHead(strings.TrimSpace(t[1:])); len(w) > 0 {
			p.d.Sets[p.set] = append(p.d.Sets[p.set], w)
		}
	case strings.HasPrefix(t, "---"):
		p.block(n, t)
	case strings.HasPrefix(t, "-"):
		p.pattern(n, t[1:])
	default:
		p.verb(n, t)
	}
}

// block starts "--- NAME [CODE] ---".
func (p *petrReader) block(n int, t string) {
	p.set = -1
	inner := strings.TrimSpace(strings.Trim(t, "-"))
	name, rest, _ := strings.Cut(inner, "[")
	code, msg := bracketCode("[" + rest)
	if msg != "" {
		p.errs.Addf(p.origin, n, "verb block %q: %s", t, msg)
	}
	p.d.Entries = append(p.d.Entries, Entry{Name: strings.ToLower(strings.TrimSpace(name)), Code: code,
		Rule: fmt.Sprintf("%s:%d %s", p.origin, n, strings.TrimSpace(name))})
	p.cur = int32(len(p.d.Entries) - 1)
}

// verb reads "VERB {FORMS} [CODE]" inside a block.
func (p *petrReader) verb(n int, t string) {
	if p.cur < 0 {
		p.errs.Addf(p.origin, n, "verb %q is outside any \"--- NAME [CODE] ---\" block", t)
		return
	}
	word, rest := t, ""
	if i := strings.IndexAny(t, " \t{["); i >= 0 {
		word, rest = t[:i], t[i:]
	}
	var irregular []string
	if i := strings.IndexByte(rest, '{'); i >= 0 {
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			p.errs.Addf(p.origin, n, "verb %q: { is never closed", t)
			return
		}
		irregular = strings.Fields(rest[i+1 : i+j])
		rest = rest[:i] + rest[i+j+1:]
	}
	var code Code
	hasCode := false
	if strings.Contains(rest, "[") {
		var msg string
		code, msg = bracketCode(rest)
		if msg != "" {
			p.errs.Addf(p.origin, n, "verb %q: %s", t, msg)
			return
		}
		hasCode = true
	}
	p.d.addVerb(p.cur, word, irregular, code, hasCode)
}

func (p *petrReader) pattern(n int, t string) {
	if p.cur < 0 {
		p.errs.Addf(p.origin, n, "pattern %q is outside any verb block", t)
		return
	}
	i := strings.LastIndexByte(t, '[')
	if i < 0 {
		p.errs.Addf(p.origin, n, "pattern %q has no [CODE]", t)
		return
	}
	code, msg := bracketCode(t[i:])
	if msg == "" && !hasDigit(code.Fwd) && !code.IsNull() {
		return // placeholders such as [+++] and [xxy] code nothing PETRARCH2 reports
	}
	pre, post, perr := p.pp.parse(t[:i], n)
	if perr != "" {
		msg = perr
	}
	if msg != "" {
		p.errs.Addf(p.origin, n, "pattern %q: %s", strings.TrimSpace(t), msg)
		return
	}
	e := &p.d.Entries[p.cur]
	e.Patterns = append(e.Patterns, Pattern{Pre: pre, Post: post, Code: code,
		Rule: fmt.Sprintf("%s:%d %s: %s", p.origin, n, e.Name, strings.Join(strings.Fields(t[:i]), " "))})
}

// bracketCode reads the first "[CODE]" or "[A:B]" in s.
func bracketCode(s string) (Code, string) {
	i := strings.IndexByte(s, '[')
	j := strings.IndexByte(s, ']')
	if i < 0 || j < i {
		return Code{}, "want a [CODE]"
	}
	return codeOf(strings.TrimSpace(s[i+1:j]), false)
}

// IsOwnFormat says a dictionary file is in dyad's format: its first line
// that is not blank or a comment starts "verb", "noun" or "set".
func IsOwnFormat(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		return strings.HasPrefix(t, "verb ") || strings.HasPrefix(t, "noun ") || strings.HasPrefix(t, "set ")
	}
	return false
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
