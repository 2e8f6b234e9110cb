// Package event codes CAMEO events from tagged sentences whose actors the
// actor stage has found: who did what to whom.
//
// It works as TABARI did, on a shallow analysis rather than a full parse:
// a trigger word (a verb, or a noun such as "talks") is looked up in a
// verb-pattern dictionary; the coder finds the trigger's clause, its
// subject (with coordination, "and"-joined verbs and passives) and its
// object or prepositional actors, and picks the dictionary's most specific
// pattern around the trigger. The words before the verb set negation
// ("is not coordinating", "declined to meet") and modality ("would",
// "is due to"), which flag the event and never change its code. A speech
// verb's subject reports the other events of its sentence; its own 010
// event stands only when the sentence has nothing better.
//
// Dictionaries come in dyad's format (data/verbs/FORMAT.md, embedded) or
// PETRARCH2's (CAMEO.2.0.txt); both read into the same Dict.
package event
