package when

import (
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// kind is what a time expression says, before it is resolved.
type kind uint8

const (
	kWeekday kind = iota + 1 // n: time.Weekday
	kDays                    // n days from the article date: today 0, yesterday -1
	kWeeks                   // n weeks from the article's week
	kMonths                  // n months from the article's month
	kYears                   // n years from the article's year
	kDate                    // year (0 when unsaid), month, day
	kMonth                   // year (0 when unsaid), month
	kYear                    // year
	kNumeric                 // m/d/y or d/m/y, the text does not say which
)

// Expr is a time expression found in a sentence, not yet resolved.
type Expr struct {
	Span doc.Span
	// Bound is true when the expression bounds a span of time rather than
	// naming when something happened: "since Friday", "by Monday".
	Bound bool
	k     kind
	n     int // weekday, or a count of units
	rel   int // for weekdays: -1 last, +1 next, 2 "this", 0 bare
	y     int // 0 when the text gives none
	m, d  int
}

var weekdays = map[string]int{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "jan.": 1, "feb": 2, "feb.": 2, "mar.": 3, "apr": 4, "apr.": 4, "jun.": 6, "jul.": 7,
	"aug": 8, "aug.": 8, "sep.": 9, "sept": 9, "sept.": 9, "oct": 10, "oct.": 10, "nov": 11, "nov.": 11, "dec": 12, "dec.": 12,
}

// A month name that is also a common word ("may", "march") counts only
// with a day or year beside it, or after one of these.
var monthLead = map[string]bool{"in": true, "of": true, "on": true, "since": true, "until": true, "early": true, "late": true, "mid": true, "mid-": true, "during": true, "last": true, "next": true, "this": true, "by": true, "from": true, "before": true, "after": true}

var numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0, "few": 0}

var partsOfDay = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true}

// bounders open a time expression that bounds rather than dates.
var bounders = map[string]bool{"since": true, "until": true, "till": true, "by": true, "before": true, "after": true, "from": true, "through": true, "between": true, "to": true, "ahead": true}

// Find returns the time expressions among a sentence's tokens, in order.
func Find(text string, toks []doc.Token) []Expr {
	w := make([]string, len(toks))
	for i, t := range toks {
		w[i] = strings.ToLower(t.Span.In(text))
	}
	upper := func(i int) bool {
		s := toks[i].Span.In(text)
		return s != "" && s[0] >= 'A' && s[0] <= 'Z'
	}
	word := func(i int) string {
		if i < 0 || i >= len(w) {
			return ""
		}
		return w[i]
	}
	var out []Expr
	for i := 0; i < len(toks); i++ {
		start, end := i, i+1 // token range of the expression
		var e Expr
		wd, isWeekday := weekdays[w[i]]
		switch {
		case isWeekday:
			if !upper(i) {
				continue
			}
			e.k, e.n = kWeekday, wd
			switch word(i - 1) {
			case "last", "past":
				e.rel, start = -1, i-1
			case "next", "coming":
				e.rel, start = 1, i-1
			case "this":
				e.rel, start = 2, i-1
			}
			if partsOfDay[word(end)] {
				end++
			}
		case w[i] == "today" || w[i] == "tonight":
			e.k = kDays
		case w[i] == "yesterday":
			e.k, e.n = kDays, -1
		case w[i] == "tomorrow":
			e.k, e.n = kDays, 1
		case (w[i] == "last" || w[i] == "this") && partsOfDay[word(i+1)]:
			e.k, end = kDays, i+2
			if w[i] == "last" {
				e.n = -1
			}
		case relUnit(word(i+1)) != 0 && (w[i] == "last" || w[i] == "past" || w[i] == "previous" || w[i] == "next" || w[i] == "coming" || w[i] == "this"):
			if word(i-1) == "the" && w[i] != "this" {
				continue // "over the last year" is a duration
			}
			e.k, end = relUnit(w[i+1]), i+2
			switch w[i] {
			case "last", "past", "previous":
				e.n = -1
			case "next", "coming":
				e.n = 1
			}
			if w[i] == "this" && (word(i-1) == "earlier" || word(i-1) == "later") {
				start = i - 1
			}
		case word(i+2) == "ago" && (relUnit(word(i+1)) != 0 || word(i+1) == "days" || word(i+1) == "day"):
			n, ok := numberWords[w[i]]
			if !ok {
				v, err := strconv.Atoi(w[i])
				if err != nil || v <= 0 || v > 100 {
					continue
				}
				n = v
			}
			if n == 0 {
				continue // "a few days ago": no count
			}
			e.k, end = kDays, i+3
			if u := relUnit(w[i+1]); u != 0 {
				e.k = u
			}
			e.n = -n
		case months[w[i]] > 0 && upper(i):
			e.m = months[w[i]]
			if d := dayOf(word(i + 1)); d > 0 { // "July 14", "July 14, 2016"
				e.k, e.d, end = kDate, d, i+2
				if word(end) == "," && yearOf(word(end+1)) > 0 {
					e.y, end = yearOf(word(end+1)), end+2
				} else if y := yearOf(word(end)); y > 0 {
					e.y, end = y, end+1
				}
			} else if d := dayOf(word(i - 1)); d > 0 { // "14 July 2016"
				e.k, e.d, start = kDate, d, i-1
				if y := yearOf(word(i + 1)); y > 0 {
					e.y, end = y, i+2
				}
			} else if y := yearOf(word(i + 1)); y > 0 { // "July 2016"
				e.k, e.y, end = kMonth, y, i+2
			} else if monthLead[word(i-1)] {
				e.k = kMonth
			} else {
				continue
			}
		case (w[i] == "in" || w[i] == "during") && yearOf(word(i+1)) > 0:
			e.k, e.y, start, end = kYear, yearOf(w[i+1]), i+1, i+2
		case (w[i] == "early" || w[i] == "late" || w[i] == "mid") && word(i-1) == "in" && yearOf(word(i+1)) > 0:
			e.k, e.y, end = kYear, yearOf(w[i+1]), i+2
		default:
			var ok bool
			if e, ok = numeric(w[i]); !ok {
				continue
			}
		}
		if word(end) == "'s" || word(end) == "’s" {
			end++
		}
		lead := start - 1
		for lead >= 0 && (w[lead] == "on" || w[lead] == "early" || w[lead] == "late" || w[lead] == "later" || w[lead] == "earlier" || w[lead] == "mid" || w[lead] == "the") {
			lead--
		}
		e.Bound = bounders[word(lead)]
		e.Span = doc.Span{Start: toks[start].Span.Start, End: toks[end-1].Span.End}
		out = append(out, e)
		i = end - 1
	}
	return out
}

