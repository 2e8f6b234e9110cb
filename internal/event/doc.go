// Package event codes CAMEO events from parsed sentences whose actors the
// actor stage has found: who did what to whom.
//
// A trigger word (a verb, or a noun such as "talks") is looked up in a
// verb-pattern dictionary, and its arguments are read from the dependency
// parse: the source is the trigger's subject (a passive's "by" agent, the
// subject shared through "and", "to" and "-ing" clauses, the noun a
// relative clause modifies), the target its indirect object, object or an
// oblique, each resolved to the actor its noun phrase names, with
// coordination on either side. Nominal triggers take "by", "between",
// possessive and modifier actors, or a light verb's subject ("held
// talks"). The dictionary's most specific pattern over the trigger's
// clause picks the code.
//
// Clause chains then say what the act means (chain.go): "refused to
// meet" is a rejection, "will support" an intent, "urged Y to" an appeal
// to Y, "said Y must" a demand on Y; the event's rule records the step.
// Negation comes from words attached to the trigger. A speech verb's own
// statement (010) stands only when the sentence has nothing better; who
// reports an event (reported_by) is the speaker of the quote that holds
// its trigger, set by Attribute after the quote stage, so that events and
// quotes agree on speakers.
//
// Where the parse leaves a trigger without a subject or a target, the
// nearest actor before it in its clause, and the first after it up to the
// next clause mark, stand in: a greedy parser errs on long news
// sentences, and the surface is a fair second witness.
//
// Dictionaries come in dyad's format (data/verbs/FORMAT.md, embedded) or
// PETRARCH2's (CAMEO.2.0.txt); both read into the same Dict.
package event
