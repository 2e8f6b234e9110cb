package event

// Closed word classes the clause coder needs. They are small and fixed,
// so they are switches rather than tables.

// isAux is a form of be, have, do or get: verbs that carry tense, voice
// and negation for the verb after them.
func isAux(w string) bool {
	switch w {
	case "be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m",
		"have", "has", "had", "having", "'ve", "'d",
		"do", "does", "did", "get", "gets", "got", "gotten", "getting":
		return true
	}
	return false
}

// isBe is a form of be or get, which make a following participle passive.
func isBe(w string) bool {
	switch w {
	case "be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m",
		"get", "gets", "got", "gotten", "getting":
		return true
	}
	return false
}

// isNegation is a word that negates the verb it precedes.
func isNegation(w string) bool {
	switch w {
	case "not", "n't", "never", "no", "neither", "nor":
		return true
	}
	return false
}

// isModal is a modal or future auxiliary: the event is not (yet) a fact.
func isModal(w string) bool {
	switch w {
	case "will", "would", "could", "can", "may", "might", "should", "shall", "must", "'ll", "wo", "ca":
		return true
	}
	return false
}

// isRefusal governs an infinitive it denies: "declined to meet" is not a
// meeting.
func isRefusal(w string) bool {
	switch w {
	case "decline", "declines", "declined", "declining",
		"refuse", "refuses", "refused", "refusing",
		"reject", "rejects", "rejected", "rejecting",
		"deny", "denies", "denied", "denying",
		"fail", "fails", "failed", "failing",
		"ruled", "rules", "rule", "cease", "ceased", "stop", "stopped", "halt", "halted":
		return true
	}
	return false
}

// isIntent governs an infinitive that has not happened yet: "plans to
// visit", "is due to", "offered to mediate".
func isIntent(w string) bool {
	switch w {
	case "plan", "plans", "planned", "planning", "intend", "intends", "intended",
		"expect", "expects", "expected", "due", "about", "set", "going", "ready", "likely", "unlikely",
		"offer", "offers", "offered", "agree", "agrees", "agreed", "promise", "promises", "promised",
		"pledge", "pledges", "pledged", "vow", "vows", "vowed", "want", "wants", "wanted",
		"hope", "hopes", "hoped", "seek", "seeks", "sought", "try", "tries", "tried",
		"aim", "aims", "aimed", "prepare", "prepares", "prepared", "threaten", "threatens", "threatened",
		"able", "unable", "scheduled", "poised", "willing", "ask", "asked", "urged", "urge":
		return true
	}
	return false
}

// isSpeech is a verb form that reports speech; events in the rest of its
// sentence are reported by its subject.
func isSpeech(w string) bool {
	switch w {
	case "say", "says", "said", "saying", "tell", "tells", "told", "telling",
		"add", "adds", "added", "state", "states", "stated", "announce", "announces", "announced",
		"report", "reports", "reported", "claim", "claims", "claimed", "insist", "insists", "insisted",
		"note", "notes", "noted", "declare", "declares", "declared", "confirm", "confirms", "confirmed",
		"warn", "warns", "warned", "write", "wrote", "argue", "argued", "believe", "believes", "believed":
		return true
	}
	return false
}

// isSubordinator opens a clause of its own: the verb's arguments do not
// run past it.
func isSubordinator(w string) bool {
	switch w {
	case "after", "before", "when", "while", "because", "although", "though", "since",
		"until", "unless", "whereas", "if", "whether", "where", "who", "whom", "whose", "which",
		"amid", "despite", "so", "once":
		return true
	}
	return false
}

// isQuote is a quotation mark token.
func isQuote(w string) bool {
	switch w {
	case "\"", "``", "''", "“", "”", "‘", "’", "«", "»":
		return true
	}
	return false
}

// isNPTag says a Penn tag can sit inside a noun phrase.
func isNPTag(tag string) bool {
	switch tag {
	case "DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "POS", "CD", "HYPH", "FW", "VBN", "VBG", "NFP":
		return true
	}
	return false
}

// isVerbTag says a Penn tag is a verb.
func isVerbTag(tag string) bool { return len(tag) >= 2 && tag[0] == 'V' && tag[1] == 'B' }

// isNounTag says a Penn tag is a noun.
func isNounTag(tag string) bool { return len(tag) >= 2 && tag[0] == 'N' && tag[1] == 'N' }

// isTimeWord is a day or month name that a time phrase ("on Thursday",
// "in March") ends with.
func isTimeWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "week", "month", "year", "night", "morning", "evening":
		return true
	}
	return false
}
