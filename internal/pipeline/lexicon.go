package pipeline

import (
	"strings"

	"github.com/dyad-events/dyad/internal/actor"
	"github.com/dyad-events/dyad/internal/geo"
	"github.com/dyad-events/dyad/internal/ner"
)

// NERLexicons are the name lists the name recogniser reads, built from
// dyad's dictionaries, given names and gazetteer. Training (dyad train
// ner) and coding build them with this one function, so the model sees at
// run time the lists it was trained with.
func NERLexicons(d *actor.Dict, given []string, gaz *geo.Gazetteer) []ner.Lexicon {
	lists := map[string][]string{}
	add := func(name, phrase string) { lists[name] = append(lists[name], phrase) }
	for _, p := range d.Phrases {
		e := &d.Entries[p.Entry]
		switch e.Kind {
		case actor.KindCountry:
			switch p.Form {
			case actor.FormName:
				add("country", p.Text)
			case actor.FormAdj, actor.FormPeople:
				add("demonym", p.Text)
			case actor.FormCapital:
				add("capital", p.Text)
			case actor.FormSeat:
				add("seat", p.Text)
			}
		case actor.KindOrg:
			add("org", p.Text)
		case actor.KindPerson:
			add("person", p.Text)
			// The surname alone is how a person is named after the
			// first mention.
			if w := strings.Fields(p.Text); len(w) >= 2 {
				add("surname", w[len(w)-1])
			}
		case actor.KindAgent:
			add("agent", p.Text)
		}
	}
	lists["given"] = given
	lists["orghead"], lists["lochead"], lists["title"] = actor.NameWords()
	if gaz != nil {
		for i := range gaz.Len() {
			e := gaz.At(i)
			switch e.Feature {
			case geo.FeatureCity:
				add("city", e.Name)
			case geo.FeatureAdmin1:
				add("admin1", e.Name)
			case geo.FeatureCountry:
				add("country", e.Name)
			}
		}
	}
	// A fixed order: the lexicons' names, not their order, reach the
	// model, but a fixed order keeps the lookup tables identical run to run.
	var out []ner.Lexicon
	for _, name := range []string{"country", "demonym", "capital", "seat", "org", "person", "surname", "agent", "given", "city", "admin1", "orghead", "lochead", "title"} {
		out = append(out, ner.Lexicon{Name: name, Phrases: lists[name]})
	}
	return out
}
