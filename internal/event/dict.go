package event

import (
	"slices"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// Code is what an entry or pattern yields: an event from the source to the
// target (Fwd) and, for mutual events such as meetings, one back (Rev).
// Both empty means "no event": the dictionary's way to say a phrase is not
// an event ("---" in PETRARCH files, "-" in dyad's).
type Code struct {
	Fwd, Rev string
}

// IsNull says the code yields no event.
func (c Code) IsNull() bool { return c.Fwd == "" && c.Rev == "" }

func (c Code) String() string {
	switch {
	case c.IsNull():
		return "-"
	case c.Rev == "":
		return c.Fwd
	}
	return c.Fwd + ":" + c.Rev
}

// ElemKind says what a pattern element matches.
type ElemKind uint8

const (
	ElemWord     ElemKind = iota // one word, exactly
	ElemSet                      // any phrase of a synonym set
	ElemSource                   // $: the source actor starts here
	ElemTarget                   // +: the target actor starts here
	ElemCompound                 // %: the subject is compound; the event runs between its members
)

// Elem is one element of a pattern.
type Elem struct {
	Kind ElemKind
	Word string // ElemWord
	Set  int32  // ElemSet: index into Dict.Sets
	// Adjacent says the element must touch its neighbour on the trigger's
	// side ("_" in the pattern); otherwise words may come between.
	Adjacent bool
}

// Pattern is one "- PATTERN [CODE]" line: words around the trigger that
// make a more specific code.
type Pattern struct {
	Pre  []Elem // before the trigger, nearest first
	Post []Elem // after the trigger, in order
	Code Code
	Solo bool   // the event needs no target
	Rule string // origin:line and the pattern as written, for explanations
}

// weight ranks matches: more matched elements is more specific.
func (p *Pattern) weight() int { return len(p.Pre) + len(p.Post) }

// Entry is one verb (or noun) with its default code and its patterns.
type Entry struct {
	Name     string
	Code     Code
	Patterns []Pattern
	Rule     string // origin:line of the entry, for events coded by default
}

// Form is one surface form of an entry's trigger. Multi-word verbs keep
// the words around the inflected head ("call off", "take part"), which
// must be adjacent to it.
type Form struct {
	Before []string // words just before the head, in text order
	After  []string // words just after the head
	Entry  int32
	Code   Code // the form's own code, when it has one (HasCode)
	// HasCode says Code overrides the entry's default, as a PETRARCH verb
	// line "ABORT [160]" does within its block.
	HasCode bool
}

// Dict is a verb-pattern dictionary: entries, their surface forms by
// head word, and the synonym sets patterns refer to.
type Dict struct {
	Entries []Entry
	// Sets are synonym sets: each a list of phrases, each phrase a list of
	// lower-case words.
	Sets     [][][]string
	SetNames []string
	verbs    map[string][]Form
	nouns    map[string][]Form
}

func newDict() *Dict {
	return &Dict{verbs: map[string][]Form{}, nouns: map[string][]Form{}}
}

// Lookup returns the forms whose head is word (lower case): verb forms, or
// noun forms when noun is set.
func (d *Dict) Lookup(word string, noun bool) []Form {
	if noun {
		return d.nouns[word]
	}
	return d.verbs[word]
}

// Len is the number of entries and patterns, for reports.
func (d *Dict) Len() (entries, patterns int) {
	for _, e := range d.Entries {
		patterns += len(e.Patterns)
	}
	return len(d.Entries), patterns
}

// addForm files a form under its head word. The same phrase listed twice
// in one entry is kept once.
func (d *Dict) addForm(head string, f Form, noun bool) {
	m := d.verbs
	if noun {
		m = d.nouns
	}
	for _, g := range m[head] {
		if g.Entry == f.Entry && slices.Equal(g.Before, f.Before) && slices.Equal(g.After, f.After) {
			return
		}
	}
	m[head] = append(m[head], f)
}

// addVerb adds every form of a verb phrase: words joined by "_" or spaces,
// the inflected head marked with a leading "+" or else the first word.
// Listed irregular forms are added as written; regular ones are generated.
func (d *Dict) addVerb(entry int32, phrase string, irregular []string, code Code, hasCode bool) {
	words, head := splitHead(phrase)
	if len(words) == 0 {
		return
	}
	base := Form{Before: words[:head], After: words[head+1:], Entry: entry, Code: code, HasCode: hasCode}
	for _, w := range inflect(words[head]) {
		d.addForm(w, base, false)
	}
	for _, irr := range irregular {
		iw, ih := splitHead(irr)
		if len(iw) == 0 {
			continue
		}
		f := base
		f.Before, f.After = iw[:ih], iw[ih+1:]
		d.addForm(iw[ih], f, false)
	}
}

// addNoun adds a noun form exactly as written; the first word is the
// head the coder looks up.
func (d *Dict) addNoun(entry int32, phrase string) {
	words, _ := splitHead(phrase)
	if len(words) == 0 {
		return
	}
	d.addForm(words[0], Form{After: words[1:], Entry: entry}, true)
}

// splitHead splits a phrase into lower-case words and finds its head: the
// word marked with "+", else the first.
func splitHead(phrase string) ([]string, int) {
	var words []string
	head := 0
	for _, w := range strings.FieldsFunc(phrase, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' }) {
		if strings.HasPrefix(w, "+") && len(w) > 1 {
			head = len(words)
			w = w[1:]
		}
		words = append(words, strings.ToLower(w))
	}
	return words, head
}

// inflect returns a verb's base form with its regular third-person,
// past and -ing forms. Doubling a final consonant ("stop" → "stopped") is
// a guess English spelling does not settle from letters alone, so both
// spellings are produced; a wrong one never occurs in text and costs
// nothing.
func inflect(v string) []string {
	out := []string{v}
	n := len(v)
	if n < 2 {
		return out
	}
	last, prev := v[n-1], v[n-2]
	switch {
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") ||
		strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "sh") || (last == 'o' && !isVowel(prev)):
		out = append(out, v+"es")
	case last == 'y' && !isVowel(prev):
		out = append(out, v[:n-1]+"ies")
	default:
		out = append(out, v+"s")
	}
	switch {
	case last == 'e':
		out = append(out, v+"d")
	case last == 'y' && !isVowel(prev):
		out = append(out, v[:n-1]+"ied")
	default:
		out = append(out, v+"ed")
	}
	switch {
	case strings.HasSuffix(v, "ie"):
		out = append(out, v[:n-2]+"ying")
	case last == 'e' && prev != 'e' && n > 2:
		out = append(out, v[:n-1]+"ing")
	default:
		out = append(out, v+"ing")
	}
	if n >= 3 && !isVowel(last) && isVowel(prev) && !isVowel(v[n-3]) && !strings.ContainsRune("wxy", rune(last)) {
		out = append(out, v+string(last)+"ed", v+string(last)+"ing")
	}
	return out
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// setIndex returns the index of a synonym set, making a placeholder for a
// set used before it is defined.
func (d *Dict) setIndex(name string) int32 {
	for i, n := range d.SetNames {
		if n == name {
			return int32(i)
		}
	}
	d.SetNames = append(d.SetNames, name)
	d.Sets = append(d.Sets, nil)
	return int32(len(d.Sets) - 1)
}

// patternParser turns pattern text into elements. Both dictionary formats
// share it; only their line layouts differ.
type patternParser struct {
	d    *Dict
	used map[int32]int // set → first line that used it, to report undefined sets
}

// parse reads "pre * post" where elements are separated by spaces (gaps
// allowed) or "_" (adjacent). Braces and parentheses, PETRARCH's noun- and
// prepositional-phrase groupings, are read as spaces.
func (pp *patternParser) parse(text string, line int) (pre, post []Elem, err string) {
	type item struct {
		e      Elem
		star   bool
		joined bool // joined to the previous item by "_"
	}
	var items []item
	joinNext := false
	for _, field := range strings.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '{' || r == '}' || r == '(' || r == ')'
	}) {
		// "*SCEPTICAL" (CAMEO.2.0.txt writes a few so) is "*_SCEPTICAL".
		if len(field) > 1 && field[0] == '*' && field[1] != '_' {
			field = "*_" + field[1:]
		}
		if n := len(field); n > 1 && field[n-1] == '*' && field[n-2] != '_' {
			field = field[:n-1] + "_*"
		}
		parts := strings.Split(field, "_")
		for k, w := range parts {
			joined := k > 0
			if w == "" {
				// "CASH_" and "IS_TO_" mark a whole word in PETRARCH; dyad
				// matches whole words anyway.
				if k > 0 {
					joinNext = true
				}
				continue
			}
			if joinNext {
				joined, joinNext = true, false
			}
			it := item{joined: joined}
			switch {
			case w == "*":
				it.star = true
			case w == "+":
				it.e.Kind = ElemTarget
			case w == "$":
				it.e.Kind = ElemSource
			case w == "%":
				it.e.Kind = ElemCompound
			case w == "^":
				continue // PETRARCH's "skip a phrase": gaps are free here
			case strings.HasPrefix(w, "&") && len(w) > 1:
				it.e.Kind = ElemSet
				it.e.Set = pp.d.setIndex(strings.ToUpper(strings.TrimSuffix(w[1:], "_")))
				if _, ok := pp.used[it.e.Set]; !ok {
					pp.used[it.e.Set] = line
				}
			default:
				it.e.Word = strings.ToLower(w)
			}
			items = append(items, it)
		}
		joinNext = false
	}
	star := -1
	for i, it := range items {
		if it.star {
			if star >= 0 {
				return nil, nil, "pattern has more than one *"
			}
			star = i
		}
	}
	if star < 0 {
		return nil, nil, "pattern has no * for the trigger"
	}
	for i := star - 1; i >= 0; i-- {
		e := items[i].e
		e.Adjacent = items[i+1].joined
		pre = append(pre, e)
	}
	for i := star + 1; i < len(items); i++ {
		e := items[i].e
		e.Adjacent = items[i].joined
		post = append(post, e)
	}
	return pre, post, ""
}

