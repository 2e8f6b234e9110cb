package pipeline

import (
	"fmt"
	"strings"
	"time"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/actor"
	"github.com/dyad-events/dyad/internal/cameo"
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/extract"
	"github.com/dyad-events/dyad/internal/geo"
	"github.com/dyad-events/dyad/internal/lexicon"
	"github.com/dyad-events/dyad/internal/ner"
	"github.com/dyad-events/dyad/internal/parse"
	"github.com/dyad-events/dyad/internal/quote"
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/when"
)

// Options configures a Coder.
type Options struct {
	// Date is the article date for inputs that carry none (--date).
	Date time.Time
	// Actors is the actor dictionary; nil means dyad's built-in one.
	Actors *actor.Dict
	// Verbs is the verb-pattern dictionary; nil means dyad's built-in one.
	Verbs *event.Dict
}

// Coder runs the stages on extracted articles. It is safe for concurrent
// use: its models are read-only after NewCoder.
type Coder struct {
	opts   Options
	tagger *text.Tagger
	parser *parse.Parser
	names  *ner.Tagger
	actors *actor.Coder
	events *event.Coder
	places *geo.Resolver
	quotes *quote.Finder
}

// NewCoder loads the models the stages need.
func NewCoder(opts Options) (*Coder, error) {
	tg, err := text.NewTagger()
	if err != nil {
		return nil, err
	}
	d := opts.Actors
	if d == nil {
		if d, err = actor.Builtin(); err != nil {
			return nil, err
		}
	}
	given, err := actor.GivenNames()
	if err != nil {
		return nil, err
	}
	verbs := opts.Verbs
	if verbs == nil {
		if verbs, err = event.Builtin(); err != nil {
			return nil, err
		}
	}
	book, err := cameo.Builtin()
	if err != nil {
		return nil, err
	}
	gaz, err := geo.Builtin()
	if err != nil {
		return nil, err
	}
	names, err := ner.Load(data.NERModel, NERLexicons(d, given, gaz))
	if err != nil {
		return nil, fmt.Errorf("embedded %w", err)
	}
	parser, err := parse.Builtin()
	if err != nil {
		return nil, err
	}
	return &Coder{opts: opts, tagger: tg, parser: parser, names: names, actors: actor.NewCoder(d, given), events: event.NewCoder(verbs, book), places: geo.NewResolver(gaz, d.Capitals()), quotes: quote.NewFinder()}, nil
}

// Code runs every stage on one extracted article.
func (c *Coder) Code(item extract.Item) doc.Result {
	return c.analyse(item, func() {})
}

// stageNames are the stages analyse runs, in order, as dyad bench
// reports them; extraction comes before.
var stageNames = [...]string{"tokenize", "sentences", "pos", "ner", "actors", "parse", "events", "dates", "places", "quotes"}

// analyse runs the stages after extraction, calling lap as each of
// stageNames ends, so that Bench times the very code Code runs.
func (c *Coder) analyse(item extract.Item, lap func()) doc.Result {
	a := item.Article
	if a.Published.IsZero() && !c.opts.Date.IsZero() {
		a.Published = c.opts.Date
	}
	// About one token per five bytes of news text: one allocation usually.
	toks := text.Tokenize(a.Text, make([]doc.Token, 0, len(a.Text)/5+8))
	lap()
	sents := text.Split(a.Text, toks, make([]doc.Sentence, 0, len(toks)/20+1))
	lap()
	for i := range sents {
		c.tagger.Tag(a.Text, sents[i].Tokens)
	}
	lap()
	entities := c.names.Tag(a.Text, sents, nil)
	lap()
	mentions := c.actors.CodeWith(a.Text, sents, dateOf(a.Published), entities)
	lap()
	c.parseMentioned(a.Text, sents, mentions)
	lap()
	events := c.events.Code(a.Text, sents, mentions)
	lap()
	events = when.DateEvents(a.Text, sents, events, a.Published)
	lap()
	places, focus := c.places.Places(a.Text, sents, mentions)
	events = geo.PlaceEvents(a.Text, sents, events, places, focus)
	lap()
	quotes := c.quotes.Find(a.Text, sents, mentions)
	events = event.Attribute(events, quotes)
	lap()
	return doc.Result{Article: a, Sentences: sents, Mentions: mentions, Entities: entities, Events: events, Quotes: quotes, Places: places, Diagnostics: item.Diagnostics}
}

// parseMentioned parses the sentences that name two different coded
// actors, the ones that can hold a dyadic event (a source doing
// something to a target). The event coder reads the others by their
// surface, for events that need no target. Parsing every sentence would
// cost more than all the other stages together (see docs/architecture.md,
// Parsing); other sentences' tokens keep Rel "".
func (c *Coder) parseMentioned(text string, sents []doc.Sentence, mentions []doc.Mention) {
	// Mentions come in text order, so a sentence's are a run.
	for i := 0; i < len(mentions); {
		j, first, two := i, "", false
		for ; j < len(mentions) && mentions[j].Sentence == mentions[i].Sentence; j++ {
			switch code := mentions[j].Actor.Code; {
			case code == "":
			case first == "":
				first = code
			case code != first:
				two = true
			}
		}
		if s := mentions[i].Sentence; s >= 0 && s < len(sents) && two {
			c.finiteVerb(text, sents[s].Tokens)
			c.parser.Parse(text, sents[s].Tokens)
		}
		i = j
	}
}

// finiteVerb gives a sentence with no finite verb one, before it is
// parsed: the tagger reads news headlines' and ledes' past tenses as
// participles or adjectives ("Yeltsin on Saturday hosted/VBN
// Hashimoto", "tanks shelled/JJ positions"), and the parse then hangs
// the whole sentence on a noun. The first "-ed" word the verb dictionary
// knows, not right after an auxiliary, becomes a past tense.
func (c *Coder) finiteVerb(text string, toks []doc.Token) {
	for _, t := range toks {
		switch t.Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.Tag != "VBN" && t.Tag != "JJ" || i == 0 {
			continue
		}
		w := strings.ToLower(t.Span.In(text))
		if !strings.HasSuffix(w, "ed") || c.events.Dict().Lookup(w, false) == nil || lexicon.IsAux(toks[i-1].Span.In(text)) {
			continue
		}
		t.Tag = "VBD"
		return
	}
}

// dateOf is the article's calendar day for dated roles, 0 when unknown.
func dateOf(t time.Time) actor.Date {
	if t.IsZero() {
		return 0
	}
	return actor.DateOf(t.Year(), int(t.Month()), t.Day())
}
