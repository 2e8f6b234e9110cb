package lexicon

import (
	"slices"
	"strings"
	"unicode"
)

// Class is a set of word classes.
type Class uint32

// The word classes. A word may be in several.
const (
	// Aux is a form of be, have or do: a verb that carries tense, voice
	// and negation for the verb after it.
	Aux Class = 1 << iota
	// Be is a form of be, which makes a following participle passive.
	Be
	// Get is a form of get, which can make a participle passive too ("got
	// arrested") but is no auxiliary to the quote finder.
	Get
	// Modal is a modal or future auxiliary: what follows is not (yet) a
	// fact.
	Modal
	// Negation negates the verb it goes with.
	Negation
	// MidAdverb is an adverb that stands between a subject and its verb
	// ("he has also said", "she later insisted").
	MidAdverb
	// The governing classes say what a verb or adjective does to the act
	// in its complement (see internal/event/chain.go). Refusal: "declined
	// to meet" is a rejection; Failure: "failed to reach agreement";
	// Denial: "denied attacking" negates; Intent: "plans to visit", "is
	// ready to send", "offered to mediate"; Appeal: "urged Y to";
	// Demand: "demanded that Y", "ordered Y to"; Threat: "threatened
	// to"; Accusation: "accused Y of attacking".
	Refusal
	Failure
	Denial
	Intent
	Appeal
	Demand
	Threat
	Accusation
	// Subordinator opens a clause of its own.
	Subordinator
	// Weekday and Month are day and month names; TimeUnit is a word a
	// time phrase ends with ("last week", "on Thursday morning").
	Weekday
	Month
	TimeUnit
	// Framing before a short quoted fragment marks a name or a scare
	// quote, not speech ("the so-called “peace plan”").
	Framing
	// Preposition is one that attaches a modifier inside a noun phrase
	// ("a spokesman for the ministry").
	Preposition
	// PlainSpeech is a speech verb form that is never a noun or part of a
	// name ("said", "told", "stressed"): a tagger that reads it as a noun
	// is wrong, and a capitalised word next to it is a speaker.
	PlainSpeech
)

// lists holds the classed words, lower case with ASCII apostrophes.
var lists = []struct {
	class Class
	words string
}{
	{Aux | Be, "be is are am was were been being 're 'm"},
	// "'s" is also the possessive ("Foster's said"), so it is no
	// auxiliary to skip over on the way to a subject.
	{Be, "'s"},
	{Aux, "have has had having 've 'd do does did"},
	{Get, "get gets got gotten getting"},
	{Modal, "will would shall should can could may might must 'll wo ca sha"},
	{Modal | Negation, "cannot"},
	{Negation, "not n't never no neither nor"},
	{MidAdverb, "also later then once previously earlier again repeatedly reportedly just already " +
		"further publicly separately however recently"},
	{Refusal, "refuse refuses refused refusing decline declines declined declining " +
		"reject rejects rejected rejecting unwilling reluctant"},
	{Failure, "fail fails failed failing"},
	{Denial, "deny denies denied denying rule rules ruled ruling cease ceased stop stopped halt halted"},
	{Intent, "plan plans planned planning intend intends intended intending want wants wanted wanting " +
		"hope hopes hoped hoping aim aims aimed aiming seek seeks seeking sought " +
		"promise promises promised promising pledge pledges pledged pledging vow vows vowed vowing " +
		"offer offers offered offering agree agrees agreed agreeing decide decides decided deciding " +
		"expect expects expected expecting prepare prepares prepared preparing " +
		"commit commits committed committing undertake undertakes undertaking undertook undertaken " +
		"propose proposes proposed proposing swear swears swearing swore sworn " +
		"resolve resolves resolved resolving volunteer volunteers volunteered volunteering " +
		"ready willing eager keen determined poised due going"},
	{Appeal, "urge urges urged urging ask asks asked asking call calls called calling " +
		"appeal appeals appealed appealing request requests requested requesting " +
		"press presses pressed pressing encourage encourages encouraged encouraging " +
		"invite invites invited inviting implore implores implored imploring beg begs begged begging " +
		"exhort exhorts exhorted exhorting"},
	{Demand, "demand demands demanded demanding order orders ordered ordering insist insists insisted insisting " +
		"require requires required requiring command commands commanded commanding " +
		"instruct instructs instructed instructing tell tells telling told"},
	{Threat, "threaten threatens threatened threatening warn warns warned warning"},
	{Accusation, "accuse accuses accused accusing blame blames blamed blaming charge charges charged charging"},
	{Subordinator, "after before when while because although though since until unless whereas " +
		"if whether where who whom whose which amid despite so once"},
	{Weekday, "monday tuesday wednesday thursday friday saturday sunday"},
	{Month, "january february march april may june july august september october november december"},
	{TimeUnit, "week month year night morning evening"},
	{Framing, "so-called dubbed called termed named titled entitled as word phrase term label slogan known"},
	{Preposition, "of for from with at in to on by near under"},
	{PlainSpeech, "said says told added stressed insisted warned noted argued stated wrote explained " +
		"asked replied declared announced"},
}

