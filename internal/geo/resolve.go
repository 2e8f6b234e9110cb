package geo

import (
	"math"
	"slices"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/focus"
	"github.com/dyad-events/dyad/internal/lexicon"
)

// Resolver finds the places an article names and resolves each to one
// gazetteer entry. It is read-only and safe for concurrent use.
type Resolver struct {
	g        *Gazetteer
	capitals map[string]string // normalised capital name → country code
}

// NewResolver resolves places against g. capitals maps the names of
// capitals, as the actor dictionary spells them, to their countries'
// codes: "Kiev" is then Kyiv the city, not the province of that name,
// and "Washington" the federal capital, not a town in Utah.
func NewResolver(g *Gazetteer, capitals map[string]string) *Resolver {
	r := &Resolver{g: g, capitals: map[string]string{}}
	for name, country := range capitals {
		r.capitals[normalize(name)] = country
	}
	return r
}

// locatives are the words that put what follows on the map: the
// lexicon's locatives ("talks in Moscow", "a blast near Aleppo") and the
// directions, which place an event as well ("flew to Moscow").
var locatives = func() map[string]bool {
	m := map[string]bool{"around": true, "to": true, "from": true}
	for _, w := range lexicon.Locatives() {
		m[w] = true
	}
	return m
}()

// candidate is one toponym found in the text, before resolution.
type candidate struct {
	span     doc.Span
	name     string
	country  string // the actor stage's country for it, "" when it gave none
	locative bool   // after "in", "at", "near", "to", "from"…
	// focusLocative: after a locative as internal/focus reads it ("in",
	// "near", not "to" or "from").
	focusLocative bool
	party         bool // the actor stage coded it as a body: "Moscow said" → RUSGOV
	untyped       bool // a name the actor stage could not type
	// countryRef: a description the actor stage resolved to a country
	// ("the war-torn country"); it names no gazetteer entry itself.
	countryRef bool
}

// Places returns the places the article names, in text order: toponyms
// the actor stage found (countries and capitals from its dictionaries,
// names it typed LOC from context), each resolved to the gazetteer entry
// that best fits the article. A name the gazetteer lacks is left out.
// about is the country the article is about as a place, nil when it
// names none as a place.
func (r *Resolver) Places(text string, sents []doc.Sentence, ms []doc.Mention) (places []doc.Place, about *doc.Place) {
	cands := r.candidates(text, sents, ms)
	if len(cands) == 0 {
		return nil, nil
	}
	// The article's countries: every coded mention votes, toponyms
	// after a locative three times. What a name's own mentions gave is
	// kept apart, so that "Georgia" does not vote for its own reading.
	votes := map[string]float64{}
	own := map[string]map[string]float64{}
	vote := func(name, country string, v float64) {
		votes[country] += v
		if own[name] == nil {
			own[name] = map[string]float64{}
		}
		own[name][country] += v
	}
	for _, m := range ms {
		// Sector nouns are left out: "voters" takes its country from the
		// article's focus, which would vote for itself.
		if m.Actor.Country != "" && m.Type != doc.EntityNone {
			vote(m.Span.In(text), m.Actor.Country, 1)
		}
	}
	entries := make([][]Entry, len(cands))
	for i, c := range cands {
		entries[i] = r.g.Lookup(c.name)
		switch {
		case !c.locative:
		case c.country != "":
			vote(c.span.In(text), c.country, 2)
		case len(entries[i]) > 0:
			vote(c.span.In(text), entries[i][0].Country, 2)
		}
	}
	// The focus, by the rule the actor stage uses too (internal/focus),
	// here with every place resolved: a city or division counts for its
	// country, a capital the actor stage read as the government ("Moscow
	// said") as a party.
	names := make([]focus.Naming, 0, len(cands))
	for i, c := range cands {
		e, ok := r.choose(text, c, entries[i], votes, own[c.span.In(text)])
		if !ok {
			continue
		}
		places = append(places, placeOf(e, c.span))
		whole := e.Feature == FeatureCountry
		names = append(names, focus.Naming{Country: e.Country, Whole: whole, Locative: c.focusLocative, Party: whole || c.party})
	}
	// A country named only as a party ("Russia condemned") is no place
	// for an event.
	best, placed := focus.Country(names)
	if e, ok := r.g.Country(best); ok && placed {
		p := placeOf(e, doc.Span{})
		about = &p
	}
	return places, about
}