// relUnit is the kind for a unit word: "week" → kWeeks.
func relUnit(s string) kind {
	switch s {
	case "week", "weeks":
		return kWeeks
	case "month", "months":
		return kMonths
	case "year", "years":
		return kYears
	}
	return 0
}

// dayOf reads a day of the month: "14", "14th", "1st"; 0 when not one.
func dayOf(s string) int {
	s = strings.TrimRight(s, ",")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 || len(s) > 2 {
		return 0
	}
	return d
}

// yearOf reads a four-digit year from 1900 to 2099; 0 when not one.
func yearOf(s string) int {
	if len(s) != 4 {
		return 0
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > 2099 {
		return 0
	}
	return y
}

// numeric reads a date written in digits: "2016-07-14", "14/07/2016",
// "14.07.2016", "7/14/16".
func numeric(s string) (Expr, bool) {
	sep := byte(0)
	for _, c := range []byte{'-', '/', '.'} {
		if strings.Count(s, string(c)) == 2 {
			sep = c
		}
	}
	if sep == 0 {
		return Expr{}, false
	}
	parts := strings.Split(s, string(sep))
	var v [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || p == "" || len(p) > 4 {
			return Expr{}, false
		}
		v[i] = n
	}
	if len(parts[0]) == 4 { // ISO order
		if sep == '.' {
			return Expr{}, false
		}
		return Expr{k: kDate, y: v[0], m: v[1], d: v[2]}, validDay(v[0], v[1], v[2])
	}
	if sep == '-' || len(parts[2]) == 3 || len(parts[2]) == 1 {
		return Expr{}, false // "3-2-1" is a score, not a date
	}
	y := v[2]
	if len(parts[2]) == 2 {
		y += 2000
	}
	if y < 1900 || y > 2099 {
		return Expr{}, false
	}
	dm, md := validDay(y, v[1], v[0]), validDay(y, v[0], v[1])
	switch {
	case dm && md && v[0] != v[1]:
		return Expr{k: kNumeric, y: y, m: v[0], d: v[1]}, true // either order
	case dm:
		return Expr{k: kDate, y: y, m: v[1], d: v[0]}, true
	case md:
		return Expr{k: kDate, y: y, m: v[0], d: v[1]}, true
	}
	return Expr{}, false
}
