package when_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/text"
	"github.com/dyad-events/dyad/internal/when"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// dateOne tags sentence s, makes one event triggered by the word trigger
// and dates it.
func dateOne(t *testing.T, tg *text.Tagger, s, trigger string, hypothetical bool, pub time.Time) doc.Event {
	t.Helper()
	toks := text.Tokenize(s, nil)
	tg.Tag(s, toks)
	at := strings.Index(s, trigger)
	if at < 0 {
		t.Fatalf("%q not in %q", trigger, s)
	}
	tr := doc.Span{Start: int32(at), End: int32(at + len(trigger))}
	ev := doc.Event{Sentence: 0, Hypothetical: hypothetical, Trigger: tr, Evidence: []doc.Span{{}, tr}}
	events := when.DateEvents(s, []doc.Sentence{{Span: doc.Span{End: int32(len(s))}, Tokens: toks}}, []doc.Event{ev}, pub)
	if ev.Date != "" {
		t.Fatalf("DateEvents changed its input: %+v", ev)
	}
	return events[0]
}

func TestDateEvents(t *testing.T) {
	tg, err := text.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	thu := day("2016-07-14") // a Thursday
	tests := []struct {
		pub          time.Time
		s, trigger   string
		hypothetical bool
		date, prec   string
		span         string // the time expression used, "" for none
	}{
		// weekdays read by tense
		{thu, "Lavrov met Kerry on Friday.", "met", false, "2016-07-08", "day", "Friday"},
		{thu, "Lavrov will meet Kerry on Friday.", "meet", false, "2016-07-15", "day", "Friday"},
		{thu, "Lavrov was to hold talks with Kerry on Friday.", "hold", true, "2016-07-15", "day", "Friday"},
		{thu, "Lavrov meets Kerry on Friday.", "meets", false, "2016-07-15", "day", "Friday"},
		{thu, "The pair met on Thursday.", "met", false, "2016-07-14", "day", "Thursday"},
		{thu, "Thursday's meeting in Moscow ended without a deal.", "meeting", false, "2016-07-14", "day", "Thursday's"},
		{thu, "Kerry arrived in Moscow late Thursday.", "arrived", false, "2016-07-14", "day", "Thursday"},
		{thu, "Kerry arrived last Thursday.", "arrived", false, "2016-07-07", "day", "last Thursday"},
		{thu, "Kerry will return next Thursday.", "return", false, "2016-07-21", "day", "next Thursday"},
		{thu, "Rebels attacked the town on Sunday night.", "attacked", false, "2016-07-10", "day", "Sunday night"},
		{thu, "Kerry will have a meeting with Lavrov on Friday.", "meeting", false, "2016-07-15", "day", "Friday"},
		{thu, "Kerry had a meeting with Lavrov on Friday.", "meeting", false, "2016-07-08", "day", "Friday"},
		{thu, "The envoy lands in Ankara later Thursday and is to hold talks with Erdogan, with a meeting with the minister set for Friday.", "hold", true, "2016-07-14", "day", "Thursday"},
		{thu, "The envoy lands in Ankara later Thursday and is to hold talks with Erdogan, with a meeting with the minister set for Friday.", "meeting", true, "2016-07-15", "day", "Friday"},
		{thu, "Talks resume this Monday.", "resume", false, "2016-07-18", "day", "this Monday"},
		// relative days, weeks, months, years
		{thu, "Troops shelled the city yesterday.", "shelled", false, "2016-07-13", "day", "yesterday"},
		{thu, "The envoy arrives tomorrow.", "arrives", false, "2016-07-15", "day", "tomorrow"},
		{thu, "Police arrested him last night.", "arrested", false, "2016-07-13", "day", "last night"},
		{thu, "Ministers met two days ago.", "met", false, "2016-07-12", "day", "two days ago"},
		{thu, "The sides met last week.", "met", false, "2016-07-04", "week", "last week"},
		{thu, "The sides met earlier this week.", "met", false, "2016-07-11", "week", "earlier this week"},
		{thu, "Elections will be held next month.", "held", true, "2016-08-01", "month", "next month"},
		{thu, "Both leaders signed the accord last year.", "signed", false, "2015-01-01", "year", "last year"},
		{thu, "The treaty was signed three years ago.", "signed", false, "2013-01-01", "year", "three years ago"},
		// explicit dates
		{thu, "The accord was signed on July 4.", "signed", false, "2016-07-04", "day", "July 4"},
		{thu, "The accord was signed on 4 July 2015.", "signed", false, "2015-07-04", "day", "4 July 2015"},
		{thu, "The accord was signed on July 4th, 2014.", "signed", false, "2014-07-04", "day", "July 4th, 2014"},
		{thu, "The vote took place on 14/07/2016.", "took", false, "2016-07-14", "day", "14/07/2016"},
		{thu, "The vote took place on 07/13/2016.", "took", false, "2016-07-13", "day", "07/13/2016"},
		{thu, "The vote took place on 2016-07-12.", "took", false, "2016-07-12", "day", "2016-07-12"},
		{thu, "The vote took place on 03/04/2016.", "took", false, "2016-04-03", "day", "03/04/2016"}, // the reading nearer the article
		{thu, "Protesters gathered in March.", "gathered", false, "2016-03-01", "month", "March"},
		{thu, "Both sides will meet in March.", "meet", false, "2017-03-01", "month", "March"},
		{thu, "The army seized the port in May 2015.", "seized", false, "2015-05-01", "month", "May 2015"},
		{thu, "The army seized the port in 2014.", "seized", false, "2014-01-01", "year", "2014"},
		{thu, "The talks, which broke off in 2014, resumed.", "resumed", false, "2016-07-14", "article", ""},
		{thu, "The conflict, which began in April 2014, has killed thousands.", "killed", false, "2016-07-14", "article", ""},
		{thu, "Leaders meet in Brussels, which hosted the summit in 2014.", "meet", false, "2016-07-14", "article", ""},
		{thu, "Shells hit the market on Sunday.", "hit", false, "2016-07-10", "day", "Sunday"}, // the past leads by a day
		{thu, "Leaders gather on Saturday.", "gather", false, "2016-07-16", "day", "Saturday"},
		// year boundaries
		{day("2017-01-02"), "Officials met last Friday.", "met", false, "2016-12-30", "day", "last Friday"},
		{day("2017-01-02"), "Officials met on Saturday.", "met", false, "2016-12-31", "day", "Saturday"},
		{day("2017-01-02"), "Officials met on December 30.", "met", false, "2016-12-30", "day", "December 30"},
		{day("2016-12-30"), "Officials will meet on January 3.", "meet", false, "2017-01-03", "day", "January 3"},
		{day("2016-12-30"), "Officials will meet next month.", "meet", false, "2017-01-01", "month", "next month"},
		{day("2016-12-30"), "Officials will meet on Monday.", "meet", false, "2017-01-02", "day", "Monday"},
		{day("2017-03-01"), "The blast happened on February 29.", "happened", false, "2016-02-29", "day", "February 29"},
		// no usable time: the article date
		{thu, "Fighting has continued since Friday.", "continued", false, "2016-07-14", "article", ""},
		{thu, "The deal must be signed by Monday.", "signed", false, "2016-07-14", "article", ""},
		{thu, "The talks collapsed on February 30.", "collapsed", false, "2016-07-14", "article", ""},
		{thu, "Theresa May met Kerry.", "met", false, "2016-07-14", "article", ""},
		{thu, "Lavrov met Kerry.", "met", false, "2016-07-14", "article", ""},
		{thu, "The friday prayers were calm.", "were", false, "2016-07-14", "article", ""},
	}
	for _, tt := range tests {
		ev := dateOne(t, tg, tt.s, tt.trigger, tt.hypothetical, tt.pub)
		span := ev.DateSpan.In(tt.s)
		if ev.Date != tt.date || ev.DatePrecision.String() != tt.prec || span != tt.span {
			t.Errorf("%s %q: got %s (%s) from %q, want %s (%s) from %q", tt.pub.Format(time.DateOnly), tt.s, ev.Date, ev.DatePrecision, span, tt.date, tt.prec, tt.span)
		}
	}
}

func TestDateEventsNoArticleDate(t *testing.T) {
	events := []doc.Event{{Trigger: doc.Span{Start: 0, End: 3}, Evidence: []doc.Span{{}, {Start: 0, End: 3}}}}
	events = when.DateEvents("met on Friday", []doc.Sentence{{}}, events, time.Time{})
	if events[0].Date != "" {
		t.Errorf("dated %q without an article date", events[0].Date)
	}
}

// FuzzFind: any text gives expressions inside it, and resolving them
// never panics.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"met on Friday", "14/07/2016 2016-07-14 3/4/16", "July 14th, 2016 in May 2015", "two days ago last week", "9999-99-99 1/1/1 0.0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := text.Tokenize(s, nil)
		for _, e := range when.Find(s, toks) {
			if e.Span.Start < 0 || e.Span.End > int32(len(s)) || e.Span.Start > e.Span.End {
				t.Fatalf("span %v outside %d bytes", e.Span, len(s))
			}
			for _, dir := range []when.Direction{when.Nearest, when.Past, when.Future} {
				e.Resolve(time.Date(2016, 7, 14, 0, 0, 0, 0, time.UTC), dir)
			}
		}
	})
}
