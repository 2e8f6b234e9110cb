package actor

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/petrfile"
)

// This file reads the TABARI/PETRARCH2 actor and agent dictionary formats
// (PETRARCH2's docs/source/dictionaries.rst) into a Dict, so that users can
// code with the Phoenix dictionaries instead of dyad's own.
//
// Both formats share the comment rules: "#" and the legacy ";" comment to
// the end of the line, "<!-- ... -->" may span lines, and a line starting
// "<!" that does not open a comment ("<! -- note -->") is skipped whole, as
// PETRARCH does. A line holding "---STOP---" ends the file.

// LoadPetrarch returns base with PETRARCH dictionaries in place of its own
// entries of the same kinds: actor files replace countries, organisations
// and people; agent files replace agents. A kind with no files keeps base's
// entries. base may be nil. Every file is read even after errors, so that
// one run reports the problems of all of them.
func LoadPetrarch(base *Dict, actors, agents []doc.DataFile) (*Dict, error) {
	var drop []Kind
	if len(actors) > 0 {
		drop = append(drop, KindCountry, KindOrg, KindPerson)
	}
	if len(agents) > 0 {
		drop = append(drop, KindAgent)
	}
	out := &Dict{}
	if base != nil {
		out = base.Without(drop...)
	}
	var errs doc.ErrorList
	load := func(files []doc.DataFile, parse func(io.Reader, string) (*Dict, error)) error {
		for _, f := range files {
			d, err := parse(f.R, f.Origin)
			var list doc.ErrorList
			switch {
			case errors.As(err, &list):
				errs = append(errs, list...)
			case err != nil:
				return err // could not read the file at all
			}
			if d != nil {
				out.Merge(d)
			}
		}
		return nil
	}
	if err := load(actors, ParsePetrarchActors); err != nil {
		return nil, err
	}
	if err := load(agents, ParsePetrarchAgents); err != nil {
		return nil, err
	}
	return out, errs.Err()
}

// ParsePetrarchActors reads a TABARI/PETRARCH2 actor dictionary:
//
//	NAME_  [CODE]
//	+SYNONYM_
//		[CODE date-restriction]
//
// Each record becomes one entry. With one undated code it is a country
// when the code is three letters and not a sector (AFG), otherwise an
// organisation (IGOUNO, PSEREBHMS); with dated codes or several codes it is
// a person whose roles are the code lines. Dated roles come first, in file
// order, and undated ones last: CodeAt takes the first role that covers
// the day, so a dated role wins on the days it covers and an undated role
// (PETRARCH's default code) catches every other day. Because an undated
// role covers every day, such a person never codes as a former official or
// as the bare country.
//
// Dates are YYYYMMDD or YYMMDD (YY up to 30 is 20YY, otherwise 19YY, as in
// TABARI and PETRARCH); "<D" ends a role on D, ">D" starts it on D, "A-B"
// spans A to B, all inclusive. As in PETRARCH, a date of more than eight
// digits is read from its first eight and one of seven from its first six,
// and a range that ends before it starts is dropped, since it covers no
// day. A lone date with no <, > or - is read as a start date (">D"); the
// Phoenix files use it for an office taken up again (PETRARCH ignores it).
//
// Things PETRARCH accepts that have no dyad equivalent:
//   - the null codes ---, +++ and ### are dropped, and a record left with no
//     code is dropped with them (PETRARCH matches the phrase and codes
//     nothing, for a period or always);
//   - a compound code A/B/C (one event per actor in TABARI) keeps only A;
//   - a phrase without a trailing "_" may end with a prefix of a word in
//     PETRARCH ("ARGENTIN" matches "Argentina"); dyad matches whole words
//     only, so every phrase is exact;
//   - a space between words lets other words come between them in
//     PETRARCH; here it joins consecutive words as "_" does.
//
// Words are written for dyad's case rules: each word is title-cased
// ("RUSSIAN_FEDERATION" → "Russian Federation"), since PETRARCH's upper
// case says nothing about which words are acronyms and an initial capital
// is all dyad's matcher asks of "Nato" or "Usa"; dotted initials keep their
// capitals ("U.S."), and short function words and Arabic particles are
// lower case, also within hyphenated words ("AL-QAEDA" → "al-Qaeda"), as
// the matcher checks each hyphen-separated part on its own and a
// lower-case part matches either case.
func ParsePetrarchActors(r io.Reader, origin string) (*Dict, error) {
	p := &actorReader{d: &Dict{}, origin: origin}
	err := petrfile.Scan(r, origin, p.line, &p.errs)
	p.flush()
	if err != nil {
		return nil, err
	}
	return p.d, p.errs.Err()
}

