package event

import (
	"slices"

	"github.com/dyad-events/dyad/internal/doc"
)

// Attribute sets each event's reported_by from the quote that holds its
// trigger: the quote stage is the one place that finds who said what
// ("X said that ...", "..., X added", "according to X", direct quotes),
// so events and quotes never disagree about a speaker. The innermost
// quote wins; a speaker with no actor code reports nothing. The events
// come back as a new slice, the input untouched.
func Attribute(events []doc.Event, quotes []doc.Quote) []doc.Event {
	events = slices.Clone(events)
	for i := range events {
		ev := &events[i]
		var best *doc.Quote
		for k := range quotes {
			q := &quotes[k]
			if q.Speaker == nil || q.Speaker.Actor.Code == "" || ev.Trigger.Start < q.Span.Start || ev.Trigger.End > q.Span.End {
				continue
			}
			if best == nil || q.Span.Len() < best.Span.Len() {
				best = q
			}
		}
		if best != nil {
			a := best.Speaker.Actor
			ev.ReportedBy = &a
		}
	}
	return events
}
