package actor

import "github.com/dyad-events/dyad/internal/lexicon"

// wordFlag marks what a word is to the rules: a title, a given name, a
// pronoun. Words live in the matcher's vocabulary, so each token is looked
// up once and every rule reads its flags.
type wordFlag uint32

const (
	fNotName    wordFlag = 1 << iota // capitalised but never a name: weekdays, months, determiners
	fTitle                           // a title before a person's name
	fTitleM                          // ... of a man
	fTitleF                          // ... of a woman
	fGiven                           // a personal given name
	fOrgHead                         // last word of an organisation's name
	fLocHead                         // last word of a place's name
	fJoiner                          // may sit inside a name: "Bank of England"
	fLocative                        // "in Syria": the country is where things happen
	fPlacePrep                       // "in Moscow": the capital is a place, not an actor
	fSpeech                          // a speech verb
	fPossessive                      // 's
	fFormer                          // "former"
	fHe                              // he, him, his, himself
	fShe                             // she, her, hers, herself
	fThey                            // they, them, their
	fIts                             // its
	fForce                           // a head an "X-led" modifier makes military
	fAnd
	fThe
	fOfTo
	fPair
	fCountryNoun // "the war-torn country"
	fOpener      // an opening quote, bracket, colon or dash: a capital after it may start a sentence
	fStarts      // the first word of some dictionary phrase
)

var ruleWords = []struct {
	flag  wordFlag
	words []string
}{
	// Day and month names are capitalised but never an actor's name.
	{fNotName, lexicon.Words(lexicon.Weekday | lexicon.Month)},
	{fNotName, []string{
		"mr", "mrs", "ms", "dr", "sir", "i", "god", "the", "a", "an", "this", "that", "these",
		"those", "he", "she", "it", "they", "we", "you", "his", "her", "its", "their", "our",
	}},
	{fTitle | fTitleM, []string{
		"mr", "mr.", "sir", "lord", "king", "prince", "sheikh", "emir", "ayatollah", "spokesman",
	}},
	{fTitle | fTitleF, []string{
		"mrs", "mrs.", "ms", "ms.", "miss", "lady", "queen", "princess", "spokeswoman",
	}},
	{fTitle, []string{
		"dr", "dr.", "gen.", "general", "col.", "colonel", "lt.", "maj.", "major", "capt.", "captain",
		"sgt.", "sen.", "rep.", "gov.", "prof.", "professor", "rev.", "president", "minister", "premier",
		"chancellor", "judge", "justice", "senator", "ambassador", "secretary", "envoy", "commander",
		"chief",
	}},
	{fOrgHead, []string{
		"party", "front", "army", "council", "ministry", "agency", "bank", "corp", "corp.", "corporation",
		"inc", "inc.", "ltd", "ltd.", "group", "association", "union", "committee", "commission",
		"university", "institute", "organisation", "organization", "foundation", "fund", "movement",
		"court", "times", "post", "news", "company", "airlines", "airways", "church", "police", "forces",
		"brigade", "brigades", "network", "observatory", "federation", "board", "authority", "office",
		"department", "assembly", "parliament", "senate", "club", "league", "society", "trust", "bureau",
		"service", "initiative", "alliance", "coalition", "industries", "holdings", "reserve", "exchange",
		"media", "press", "journal", "review", "television", "radio", "tv", "channel", "center", "centre",
		"school", "college", "academy", "hospital", "museum", "watch", "international", "guard", "guards",
		"cabinet", "congress", "tribunal", "group's", "motors", "telecom", "petroleum", "energy", "oil",
		"gas", "chamber", "secretariat", "mission", "programme", "program", "project", "institution",
		"partners", "capital",
	}},
	{fLocHead, []string{
		"city", "province", "region", "river", "mountains", "island", "islands", "valley", "street",
		"square", "sea", "ocean", "gulf", "lake", "county", "district", "peninsula", "strait", "border",
		"airport", "bay", "desert", "heights", "hills", "coast", "port", "camp", "governorate", "oblast",
		"state", "prefecture", "mount", "canal",
	}},
	{fJoiner, []string{"of", "for", "al", "bin", "ibn", "de", "la", "von", "van", "der", "du", "da", "to", "on", "el"}},
	{fLocative, lexicon.Locatives()},
	{fPlacePrep, []string{"in", "at", "near", "inside", "outside", "into", "across", "throughout", "from", "to", "towards",
		"toward", "around", "through", "via", "of", "between", "and", ","}},
	// Only the speech verb forms that are never nouns or parts of a name:
	// "Washington Post" or "Islamic State" must not make a person.
	{fSpeech, lexicon.Words(lexicon.PlainSpeech)},
	{fPossessive, []string{"'s", "'"}},
	{fFormer, []string{"former", "ex", "then", "erstwhile"}},
	{fHe, []string{"he", "him", "his", "himself"}},
	{fShe, []string{"she", "her", "hers", "herself"}},
	{fThey, []string{"they", "them", "their", "themselves"}},
	{fIts, []string{"its"}},
	{fForce, []string{"coalition", "alliance", "force", "forces", "mission", "troops", "operation", "campaign", "offensive",
		"intervention", "blockade", "bombing"}},
	{fAnd, []string{"and"}},
	{fThe, []string{"the"}},
	{fOfTo, []string{"of", "to"}},
	{fPair, []string{"pair"}},
	{fCountryNoun, []string{"country", "nation"}},
	{fOpener, []string{"“", "\"", "‘", "'", "(", "[", ":", "—", "–", "-", "--"}},
}

