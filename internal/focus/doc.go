// Package focus decides which country an article is about.
//
// Two stages need that country: the actor coder gives it to sector nouns
// that name no country ("rebel factions", "the police"), and the place
// resolver puts an event there when its sentence names no place. Both
// call Country here, so they agree on the rule; each stage only says
// which names it saw (the actor coder knows country and capital names,
// the resolver every place it resolved).
//
// The rule: a name after a locative ("in Syria", "near Aleppo") says
// where the story is and weighs most, a country more than a city in it
// (talks "in Moscow" about the war "in Syria" are about Syria); a city or
// division named otherwise still counts for its country; a country named
// as a party ("Russia condemned …", "Moscow said") counts least. A
// country named only as a party is the article's subject but no place
// for its events, and Country says so. Locative tells whether a name
// follows a locative, with the word list of internal/lexicon.
package focus
