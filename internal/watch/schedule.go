package watch

import (
	"slices"
	"time"
)

// Due returns the indexes of the feeds whose NextPoll is at or before now,
// the longest-waiting first; feeds with equal NextPoll keep their order in
// states. A feed never polled (zero NextPoll) is always due.
func Due(states []FeedState, now time.Time) []int {
	var due []int
	for i := range states {
		if !states[i].NextPoll.After(now) {
			due = append(due, i)
		}
	}
	slices.SortStableFunc(due, func(a, b int) int {
		return states[a].NextPoll.Compare(states[b].NextPoll)
	})
	return due
}

// NextWake returns the earliest NextPoll among states, the moment the
// caller's loop should next look at Due. A zero time means a feed is due
// right away, or that states is empty.
func NextWake(states []FeedState) time.Time {
	var earliest time.Time
	for i, st := range states {
		if i == 0 || st.NextPoll.Before(earliest) {
			earliest = st.NextPoll
		}
	}
	return earliest
}
