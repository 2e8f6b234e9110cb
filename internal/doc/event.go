package doc

// Actor is a coded participant: CAMEO code such as RUSGOV or USAGOV, with
// the name it was found under and its country and sector parts.
type Actor struct {
	Code    string
	Name    string
	Country string // ISO3 / CAMEO country, "" when none
	Sector  string // CAMEO sector such as GOV, MIL; "" when none
	Role    string // free text, e.g. "former ambassador"
}

// Via says how a mention was recognised.
type Via uint8

const (
	ViaDict Via = iota
	ViaAlias
	ViaCoref
	ViaNER
)

var viaNames = [...]string{"dict", "alias", "coref", "ner"}

func (v Via) String() string {
	if int(v) < len(viaNames) {
		return viaNames[v]
	}
	return "unknown"
}

// EntityType is the named-entity class of a mention, as NER gold sets
// count them. Sector nouns ("forces") and adjectives ("Russian") are
// EntityNone: they code actors without naming one.
type EntityType uint8

const (
	EntityNone EntityType = iota
	EntityPER
	EntityORG
	EntityLOC
	EntityMISC
)

var entityNames = [...]string{"", "PER", "ORG", "LOC", "MISC"}

func (e EntityType) String() string {
	if int(e) < len(entityNames) {
		return entityNames[e]
	}
	return "unknown"
}

// Mention is a stretch of text that refers to an actor. Span covers the
// whole coded phrase ("US State Secretary John Kerry"); Head is its named
// part ("John Kerry"), empty when the phrase names no one ("Russian forces").
type Mention struct {
	Span  Span
	Head  Span
	Actor Actor
	Type  EntityType
	Via   Via
	// Sentence is the index of the sentence the mention is in.
	Sentence int
	// Entity groups mentions of the same referent within one article
	// (coreference chains), numbered from 1; 0 when the mention stands
	// alone.
	Entity int
}

// QuadClass is CAMEO's four-way grouping of event codes.
type QuadClass uint8

const (
	QuadNone QuadClass = iota
	VerbalCooperation
	MaterialCooperation
	VerbalConflict
	MaterialConflict
)

var quadNames = [...]string{"none", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}

func (q QuadClass) String() string {
	if int(q) < len(quadNames) {
		return quadNames[q]
	}
	return "unknown"
}

// DatePrecision says how exactly an event's date is known.
type DatePrecision uint8

const (
	PrecisionArticle DatePrecision = iota // fell back to the article date
	PrecisionDay
	PrecisionMonth
	PrecisionYear
	PrecisionWeek // the date is the Monday of the week meant
)

var precisionNames = [...]string{"article", "day", "month", "year", "week"}

func (p DatePrecision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return "unknown"
}

// Place is a resolved location.
type Place struct {
	Span      Span // where the text names it; empty when inferred
	Name      string
	Feature   string // "country", "admin1" or "city"
	Country   string // ISO 3166-1 alpha-3
	Admin1    string // first-level division's name, "" when none
	Lat, Lon  float64
	GeonameID int64 // 0 when unknown
}

// Event is one coded CAMEO event with its evidence.
type Event struct {
	Source, Target *Actor
	Code           string // CAMEO code, e.g. "043"
	Root           string // first two digits, e.g. "04"
	Name           string
	QuadClass      QuadClass
	Goldstein      float32
	PLOVER         string // PLOVER event type such as "CONSULT"; "" when none fits
	PLOVERMode     string // PLOVER mode such as "visit"; "" when none
	Negated        bool
	Hypothetical   bool
	ReportedBy     *Actor
	Date           string // YYYY-MM-DD, "" when unknown
	DatePrecision  DatePrecision
	DateSpan       Span // the time expression the date comes from; empty when none
	Place          *Place
	Sentence       int
	// Trigger is the word or phrase that names the act ("met", "air
	// strikes on"); Evidence holds it too, with the actors' spans.
	Trigger    Span
	Evidence   []Span
	Rule       string
	Confidence float32
}

// Quote is direct or indirect speech with its speaker when known.
type Quote struct {
	Span     Span // the quoted words, without quote marks
	Direct   bool
	Sentence int // index of the sentence the quote starts in
	// Speaker is the mention naming the speaker at the attribution ("he"
	// in "he added", with the actor coreference gave it); nil when unknown.
	Speaker *Mention
	Verb    *Span // the speech verb ("said", "according to"), nil when none
}
