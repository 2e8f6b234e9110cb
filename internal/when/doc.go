// Package when dates events. It finds time expressions in a sentence
// ("on Friday", "Thursday's meeting", "yesterday", "last week", "July 14",
// "14/07/2016", "in 2015") and resolves them against the article's date,
// using the event's tense: "met on Friday" is the Friday before the
// article, "will meet on Friday" the Friday after.
//
// A date that is known only to the week, month or year is given as its
// first day (Monday, the 1st, January 1st) with a precision that says so.
// An event whose sentence names no time keeps the article date with
// precision "article".
package when
