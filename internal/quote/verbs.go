package quote

// How a speech verb may be used. Every verb in the list can attribute a
// direct quote unless it is marked indirectOnly.
const (
	// bare: the verb takes reported content straight after it ("X said
	// the talks failed", "X denied the report").
	bare uint8 = 1 << iota
	// that: the verb reports content only through "that", "whether" or
	// "if" ("X added that ..."); bare use is too often not speech.
	that
	// object: the verb names its hearer before the content ("X told
	// Reuters that ...", "X urged the government to ...").
	object
	// directOnly: the verb attributes direct quotes but never reports
	// indirect speech ("X continued", "X commented").
	directOnly
	// indirectOnly: the verb reports indirect speech but does not
	// attribute a direct quote on its own ("X expressed concern that").
	indirectOnly
)

// speechVerbs lists the speech verbs with every inflection, one verb a
// line: the forms, then a colon and the usage flags. It is plain data so
// that words can be added without touching the code.
var speechVerbs = []struct {
	forms string
	flags uint8
}{
	{"say says said saying", bare},
	{"tell tells told telling", bare | object},
	{"add adds added adding", that},
	{"note notes noted noting", that},
	{"state states stated stating", that},
	{"warn warns warned warning", bare | object},
	{"claim claims claimed claiming", bare},
	{"insist insists insisted insisting", bare},
	{"argue argues argued arguing", bare},
	{"explain explains explained explaining", that},
	{"announce announces announced announcing", bare},
	{"declare declares declared declaring", bare},
	{"deny denies denied denying", bare},
	{"stress stresses stressed stressing", bare},
	{"emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising", bare},
	{"urge urges urged urging", bare | object},
	{"ask asks asked asking", that | object},
	{"reply replies replied replying", that},
	{"respond responds responded responding", that},
	{"retort retorts retorted retorting", that},
	{"counter counters countered countering", that},
	{"write writes wrote written writing", that},
	{"tweet tweets tweeted tweeting", that},
	{"post posts posted posting", that},
	{"acknowledge acknowledges acknowledged acknowledging", that},
	{"admit admits admitted admitting", bare},
	{"concede concedes conceded conceding", that},
	{"suggest suggests suggested suggesting", that},
	{"comment comments commented commenting", directOnly},
	{"remark remarks remarked remarking", that},
	{"continue continues continued continuing", directOnly},
	{"conclude concludes concluded concluding", that},
	{"allege alleges alleged alleging", bare},
	{"assert asserts asserted asserting", bare},
	{"affirm affirms affirmed affirming", that},
	{"confirm confirms confirmed confirming", that},
	{"reiterate reiterates reiterated reiterating", bare},
	{"maintain maintains maintained maintaining", that},
	{"recall recalls recalled recalling", that},
	{"observe observes observed observing", that},
	{"complain complains complained complaining", that},
	{"agree agrees agreed agreeing", that},
	{"promise promises promised promising", bare | object},
	{"pledge pledges pledged pledging", bare},
	{"vow vows vowed vowing", bare},
	{"predict predicts predicted predicting", that},
	{"caution cautions cautioned cautioning", bare | object},
	{"assure assures assured assuring", bare | object},
	{"inform informs informed informing", that | object},
	{"remind reminds reminded reminding", that | object},
	{"report reports reported reporting", that | indirectOnly},
	{"mention mentions mentioned mentioning", that},
	{"indicate indicates indicated indicating", that},
	{"express expresses expressed expressing", bare | indirectOnly},
	{"boast boasts boasted boasting", that},
	{"joke jokes joked joking", that},
	{"quip quips quipped quipping", directOnly},
	{"shout shouts shouted shouting", directOnly},
	{"exclaim exclaims exclaimed exclaiming", directOnly},
	{"whisper whispers whispered whispering", directOnly},
	{"recount recounts recounted recounting", directOnly},
}

// aux are words that may stand between a subject and its speech verb
// ("he has also said", "she would later insist").
var auxWords = []string{
	"has", "have", "had", "is", "was", "were", "are", "been", "be", "being",
	"will", "would", "shall", "should", "can", "could", "may", "might", "must",
	"do", "does", "did", "not", "n't", "also", "later", "then", "once",
	"previously", "earlier", "again", "repeatedly", "reportedly", "just",
	"already", "further", "publicly", "separately", "however", "recently",
}

// beWords mark a passive speech verb ("it was announced"), which names no
// speaker.
var beWords = []string{"is", "was", "were", "are", "been", "be", "being", "'s", "’s"}

// framing words before a short quoted fragment mark a name or a scare
// quote, not speech ("the so-called “peace plan”").
var framingWords = []string{"so-called", "dubbed", "called", "termed", "named", "titled", "entitled", "as", "word", "phrase", "term", "label", "slogan", "known"}

// prepositions before a mention put it in a modifier ("a spokesman for the
// ministry"), not in the subject's head.
var prepWords = []string{"of", "for", "from", "with", "at", "in", "to", "on", "by", "near", "under"}