// ParsePetrarchAgents reads a TABARI/PETRARCH2 agent dictionary:
//
//	!PERSON! = MAN, MEN, WOMAN, WOMEN
//	ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
//	CONGRESS!PERSON! [~LEG]
//	HUMAN_RIGHTS_BODY [NGO~]
//
// Each line becomes an agent entry whose Code is the code without its "~"
// (GOV, GOVMED). PETRARCH puts a "~SEC" code after the actor's code and a
// "SEC~" code (NGO~, IGO~) before it; dyad's agents carry one sector, so
// both keep their letters and the position is lost.
//
// Phrases are lower case, since any case may match an agent. A plural in
// {} is added as a phrase of its own; without {} PETRARCH forms the
// regular plural, which dyad's matcher adds by itself, so only the
// singular is kept; an empty {} (no plural) cannot be expressed and the
// matcher still adds a regular plural. Substitution sets (!NAME! = A, B)
// are expanded wherever their marker occurs, several markers giving every
// combination. As PETRARCH does, a phrase line with no code at all is
// skipped (Phoenix.agents.txt has one), and a trailing "_" is dropped:
// dyad matches whole words only.
func ParsePetrarchAgents(r io.Reader, origin string) (*Dict, error) {
	p := &agentReader{d: &Dict{}, origin: origin, sets: map[string][]string{}}
	if err := petrfile.Scan(r, origin, p.line, &p.errs); err != nil {
		return nil, err
	}
	return p.d, p.errs.Err()
}

// actorReader holds the record being read; it becomes an entry when the
// next record starts.
type actorReader struct {
	d      *Dict
	origin string
	errs   doc.ErrorList
	cur    *actorRecord
}

type actorRecord struct {
	line    int
	phrases []string // the first is the name
	codes   []petrCode
}

// petrCode is one code block with its date restriction.
type petrCode struct {
	code     string
	from, to Date
	dated    bool
}

func (p *actorReader) fail(n int, format string, args ...any) {
	p.errs.Addf(p.origin, n, format, args...)
}

func (p *actorReader) line(n int, s string) {
	t := strings.TrimSpace(s)
	switch {
	case s[0] == ' ' || s[0] == '\t':
		// PETRARCH wants a tab; Phoenix also has "  \t[JORELI]". Like
		// PETRARCH, text before the block is ignored: Phoenix has
		// "\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]".
		i := strings.IndexByte(t, '[')
		if i < 0 {
			p.fail(n, "indented line %q: want a [CODE] or [CODE date] block", t)
			return
		}
		if p.cur == nil {
			p.fail(n, "code block %q comes before any actor", t)
			return
		}
		p.codes(n, t[i:])
	case t[0] == '+':
		if p.cur == nil {
			p.fail(n, "synonym %q comes before any actor", t)
			return
		}
		if strings.Contains(t, "[") {
			p.fail(n, "synonym %q has a code: codes go on the actor's line or an indented line below it", t)
			return
		}
		ph := actorPhrase(t[1:])
		if ph == "" {
			p.fail(n, "empty synonym")
			return
		}
		p.cur.phrases = append(p.cur.phrases, ph)
	case t[0] == '[':
		p.flush()
		p.fail(n, "code block %q has no actor name; indent it to attach it to the actor above", t)
	default:
		p.flush()
		name, blocks, _ := strings.Cut(t, "[")
		ph := actorPhrase(name)
		if ph == "" {
			p.fail(n, "actor %q has no words", name)
			return
		}
		p.cur = &actorRecord{line: n, phrases: []string{ph}}
		if strings.Contains(t, "[") {
			p.codes(n, "["+blocks)
		}
	}
}