// Usage says how a speech verb may report speech. Every speech verb can
// attribute a direct quote unless it is IndirectOnly.
type Usage uint8

const (
	// Bare: the verb takes reported content straight after it ("X said
	// the talks failed", "X denied the report").
	Bare Usage = 1 << iota
	// That: the verb reports content only through "that", "whether" or
	// "if" ("X added that ..."); bare use is too often not speech.
	That
	// Object: the verb names its hearer before the content ("X told
	// Reuters that ...", "X urged the government to ...").
	Object
	// DirectOnly: the verb attributes direct quotes but never reports
	// indirect speech ("X continued", "X commented").
	DirectOnly
	// IndirectOnly: the verb reports indirect speech but does not
	// attribute a direct quote on its own ("X expressed concern that").
	IndirectOnly
	// Stance: the verb reports a view, not words ("X believes that ..."):
	// its subject is the source of what follows, but it attributes no
	// quote.
	Stance
	// Act: saying it is an act of its own, often with an infinitive ("X
	// promised to withdraw", "X urged Y to talk", "X expressed concern",
	// "X denied the claims"): the event coder codes it as that act, and
	// its subject reports nothing after it.
	Act
	// Loose: the verb often means no speech at all ("posted a letter",
	// "recalled the ambassador", "police responded"); the quote finder
	// takes it only before "that", and the event coder not as a report.
	Loose
)

// speechVerbs lists the speech verbs with every inflection, one verb a
// line, and how each may be used. It is plain data so that verbs can be
// added without touching the code.
var speechVerbs = []struct {
	forms string
	use   Usage
}{
	{"say says said saying", Bare},
	{"tell tells told telling", Bare | Object},
	{"add adds added adding", That},
	{"note notes noted noting", That},
	{"state states stated stating", That},
	{"warn warns warned warning", Bare | Object},
	{"claim claims claimed claiming", Bare},
	{"insist insists insisted insisting", Bare},
	{"argue argues argued arguing", Bare},
	{"explain explains explained explaining", That},
	{"announce announces announced announcing", Bare},
	{"declare declares declared declaring", Bare},
	{"deny denies denied denying", Bare | Act},
	{"stress stresses stressed stressing", Bare},
	{"emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising", Bare},
	{"urge urges urged urging", Bare | Object | Act},
	{"ask asks asked asking", That | Object | Act},
	{"reply replies replied replying", That},
	{"respond responds responded responding", That | Loose},
	{"retort retorts retorted retorting", That},
	{"counter counters countered countering", That | Loose},
	{"write writes wrote written writing", That},
	{"tweet tweets tweeted tweeting", That},
	{"post posts posted posting", That | Loose},
	{"acknowledge acknowledges acknowledged acknowledging", That},
	{"admit admits admitted admitting", Bare},
	{"concede concedes conceded conceding", That},
	{"suggest suggests suggested suggesting", That},
	{"comment comments commented commenting", DirectOnly},
	{"remark remarks remarked remarking", That},
	{"continue continues continued continuing", DirectOnly},
	{"conclude concludes concluded concluding", That | Loose},
	{"allege alleges alleged alleging", Bare},
	{"assert asserts asserted asserting", Bare},
	{"affirm affirms affirmed affirming", That},
	{"confirm confirms confirmed confirming", That},
	{"reiterate reiterates reiterated reiterating", Bare},
	{"maintain maintains maintained maintaining", That | Loose},
	{"recall recalls recalled recalling", That | Loose},
	{"observe observes observed observing", That | Loose},
	{"complain complains complained complaining", That | Act},
	{"agree agrees agreed agreeing", That | Act},
	{"promise promises promised promising", Bare | Object | Act},
	{"pledge pledges pledged pledging", Bare | Act},
	{"vow vows vowed vowing", Bare | Act},
	{"predict predicts predicted predicting", That},
	{"caution cautions cautioned cautioning", Bare | Object},
	{"assure assures assured assuring", Bare | Object},
	{"inform informs informed informing", That | Object},
	{"remind reminds reminded reminding", That | Object},
	{"report reports reported reporting", That | IndirectOnly},
	{"mention mentions mentioned mentioning", That},
	{"indicate indicates indicated indicating", That | Loose},
	{"express expresses expressed expressing", Bare | IndirectOnly | Act},
	{"boast boasts boasted boasting", That},
	{"joke jokes joked joking", That},
	{"quip quips quipped quipping", DirectOnly},
	{"shout shouts shouted shouting", DirectOnly},
	{"exclaim exclaims exclaimed exclaiming", DirectOnly},
	{"whisper whispers whispered whispering", DirectOnly},
	{"recount recounts recounted recounting", DirectOnly},
	{"believe believes believed believing", Stance},
}

