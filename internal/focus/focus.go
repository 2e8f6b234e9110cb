package focus

import (
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/lexicon"
)

// Naming is one place name an article gives.
type Naming struct {
	Country  string // ISO 3166-1 alpha-3 of the country it is or lies in
	Whole    bool   // the name is the country itself, not a place in it
	Locative bool   // it follows a locative: "in Syria", "near the border"
	// Party: it stands for the country acting ("Russia condemned",
	// "Moscow said"), not for a place. A locative name is never one.
	Party bool
}

// The weights, measured against the country most gold toponyms of each
// GeoWebNews article lie in (199 articles) and the seed article, whose
// "rebel factions" are Syria's in a story of talks in Moscow about
// Syria. Counting countries named as parties is worth 10 points of
// accuracy on GeoWebNews, counting capitals 7 to the actor coder. The
// locative weights move it by 3 articles either way, but that yardstick
// counts every name alike and cannot show what a locative is worth; the
// seed needs "in Syria" to outweigh "in Moscow" clearly.
const (
	countryLocativeWeight = 5 // "in Syria"
	placeLocativeWeight   = 3 // "in Moscow", "near Aleppo"
	placeWeight           = 1 // "Aleppo was shelled": a city or division
	partyWeight           = 1 // "Russia condemned", "Moscow said"
)

// Country returns the country the article is about: the one whose
// names weigh most, the first named on a tie (an article names its
// subject early); "" when names gives none. place is false when the
// article names that country only as a party: it is then the article's
// subject (whose "rebels" they are) but not where its events happen.
func Country(names []Naming) (code string, place bool) {
	type score struct {
		code   string
		weight int
		place  bool
	}
	var buf [16]score
	scores := buf[:0] // an article names few countries: a linear search
	for _, n := range names {
		if n.Country == "" {
			continue
		}
		i := 0
		for i < len(scores) && scores[i].code != n.Country {
			i++
		}
		if i == len(scores) {
			scores = append(scores, score{code: n.Country})
		}
		s := &scores[i]
		switch {
		case n.Locative && n.Whole:
			s.weight += countryLocativeWeight
			s.place = true
		case n.Locative:
			s.weight += placeLocativeWeight
			s.place = true
		case n.Party:
			s.weight += partyWeight
		default:
			s.weight += placeWeight
			s.place = true
		}
	}
	best := -1
	for i, s := range scores {
		if best < 0 || s.weight > scores[best].weight {
			best = i // scores are in the order first named
		}
	}
	if best < 0 {
		return "", false
	}
	return scores[best].code, scores[best].place
}

// Locative reports whether token i of toks follows a locative
// preposition, skipping one "the": "in Syria", "in the Philippines".
func Locative(text string, toks []doc.Token, i int) bool {
	k := i - 1
	if k >= 0 && k < len(toks) && strings.EqualFold(toks[k].Span.In(text), "the") {
		k--
	}
	return k >= 0 && k < len(toks) && lexicon.IsLocative(toks[k].Span.In(text))
}