// codes reads the [..] blocks of one line into the current record.
func (p *actorReader) codes(n int, s string) {
	blocks, err := codeBlocks(s)
	if err != nil {
		p.fail(n, "%v", err)
		return
	}
	for _, b := range blocks {
		c, keep, err := parseActorCode(b)
		if err != nil {
			p.fail(n, "[%s]: %v", b, err)
			continue
		}
		if keep {
			p.cur.codes = append(p.cur.codes, c)
		}
	}
}

// flush turns the current record into an entry.
func (p *actorReader) flush() {
	rec := p.cur
	p.cur = nil
	if rec == nil || len(rec.codes) == 0 {
		return // no code, or only null codes: PETRARCH codes nothing
	}
	e := Entry{Name: rec.phrases[0], Origin: fmt.Sprintf("%s:%d", p.origin, rec.line)}
	if c := rec.codes[0]; len(rec.codes) == 1 && !c.dated {
		e.Code = c.code
		if isCountryCode(c.code) {
			e.Kind, e.Country, e.Type = KindCountry, c.code, doc.EntityLOC
		} else {
			e.Kind, e.Country, e.Type = KindOrg, countryOf(c.code), doc.EntityORG
		}
	} else {
		e.Kind, e.Type = KindPerson, doc.EntityPER
		for _, dated := range []bool{true, false} {
			for _, c := range rec.codes {
				if c.dated == dated {
					e.Roles = append(e.Roles, Role{Code: c.code, From: c.from, To: c.to})
				}
			}
		}
		for _, r := range e.Roles {
			if e.Country = countryOf(r.Code); e.Country != "" {
				break
			}
		}
	}
	i := p.d.add(e)
	seen := map[string]bool{}
	for _, ph := range rec.phrases {
		if !seen[ph] {
			seen[ph] = true
			p.d.phrase(i, ph, FormName, "")
		}
	}
}

// isCountryCode reports whether a lone code names a country: three letters
// that are not a sector.
func isCountryCode(c string) bool {
	if len(c) != 3 || isSector(c) {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// codeBlocks splits "[A] [B <900101] notes" into the blocks' contents.
// Text after the blocks is ignored, as PETRARCH ignores everything after
// the code (Phoenix keeps notes there without a "#"). A block closed with
// "}" is accepted: Phoenix.agents.txt has "[~ENV}".
func codeBlocks(s string) ([]string, error) {
	var out []string
	for {
		s = strings.TrimSpace(s)
		if s == "" || s[0] != '[' {
			return out, nil
		}
		end := strings.IndexByte(s, ']')
		if next := strings.IndexByte(s[1:], '['); end < 0 || (next >= 0 && next+1 < end) {
			c := strings.IndexByte(s, '}')
			if c < 0 || (next >= 0 && next+1 < c) {
				return nil, fmt.Errorf("code block %q is missing its ]", s)
			}
			end = c
		}
		out = append(out, strings.TrimSpace(s[1:end]))
		s = s[end+1:]
	}
}

// nullCodes are PETRARCH's codes for "match, but code nothing".
var nullCodes = map[string]bool{"---": true, "+++": true, "###": true}

// parseActorCode reads "CODE", "CODE <DATE", "CODE >DATE" or "CODE A-B";
// keep is false for a null code or an empty range.
func parseActorCode(s string) (c petrCode, keep bool, err error) {
	end := strings.IndexAny(s, " \t<>")
	if end < 0 {
		end = len(s)
	}
	code, rest := strings.ToUpper(s[:end]), strings.TrimSpace(s[end:])
	if code == "" {
		return c, false, fmt.Errorf("no code")
	}
	if nullCodes[code] {
		return c, false, nil
	}
	// Compound codes (A/B/C) have no dyad form: the first stands for all.
	code, _, _ = strings.Cut(code, "/")
	if !validCode(code) {
		return c, false, fmt.Errorf("code %q: want letters and digits, at least three", code)
	}
	c.code = code
	if rest == "" {
		return c, true, nil
	}
	c.dated = true
	switch {
	case rest[0] == '<':
		c.to, err = petrDate(rest[1:])
	case rest[0] == '>':
		c.from, err = petrDate(rest[1:])
	case strings.Contains(rest, "-"):
		a, b, _ := strings.Cut(rest, "-")
		if c.from, err = petrDate(a); err == nil {
			c.to, err = petrDate(b)
		}
		if err == nil && c.to < c.from {
			return c, false, nil // covers no day; PETRARCH skips it too
		}
	default:
		c.from, err = petrDate(rest) // a lone date: see ParsePetrarchActors
	}
	if err != nil {
		return c, false, err
	}
	return c, true, nil
}

// petrDate reads YYYYMMDD or YYMMDD; see ParsePetrarchActors for the
// century and for extra digits.
func petrDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("date %q: want YYYYMMDD or YYMMDD", s)
		}
	}
	if len(s) < 6 {
		return 0, fmt.Errorf("date %q: want YYYYMMDD or YYMMDD", s)
	}
	num := func(a, b int) int {
		n := 0
		for _, c := range s[a:b] {
			n = n*10 + int(c-'0')
		}
		return n
	}
	var y, m, d int
	if len(s) <= 7 {
		y, m, d = num(0, 2), num(2, 4), num(4, 6)
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
	} else {
		y, m, d = num(0, 4), num(4, 6), num(6, 8)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return 0, fmt.Errorf("date %q is not a calendar day", s)
	}
	return DateOf(y, m, d), nil
}

