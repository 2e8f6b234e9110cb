package when

import (
	"slices"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// DateEvents sets each event's date from the time expression of its
// sentence nearest its trigger, read in the event's tense; an event whose
// sentence names no time gets the article date with precision "article".
// The events come back as a new slice, the input untouched; nothing is
// dated when the article date is unknown.
func DateEvents(text string, sents []doc.Sentence, events []doc.Event, pub time.Time) []doc.Event {
	events = slices.Clone(events)
	if pub.IsZero() {
		return events
	}
	article := pub.Format(time.DateOnly)
	cached, exprs := -1, []Expr(nil)
	for i := range events {
		ev := &events[i]
		ev.Date, ev.DatePrecision, ev.DateSpan = article, doc.PrecisionArticle, doc.Span{}
		if ev.Sentence < 0 || ev.Sentence >= len(sents) || ev.Trigger.Len() == 0 {
			continue
		}
		toks := sents[ev.Sentence].Tokens
		if cached != ev.Sentence {
			cached, exprs = ev.Sentence, Find(text, toks)
		}
		trigger := ev.Trigger
		best, clause := -1, relative(text, toks, trigger)
		for k, e := range exprs {
			if e.Bound || relative(text, toks, e.Span) != clause {
				continue
			}
			if best < 0 || e.Span.Gap(trigger) < exprs[best].Span.Gap(trigger) {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		dir := tense(text, toks, trigger, ev.Hypothetical)
		if day, prec, ok := exprs[best].Resolve(pub, dir); ok {
			ev.Date, ev.DatePrecision, ev.DateSpan = day.Format(time.DateOnly), prec, exprs[best].Span
		}
	}
	return events
}

// relative is the start of the relative clause a span is in (", which
// broke off in 2016,"), -1 when none: a time there dates that clause, not
// the event around it.
func relative(text string, toks []doc.Token, sp doc.Span) int {
	open := -1
	for i, t := range toks {
		if t.Span.Start >= sp.Start {
			break
		}
		switch w := t.Span.In(text); {
		case w == "," && i+1 < len(toks) && isRelativeWord(strings.ToLower(toks[i+1].Span.In(text))):
			open = i
		case w == "," || w == ";":
			open = -1
		}
	}
	return open
}

func isRelativeWord(w string) bool {
	switch w {
	case "which", "who", "whom", "whose", "where", "when":
		return true
	}
	return false
}

// tense reads an event's direction from its trigger: intent and modality
// ("will meet", "was due to meet") look ahead, a past-tense verb looks
// back, anything else takes the nearer reading.
func tense(text string, toks []doc.Token, trigger doc.Span, hypothetical bool) Direction {
	if hypothetical {
		return Future
	}
	at := -1
	for i, t := range toks {
		if t.Span.Start >= trigger.Start {
			at = i
			break
		}
	}
	if at < 0 {
		return Nearest
	}
	// the auxiliaries before the trigger: "will" anywhere in them wins
	// ("will have a meeting"), then "has", "was"
	past := false
	for i := at - 1; i >= 0 && i >= at-3; i-- {
		switch strings.ToLower(toks[i].Span.In(text)) {
		case "will", "shall", "'ll", "to":
			return Future
		case "has", "have", "had", "was", "were", "did":
			past = true
		}
	}
	if past {
		return Past
	}
	switch toks[at].Tag {
	case "VBD", "VBN":
		return Past
	}
	return Nearest
}