// classes and speech are built once from the lists above and only read
// afterwards.
var (
	classes = buildClasses()
	speech  = buildSpeech()
)

func buildClasses() map[string]Class {
	m := map[string]Class{}
	for _, l := range lists {
		for _, w := range strings.Fields(l.words) {
			m[w] |= l.class
		}
	}
	return m
}

func buildSpeech() map[string]Usage {
	m := map[string]Usage{}
	for _, v := range speechVerbs {
		for _, w := range strings.Fields(v.forms) {
			m[w] |= v.use
		}
	}
	return m
}

// Norm lower-cases w and folds typographic apostrophes (’ ‘ ʼ) to the
// ASCII one, the spelling every list uses. A word that needs neither is
// returned as it is, without allocating.
func Norm(w string) string {
	clean := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || c >= 'A' && c <= 'Z' {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r == '’' || r == '‘' || r == 'ʼ':
			r = '\''
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 0x80:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Classes returns the classes of w. A contraction with "n't" ("didn't",
// "won’t") is a Negation and keeps the auxiliary classes of its stem
// ("did", "wo").
func Classes(w string) Class {
	n := Norm(w)
	c := classes[n]
	if stem, ok := strings.CutSuffix(n, "n't"); ok && stem != "" {
		c |= Negation | classes[stem]&(Aux|Be|Modal)
	}
	return c
}

// Is reports whether w is in any of the classes c.
func Is(w string, c Class) bool { return Classes(w)&c != 0 }

// IsAux reports whether w is a form of be, have or do.
func IsAux(w string) bool { return Is(w, Aux) }

// IsBe reports whether w is a form of be.
func IsBe(w string) bool { return Is(w, Be) }

// IsGet reports whether w is a form of get.
func IsGet(w string) bool { return Is(w, Get) }

// IsModal reports whether w is a modal or future auxiliary, "won't" and
// "can't" included.
func IsModal(w string) bool { return Is(w, Modal) }

// IsNegation reports whether w negates its verb: "not", "n't", "never",
// "no", "neither", "nor", or a whole contraction such as "didn't".
func IsNegation(w string) bool { return Is(w, Negation) }

// IsMidAdverb reports whether w is an adverb that may stand between a
// subject and its verb.
func IsMidAdverb(w string) bool { return Is(w, MidAdverb) }

// IsRefusal reports whether w, before "to", denies the infinitive.
func IsRefusal(w string) bool { return Is(w, Refusal) }

// IsIntent reports whether w, before "to", makes the infinitive not yet
// a fact.
func IsIntent(w string) bool { return Is(w, Intent) }

// IsSubordinator reports whether w opens a clause of its own.
func IsSubordinator(w string) bool { return Is(w, Subordinator) }

// IsTimeWord reports whether w is a day or month name or a time unit that
// a time phrase ends with.
func IsTimeWord(w string) bool { return Is(w, Weekday|Month|TimeUnit) }

// IsFraming reports whether w before a short quoted fragment makes it a
// name rather than speech.
func IsFraming(w string) bool { return Is(w, Framing) }

// Speech returns how speech verb form w may report speech; ok is false
// when w is no speech or stance verb.
func Speech(w string) (use Usage, ok bool) {
	use, ok = speech[Norm(w)]
	return use, ok
}

// IsSpeech reports whether w is a form of a verb of saying ("said",
// "stressed", "told", "tweeted").
func IsSpeech(w string) bool {
	use, ok := Speech(w)
	return ok && use&Stance == 0
}

// IsReport reports whether w introduces content its subject is the
// source of: a verb of saying that can report indirect speech, is no act
// of its own and seldom means anything but speech, or a stance verb
// ("believes that").
func IsReport(w string) bool {
	use, ok := Speech(w)
	return ok && use&(DirectOnly|Act|Loose) == 0
}

// IsQuoteMark reports whether token w is a quote mark on its own,
// including the tokenizer's two-character marks. It compares w exactly: a lone
// ’ is a closing quote, but a lone ' is more often a possessive.
func IsQuoteMark(w string) bool {
	switch w {
	case "\"", "``", "''", "“", "”", "‘", "’", "«", "»":
		return true
	}
	return false
}

// Words returns the words in any of the classes c, sorted, for packages
// that build their own lookup tables.
func Words(c Class) []string {
	var out []string
	for w, wc := range classes {
		if wc&c != 0 {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// SpeechWords returns every speech and stance verb form, sorted; Speech
// gives each one's usage.
func SpeechWords() []string {
	out := make([]string, 0, len(speech))
	for w := range speech {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}