// candidates gathers the toponyms among the mentions: LOC-typed names and
// their heads, once per span.
func (r *Resolver) candidates(text string, sents []doc.Sentence, ms []doc.Mention) []candidate {
	var out []candidate
	for _, m := range ms {
		if m.Via == doc.ViaCoref && m.Actor.Sector == "" && m.Actor.Country != "" && strings.Contains(m.Span.In(text), "country") {
			// "the war-torn country": the country the actor stage linked it to
			out = append(out, candidate{span: m.Span, name: m.Span.In(text), country: m.Actor.Country, countryRef: true,
				locative: locativeBefore(text, sents, m.Sentence, m.Span), focusLocative: focusLocative(text, sents, m.Sentence, m.Span)})
			continue
		}
		// LOC names, and names the actor stage could not type (MISC), which
		// count only when the gazetteer knows them well (see below).
		if m.Type != doc.EntityLOC && !(m.Type == doc.EntityMISC && m.Via == doc.ViaNER) || m.Via == doc.ViaCoref {
			continue
		}
		sp := m.Span
		if m.Head.End > m.Head.Start {
			sp = m.Head
		}
		if n := len(out); n > 0 && out[n-1].span == sp {
			continue
		}
		name := sp.In(text)
		if strings.HasPrefix(name, "the ") || strings.HasPrefix(name, "The ") {
			name = name[4:]
		}
		inside := insideActor(ms, sp)
		c := candidate{span: sp, name: name, untyped: m.Type == doc.EntityMISC,
			locative:      locativeBefore(text, sents, m.Sentence, sp) && !inside,
			focusLocative: focusLocative(text, sents, m.Sentence, sp) && !inside}
		if m.Via == doc.ViaDict {
			c.country, c.party = m.Actor.Country, m.Actor.Sector != ""
		}
		out = append(out, c)
	}
	return out
}

// insideActor reports whether sp is part of a longer mention that is not
// a place: "Syria" in "Ambassador to Syria Robert Ford" is a posting.
func insideActor(ms []doc.Mention, sp doc.Span) bool {
	for _, m := range ms {
		if m.Type != doc.EntityLOC && m.Span.Start <= sp.Start && m.Span.End >= sp.End && m.Span != sp {
			return true
		}
	}
	return false
}

// locativeBefore reports whether the word before span (skipping "the")
// is a locative preposition or a direction.
func locativeBefore(text string, sents []doc.Sentence, si int, sp doc.Span) bool {
	toks, k := tokenAt(sents, si, sp)
	k--
	if k >= 0 && strings.EqualFold(toks[k].Span.In(text), "the") {
		k--
	}
	return k >= 0 && locatives[strings.ToLower(toks[k].Span.In(text))]
}

// focusLocative reports whether span follows a locative as the focus
// rule reads it.
func focusLocative(text string, sents []doc.Sentence, si int, sp doc.Span) bool {
	toks, k := tokenAt(sents, si, sp)
	return focus.Locative(text, toks, k)
}

// tokenAt returns sentence si's tokens and the index of the first token
// that starts at or after span; no tokens when si is out of range.
func tokenAt(sents []doc.Sentence, si int, sp doc.Span) ([]doc.Token, int) {
	if si < 0 || si >= len(sents) {
		return nil, 0
	}
	toks := sents[si].Tokens
	k := 0
	for k < len(toks) && toks[k].Span.Start < sp.Start {
		k++
	}
	return toks, k
}