// check expands sets that name other sets ("+&TIETYPES" inside a set)
// and, when strict, reports sets used but never defined. PETRARCH files
// are read leniently: CAMEO.2.0.txt itself uses an undefined &WEATHER, and
// a pattern naming an empty set simply never matches.
func (pp *patternParser) check(origin string, errs *doc.ErrorList, strict bool) {
	d := pp.d
	for i := range d.Sets {
		d.Sets[i] = expandSet(d, int32(i), 0)
	}
	for set, line := range pp.used {
		if strict && len(d.Sets[set]) == 0 {
			errs.Addf(origin, line, "synonym set &%s is used but never defined", d.SetNames[set])
		}
	}
}

// expandSet replaces phrases "&OTHER" by OTHER's phrases, to a fixed depth
// so that a set naming itself cannot loop.
func expandSet(d *Dict, set int32, depth int) [][]string {
	var out [][]string
	for _, ph := range d.Sets[set] {
		if len(ph) == 1 && strings.HasPrefix(ph[0], "&") && depth < 4 {
			for i, n := range d.SetNames {
				if strings.EqualFold(n, strings.TrimSuffix(ph[0][1:], "_")) {
					out = append(out, expandSet(d, int32(i), depth+1)...)
				}
			}
			continue
		}
		out = append(out, ph)
	}
	return out
}