// NameWords are the rule words that tell what a name is, for the name
// recogniser's lexicons: the last words of organisations' names
// ("Ministry", "Front") and of places' ("Province"), and titles before a
// person's name ("Minister", "Mr").
func NameWords() (orgHeads, locHeads, titles []string) {
	for _, l := range ruleWords {
		switch {
		case l.flag == fOrgHead:
			orgHeads = append(orgHeads, l.words...)
		case l.flag == fLocHead:
			locHeads = append(locHeads, l.words...)
		case l.flag&fTitle != 0:
			titles = append(titles, l.words...)
		}
	}
	return orgHeads, locHeads, titles
}

// addLexicon puts the rule words and given names into m's vocabulary.
func (m *Matcher) addLexicon(given []string) {
	for _, l := range ruleWords {
		for _, w := range l.words {
			m.flagWord(w, l.flag)
		}
	}
	for _, g := range given {
		m.flagWord(g, fGiven)
	}
}

func (m *Matcher) flagWord(w string, f wordFlag) {
	k := normalise(w)
	if k == "" {
		k = w // "." stays itself
	}
	id, ok := m.vocab[k]
	if !ok {
		id = int32(len(m.vocab))
		m.vocab[k] = id
	}
	for int(id) >= len(m.flags) {
		m.flags = append(m.flags, 0)
	}
	m.flags[id] |= f
}

// tagClass is a token's part of speech as the rules need it.
type tagClass uint8

const (
	tOther tagClass = iota
	tNNP            // proper noun
	tNoun           // common noun, adjective, number: inside a noun phrase
	tDet            // determiner or possessive pronoun: opens a noun phrase
	tPOS            // possessive ending
	tVerb           // finite verb or modal: follows a subject
	tPart           // participle or other verb form
	tPRP            // personal pronoun
	tPRPS           // possessive pronoun
)

// classOf groups a Penn tag. It runs for every token, so it switches on
// the tag's bytes as integers rather than comparing strings.
func classOf(tag string) tagClass {
	switch len(tag) {
	case 2:
		switch uint16(tag[0])<<8 | uint16(tag[1]) {
		case 'N'<<8 | 'N', 'J'<<8 | 'J', 'C'<<8 | 'D', 'F'<<8 | 'W':
			return tNoun
		case 'D'<<8 | 'T':
			return tDet
		case 'M'<<8 | 'D':
			return tVerb
		case 'V'<<8 | 'B':
			return tPart
		}
	case 3:
		switch uint32(tag[0])<<16 | uint32(tag[1])<<8 | uint32(tag[2]) {
		case 'N'<<16 | 'N'<<8 | 'P':
			return tNNP
		case 'N'<<16 | 'N'<<8 | 'S', 'J'<<16 | 'J'<<8 | 'R', 'J'<<16 | 'J'<<8 | 'S':
			return tNoun
		case 'P'<<16 | 'O'<<8 | 'S':
			return tPOS
		case 'P'<<16 | 'R'<<8 | 'P':
			return tPRP
		case 'V'<<16 | 'B'<<8 | 'D', 'V'<<16 | 'B'<<8 | 'Z', 'V'<<16 | 'B'<<8 | 'P':
			return tVerb
		case 'V'<<16 | 'B'<<8 | 'N', 'V'<<16 | 'B'<<8 | 'G':
			return tPart
		}
	case 4:
		switch tag {
		case "NNPS":
			return tNNP
		case "PRP$":
			return tPRPS
		}
	}
	return tOther
}

// tokInfo is what the rules read of one token.
type tokInfo struct {
	flags  wordFlag
	class  tagClass
	cap    bool // starts with a capital letter
	upper  bool // capitals throughout, two letters or more
	hyphen bool
	cap2   bool // the part after the first hyphen starts with a capital ("al-Falih")
	nn     bool // tag NN exactly (common singular noun)
}