// choose picks the entry a toponym means. A following ", Idaho" or
// ", Georgia" names the division or country; else the actor stage's
// capital, when it named one, is decisive ("Moscow"); otherwise
// population, the actor stage's country and the article's other
// countries decide ("Georgia" among US places is the state).
func (r *Resolver) choose(text string, c candidate, list []Entry, votes, own map[string]float64) (Entry, bool) {
	if c.countryRef {
		return r.g.Country(c.country)
	}
	qualified := false
	if qual := qualifier(text, c.span); qual != "" {
		for _, q := range r.g.Lookup(qual) {
			kept := filter(list, func(e Entry) bool {
				return e.Feature != FeatureCountry && (q.Feature == FeatureCountry && e.Country == q.Country ||
					q.Feature == FeatureAdmin1 && e.Country == q.Country && strings.EqualFold(e.Admin1, q.Name))
			})
			if len(kept) > 0 {
				list, qualified = kept, true
				break
			}
		}
	}
	if c.country != "" && !qualified && r.capitals[normalize(c.name)] == c.country {
		if e, ok := r.g.Capital(c.country); ok {
			return e, true
		}
	}
	if c.untyped && !c.locative {
		// An untyped name is a place when it is a country, a division or a
		// city of 100,000 or more: "reached Aleppo", not "met Hope".
		list = filter(list, func(e Entry) bool { return e.Feature != FeatureCity || e.Population >= 100000 })
	}
	// A city and its province of the same name: news means the city
	// ("Kilis", "Aleppo").
	list = filter(list, func(e Entry) bool {
		return e.Feature != FeatureAdmin1 || !slices.ContainsFunc(list, func(o Entry) bool {
			return o.Feature == FeatureCity && o.Country == e.Country && o.Admin1 == e.Admin1
		})
	})
	if len(list) == 0 {
		return Entry{}, false
	}
	best, bestScore := 0, math.Inf(-1)
	for i, e := range list {
		var s float64
		switch e.Feature {
		case FeatureCountry:
			s = math.Log10(float64(e.Population)+10) + 2 // a country's name is the country first
		case FeatureAdmin1:
			s = 6 // divisions carry no population in the gazetteer: a mid-sized one
		default:
			s = math.Log10(float64(e.Population) + 10)
		}
		if e.Country == c.country && !qualified {
			s += 3 // the actor dictionary's reading
		}
		s += 4 * math.Log1p(votes[e.Country]-own[e.Country])
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	return list[best], true
}

// qualifier is the name after ", " that follows a toponym: "Idaho" in
// "Moscow, Idaho". It must be capitalised and end at a comma, period or
// the end of its clause.
func qualifier(text string, sp doc.Span) string {
	rest := text[sp.End:]
	if !strings.HasPrefix(rest, ", ") {
		return ""
	}
	rest = rest[2:]
	end := 0
	for end < len(rest) {
		c := rest[end]
		if c == ',' || c == '.' || c == ';' || c == '\n' || c == ')' {
			break
		}
		end++
	}
	q := strings.TrimSpace(rest[:end])
	if q == "" || q[0] < 'A' || q[0] > 'Z' || strings.Count(q, " ") > 2 {
		return ""
	}
	return q
}

func filter(list []Entry, keep func(Entry) bool) []Entry {
	var out []Entry
	for _, e := range list {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

func placeOf(e Entry, sp doc.Span) doc.Place {
	return doc.Place{Span: sp, Name: e.Name, Feature: e.Feature, Country: e.Country, Admin1: e.Admin1, Lat: e.Lat, Lon: e.Lon, GeonameID: e.ID}
}

// PlaceEvents gives each event a place: the place its sentence names
// nearest its trigger, one after "in/at/near" first; else the article's
// focus country, inferred (no span), when there is one. The events come
// back as a new slice, the input untouched.
func PlaceEvents(text string, sents []doc.Sentence, events []doc.Event, places []doc.Place, focus *doc.Place) []doc.Event {
	events = slices.Clone(events)
	for i := range events {
		ev := &events[i]
		if ev.Sentence < 0 || ev.Sentence >= len(sents) || ev.Trigger.Len() == 0 {
			continue
		}
		sent := sents[ev.Sentence].Span
		trigger := ev.Trigger
		best, bestRank := -1, int32(0)
		for k, p := range places {
			if p.Span.Start < sent.Start || p.Span.End > sent.End {
				continue
			}
			if actorSpan(ev, p.Span) {
				continue // part of who acted: "Ambassador to Syria"
			}
			loc := locativeBefore(text, sents, ev.Sentence, p.Span)
			if !loc && p.Feature == FeatureCountry {
				continue // a country named as a party, not as where
			}
			rank := p.Span.Gap(trigger)
			if !loc {
				rank += 1 << 24 // any locative place first
			}
			if best < 0 || rank < bestRank {
				best, bestRank = k, rank
			}
		}
		switch {
		case best >= 0:
			p := places[best]
			ev.Place = &p
		case focus != nil:
			p := *focus
			ev.Place = &p
		}
	}
	return events
}

// actorSpan reports whether sp lies in the event's source or target.
func actorSpan(ev *doc.Event, sp doc.Span) bool {
	for k, e := range ev.Evidence {
		if k != 1 && sp.Start >= e.Start && sp.End <= e.End {
			return true
		}
	}
	return false
}
