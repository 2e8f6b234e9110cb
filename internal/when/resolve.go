package when

import (
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// Direction is where an event lies from the article date, from its tense.
type Direction int8

const (
	Nearest Direction = iota // tense unknown: the nearer reading, leaning to the past
	Past                     // "met on Friday": on or before the article date
	Future                   // "will meet on Friday": on or after it
)

// Resolve gives the day an expression names, read from the article date
// pub in direction dir, and how precisely it is known. ok is false when
// the expression names no real day ("February 30").
func (e Expr) Resolve(pub time.Time, dir Direction) (day time.Time, prec doc.DatePrecision, ok bool) {
	pub = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	switch e.k {
	case kWeekday:
		back := (int(pub.Weekday()) - e.n + 7) % 7
		fwd := (e.n - int(pub.Weekday()) + 7) % 7
		switch {
		case e.rel == -1:
			if back == 0 {
				back = 7
			}
			return pub.AddDate(0, 0, -back), doc.PrecisionDay, true
		case e.rel == 1:
			if fwd == 0 {
				fwd = 7
			}
			return pub.AddDate(0, 0, fwd), doc.PrecisionDay, true
		case e.rel == 2 && dir == Nearest:
			dir = Future // "this Friday" is the coming one
		}
		return pick(pub, pub.AddDate(0, 0, -back), pub.AddDate(0, 0, fwd), dir), doc.PrecisionDay, true
	case kDays:
		return pub.AddDate(0, 0, e.n), doc.PrecisionDay, true
	case kWeeks:
		d := pub.AddDate(0, 0, 7*e.n)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)), doc.PrecisionWeek, true
	case kMonths:
		return time.Date(pub.Year(), pub.Month()+time.Month(e.n), 1, 0, 0, 0, 0, time.UTC), doc.PrecisionMonth, true
	case kYears:
		return time.Date(pub.Year()+e.n, 1, 1, 0, 0, 0, 0, time.UTC), doc.PrecisionYear, true
	case kYear:
		return time.Date(e.y, 1, 1, 0, 0, 0, 0, time.UTC), doc.PrecisionYear, true
	case kMonth:
		if e.y != 0 {
			return time.Date(e.y, time.Month(e.m), 1, 0, 0, 0, 0, time.UTC), doc.PrecisionMonth, true
		}
		this := time.Date(pub.Year(), time.Month(e.m), 1, 0, 0, 0, 0, time.UTC)
		before, after := this, this
		if this.After(pub) {
			before = this.AddDate(-1, 0, 0)
		} else if this.Month() != pub.Month() {
			after = this.AddDate(1, 0, 0)
		}
		return pick(pub, before, after, dir), doc.PrecisionMonth, true
	case kDate:
		if e.y != 0 {
			return time.Date(e.y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC), doc.PrecisionDay, validDay(e.y, e.m, e.d)
		}
		return yearless(pub, e.m, e.d, dir)
	case kNumeric:
		dm := time.Date(e.y, time.Month(e.d), e.m, 0, 0, 0, 0, time.UTC)
		md := time.Date(e.y, time.Month(e.m), e.d, 0, 0, 0, 0, time.UTC)
		if distance(pub, md) < distance(pub, dm) {
			return md, doc.PrecisionDay, true
		}
		return dm, doc.PrecisionDay, true
	}
	return time.Time{}, doc.PrecisionArticle, false
}

// yearless places a day and month with no year in the year that suits
// the direction: "on March 3" in a January article is last March when
// past, this March when future.
func yearless(pub time.Time, m, d int, dir Direction) (time.Time, doc.DatePrecision, bool) {
	var cand []time.Time
	for _, y := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
		if validDay(y, m, d) {
			cand = append(cand, time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
		}
	}
	if len(cand) == 0 {
		return time.Time{}, doc.PrecisionArticle, false
	}
	var before, after time.Time
	for _, c := range cand {
		if !c.After(pub) {
			before = c
		}
		if !c.Before(pub) && after.IsZero() {
			after = c
		}
	}
	switch {
	case before.IsZero():
		return after, doc.PrecisionDay, true
	case after.IsZero():
		return before, doc.PrecisionDay, true
	}
	return pick(pub, before, after, dir), doc.PrecisionDay, true
}

// pick chooses between the readings on or before and on or after pub.
func pick(pub, before, after time.Time, dir Direction) time.Time {
	switch dir {
	case Past:
		return before
	case Future:
		return after
	}
	// News reports more of what happened than of what will: the past
	// reading wins unless the future one is more than a day nearer.
	if distance(pub, after)+24*time.Hour < distance(pub, before) {
		return after
	}
	return before
}

func distance(a, b time.Time) time.Duration {
	if d := a.Sub(b); d >= 0 {
		return d
	}
	return b.Sub(a)
}

// validDay reports whether y-m-d is a real calendar day.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}