// phraseFields splits a PETRARCH phrase into words at "_" and blanks.
func phraseFields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '_' || unicode.IsSpace(r) })
}

// actorPhrase turns "AL-QAEDA_IN_IRAQ_" into "al-Qaeda in Iraq". A stray
// "]" is dropped: Phoenix has "+FAEROYENE]_".
func actorPhrase(s string) string {
	words := phraseFields(strings.ReplaceAll(s, "]", ""))
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, part := range parts {
			parts[j] = titlePart(part)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// lowerWords are written lower case in news names ("Bank of England",
// "al-Qaeda", "Osama bin Laden"); a lower-case word matches either case.
var lowerWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true,
	"al": true, "el": true, "bin": true, "ibn": true, "de": true, "du": true,
	"la": true, "le": true, "van": true, "von": true, "da": true, "di": true,
}

// titlePart title-cases one hyphen-free part of a word: "QAEDA" → "Qaeda",
// "U.S." → "U.S." (a letter after a dot is an initial), "1ST" → "1st".
func titlePart(s string) string {
	low := strings.ToLower(s)
	if lowerWords[low] {
		return low
	}
	var b strings.Builder
	up := true
	for _, r := range low {
		switch {
		case unicode.IsLetter(r):
			if up {
				r = unicode.ToUpper(r)
			}
			up = false
		case r == '.':
			up = true
		case unicode.IsDigit(r):
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// agentReader holds the substitution sets defined so far.
type agentReader struct {
	d      *Dict
	origin string
	errs   doc.ErrorList
	sets   map[string][]string
}

// maxExpansions bounds the phrases one agent line may expand to, so that
// a line of many markers cannot blow up.
const maxExpansions = 1000

func (p *agentReader) fail(n int, format string, args ...any) {
	p.errs.Addf(p.origin, n, format, args...)
}

func (p *agentReader) line(n int, s string) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "!") && strings.Contains(t, "=") && !strings.Contains(t, "[") {
		p.define(n, t)
		return
	}
	phrase, block, ok := strings.Cut(t, "[")
	if !ok {
		if strings.ContainsAny(t, "]~{}") {
			p.fail(n, "agent %q: the code needs [ ], as in [~GOV]", t)
		}
		// A bare phrase has no code: PETRARCH skips it, and so do we.
		return
	}
	blocks, err := codeBlocks("[" + block)
	if err != nil {
		p.fail(n, "%v", err)
		return
	}
	if len(blocks) != 1 {
		p.fail(n, "agent %q has %d code blocks, want one", t, len(blocks))
		return
	}
	code, err := agentCode(blocks[0])
	if err != nil {
		p.fail(n, "[%s]: %v", blocks[0], err)
		return
	}
	sing, plur := phrase, ""
	if i := strings.IndexByte(phrase, '{'); i >= 0 {
		j := strings.IndexByte(phrase[i:], '}')
		if j < 0 {
			p.fail(n, "plural in %q is missing its }", strings.TrimSpace(phrase))
			return
		}
		if rest := strings.TrimSpace(phrase[i+j+1:]); rest != "" {
			p.fail(n, "unexpected %q after the plural", rest)
			return
		}
		sing, plur = phrase[:i], phrase[i+1:i+j]
	} else if strings.Contains(phrase, "}") {
		p.fail(n, "} without {")
		return
	}
	var texts []string
	for _, ph := range []string{sing, plur} {
		if strings.TrimSpace(ph) == "" {
			continue
		}
		exp, err := p.expand(ph)
		if err != nil {
			p.fail(n, "%v", err)
			return
		}
		for _, x := range exp {
			if w := phraseFields(strings.ToLower(x)); len(w) > 0 {
				texts = append(texts, strings.Join(w, " "))
			}
		}
	}
	if strings.TrimSpace(sing) == "" || len(texts) == 0 {
		p.fail(n, "agent line has no words before its code")
		return
	}
	i := p.d.add(Entry{Kind: KindAgent, Name: texts[0], Code: code, Origin: fmt.Sprintf("%s:%d", p.origin, n)})
	seen := map[string]bool{}
	for _, x := range texts {
		if !seen[x] {
			seen[x] = true
			p.d.phrase(i, x, FormAgent, code)
		}
	}
}

// define reads "!NAME! = A, B, C". A later definition replaces an earlier
// one, as in PETRARCH.
func (p *agentReader) define(n int, t string) {
	name, list, _ := strings.Cut(t[1:], "=")
	name = strings.TrimSpace(name)
	if !strings.HasSuffix(name, "!") || len(name) < 2 || strings.Contains(name[:len(name)-1], "!") {
		p.fail(n, "substitution set %q: want !NAME! = A, B, C", t)
		return
	}
	var items []string
	for _, it := range strings.Split(list, ",") {
		if it = strings.TrimSpace(it); it != "" {
			if strings.Contains(it, "!") {
				p.fail(n, "substitution set %q: items may not contain markers", t)
				return
			}
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		p.fail(n, "substitution set %q has no items", t)
		return
	}
	p.sets[name[:len(name)-1]] = items
}

// expand replaces every !NAME! marker in s with each item of its set.
func (p *agentReader) expand(s string) ([]string, error) {
	out := []string{""}
	for {
		i := strings.IndexByte(s, '!')
		if i < 0 {
			for k := range out {
				out[k] += s
			}
			return out, nil
		}
		j := strings.IndexByte(s[i+1:], '!')
		if j < 0 {
			return nil, fmt.Errorf("substitution marker in %q is missing its closing !", strings.TrimSpace(s))
		}
		name := s[i+1 : i+1+j]
		items, ok := p.sets[name]
		if !ok {
			return nil, fmt.Errorf("substitution set !%s! is not defined (define it above: !%s! = A, B)", name, name)
		}
		if len(out)*len(items) > maxExpansions {
			return nil, fmt.Errorf("substitution markers expand to more than %d phrases", maxExpansions)
		}
		next := make([]string, 0, len(out)*len(items))
		for _, o := range out {
			for _, it := range items {
				next = append(next, o+s[:i]+it)
			}
		}
		out, s = next, s[i+2+j:]
	}
}

// agentCode reads "~GOV" or the prefix form "NGO~" into its letters.
func agentCode(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	var code string
	switch {
	case strings.HasPrefix(s, "~"):
		code = strings.TrimSpace(s[1:])
	case strings.HasSuffix(s, "~"):
		code = strings.TrimSpace(s[:len(s)-1])
	default:
		return "", fmt.Errorf("agent code %q: want ~SECTOR (after the actor's code) or SECTOR~ (before it)", s)
	}
	if !validCode(code) {
		return "", fmt.Errorf("agent code %q: want letters and digits, at least three", code)
	}
	return code, nil
}
