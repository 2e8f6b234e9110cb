package quote_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad/internal/actor"
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/quote"
	"github.com/dyad-events/dyad/internal/text"
)

var (
	setupOnce sync.Once
	coder     *actor.Coder
	tagger    *text.Tagger
	setupErr  error
	finder    = quote.NewFinder()
)

// analyse runs the stages before the quote finder, as the pipeline does.
func analyse(t testing.TB, s string) ([]doc.Sentence, []doc.Mention) {
	t.Helper()
	setupOnce.Do(func() {
		d, err := actor.Builtin()
		if err != nil {
			setupErr = err
			return
		}
		given, err := actor.GivenNames()
		if err != nil {
			setupErr = err
			return
		}
		coder = actor.NewCoder(d, given)
		tagger, setupErr = text.NewTagger()
	})
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	toks := text.Tokenize(s, nil)
	sents := text.Split(s, toks, nil)
	for i := range sents {
		tagger.Tag(s, sents[i].Tokens)
	}
	return sents, coder.Code(s, sents, actor.DateOf(2021, 3, 10))
}

// show writes a quote as `D|I "words" speaker-span=Actor Name /verb`, with
// "-" for a missing speaker or verb.
func show(s string, q doc.Quote) string {
	kind := "I"
	if q.Direct {
		kind = "D"
	}
	sp, v := "-", "-"
	if q.Speaker != nil {
		sp = q.Speaker.Span.In(s) + "=" + q.Speaker.Actor.Name
	}
	if q.Verb != nil {
		v = q.Verb.In(s)
	}
	return fmt.Sprintf("%s %q %s /%s", kind, q.Span.In(s), sp, v)
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "split quote around the attribution",
			text: "Foreign Minister Sergei Lavrov arrived in Ankara late on Monday.\n\n“We will not give up,” he said, “and we will build again.”",
			want: []string{
				`D "We will not give up" he=Sergei Lavrov /said`,
				`D "and we will build again." he=Sergei Lavrov /said`,
			},
		},
		{
			name: "he added resolves to the person named before",
			text: "Foreign Minister Sergei Lavrov spoke to students in Moscow.\n\n“Our doors remain open to every partner,” he added.",
			want: []string{`D "Our doors remain open to every partner" he=Sergei Lavrov /added`},
		},
		{
			name: "inverted attribution after the quote",
			text: "Sergei Lavrov held talks in Geneva. “The meeting was long and difficult,” said Lavrov.",
			want: []string{`D "The meeting was long and difficult" Lavrov=Sergei Lavrov /said`},
		},
		{
			name: "attribution with a colon before the quote",
			text: "Angela Merkel spoke in Berlin. Merkel said: “Europe must stand together on this.”",
			want: []string{`D "Europe must stand together on this." Merkel=Angela Merkel /said`},
		},
		{
			name: "attribution in the next sentence",
			text: "Sergei Lavrov met his counterpart. “The dialogue goes on.” Lavrov said.",
			want: []string{`D "The dialogue goes on." Lavrov=Sergei Lavrov /said`},
		},
		{
			name: "a new sentence after a quote is not its attribution",
			text: "“The border stays closed.” A spokesman for the ministry said the rules had changed.",
			want: []string{
				`D "The border stays closed." - /-`,
				`I "the rules had changed" spokesman=spokesman /said`,
			},
		},
		{
			name: "quote over several sentences",
			text: "Angela Merkel addressed the parliament. “We have waited long enough. The time to act is now,” Merkel said.",
			want: []string{`D "We have waited long enough. The time to act is now" Merkel=Angela Merkel /said`},
		},
		{
			name: "multi-paragraph quote takes the speaker",
			text: "Sergei Lavrov gave a speech on Friday.\n\n“The talks must go on,” Lavrov said. “There is no other road.”\n\n“Nobody gains from this war. Nobody wins anything.\n\n“But we can still stop it,” Lavrov said.",
			want: []string{
				`D "The talks must go on" Lavrov=Sergei Lavrov /said`,
				`D "There is no other road." Lavrov=Sergei Lavrov /-`,
				`D "Nobody gains from this war. Nobody wins anything." Lavrov=Sergei Lavrov /-`,
				`D "But we can still stop it" Lavrov=Sergei Lavrov /said`,
			},
		},
		{
			name: "a typographic n’t between subject and verb",
			text: "Sergei Lavrov met his counterpart in Geneva. Lavrov didn’t say that the talks had failed.",
			want: []string{`I "the talks had failed" Lavrov=Sergei Lavrov /say`},
		},
		{
			name: "stressed reports speech like said",
			text: "Sergei Lavrov met his counterpart in Geneva. Lavrov stressed that the talks had failed.",
			want: []string{`I "the talks had failed" Lavrov=Sergei Lavrov /stressed`},
		},
		{
			name: "straight quote marks",
			text: `Angela Merkel visited Paris. "We share the same goals," Merkel said.`,
			want: []string{`D "We share the same goals" Merkel=Angela Merkel /said`},
		},
		{
			name: "single quotes, not apostrophes",
			text: "Angela Merkel's aides were busy. 'We will not comment on rumours,' Merkel said. The minister's car didn't stop.",
			want: []string{`D "We will not comment on rumours" Merkel=Angela Merkel /said`},
		},
		{
			name: "typographic single quotes",
			text: "Sergei Lavrov spoke briefly. ‘We stay until the work is done,’ Lavrov said. The delegates’ cars were waiting.",
			want: []string{`D "We stay until the work is done" Lavrov=Sergei Lavrov /said`},
		},
		{
			name: "partial quote inside indirect speech",
			text: "Angela Merkel spoke after the summit. She said she would “look at the proposals in more detail”.",
			want: []string{`D "look at the proposals in more detail" She=Angela Merkel /said`},
		},
		{
			name: "scare quotes and titles are not quotes",
			text: "The so-called “peace plan” was dropped. Officials read “The Long Road Home” on the train. Rebels called it a “victory” again.",
			want: nil,
		},
		{
			name: "a short fragment inside reported speech is the speaker's",
			text: "Angela Merkel said that Moscow could not bring its “unruly ally” to the table in time.",
			want: []string{
				`I "Moscow could not bring its “unruly ally” to the table in time" Angela Merkel=Angela Merkel /said`,
				`D "unruly ally" Angela Merkel=Angela Merkel /said`,
			},
		},
		{
			name: "a participle is not speech; places do not speak",
			text: "Ships sailed into waters claimed by Angela Merkel and her allies. Witnesses in Berlin said the tanks had left the city. “The shelling never stopped,” said the Berlin director of a charity.",
			want: []string{
				`I "the tanks had left the city" - /said`,
				`D "The shelling never stopped" charity=charity /said`, // an organisation speaks through its people
			},
		},
		{
			name: "short quote with an attribution is kept",
			text: "Sergei Lavrov was asked about the deal. “Never,” Lavrov replied.",
			want: []string{`D "Never" Lavrov=Sergei Lavrov /replied`},
		},
		{
			name: "said that",
			text: "Angela Merkel said that the government would raise its aid budget next year.",
			want: []string{`I "the government would raise its aid budget next year" Angela Merkel=Angela Merkel /said`},
		},
		{
			name: "told a hearer that",
			text: "Sergei Lavrov told Reuters on Tuesday that Moscow was ready for new talks.",
			want: []string{`I "Moscow was ready for new talks" Sergei Lavrov=Sergei Lavrov /told`},
		},
		{
			name: "according to, after and before the content",
			text: "The convoy reached the border at dawn, according to Angela Merkel. According to Sergei Lavrov, the ceasefire held overnight.",
			want: []string{
				`I "The convoy reached the border at dawn" Angela Merkel=Angela Merkel /according to`,
				`I "the ceasefire held overnight" Sergei Lavrov=Sergei Lavrov /According to`,
			},
		},
		{
			name: "attribution, then an adjunct with its own that-clause",
			text: "Turkey is not sending troops to the border, Angela Merkel said on Monday amid reports that the army was moving north.",
			want: []string{`I "Turkey is not sending troops to the border" Angela Merkel=Angela Merkel /said`},
		},
		{
			name: "attribution after the content",
			text: "Sergei Lavrov flew home. The negotiations will resume in May, Lavrov said on Sunday.",
			want: []string{`I "The negotiations will resume in May" Lavrov=Sergei Lavrov /said`},
		},
		{
			name: "saying takes the clause subject",
			text: "Angela Merkel rejected the offer, saying the terms were unfair to smaller states.",
			want: []string{`I "the terms were unfair to smaller states" Angela Merkel=Angela Merkel /saying`},
		},
		{
			name: "other speech verbs",
			text: "Sergei Lavrov warned that further sanctions would backfire. Angela Merkel insisted the union would remain united.",
			want: []string{
				`I "further sanctions would backfire" Sergei Lavrov=Sergei Lavrov /warned`,
				`I "the union would remain united" Angela Merkel=Angela Merkel /insisted`,
			},
		},
		{
			name: "subject before an aside",
			text: "Angela Merkel, speaking in Berlin, said that the union would act quickly. Sergei Lavrov, who arrived late, insisted that the vote was unfair.",
			want: []string{
				`I "the union would act quickly" Angela Merkel=Angela Merkel /said`,
				`I "the vote was unfair" Sergei Lavrov=Sergei Lavrov /insisted`,
			},
		},
		{
			name: "expressed",
			text: "Angela Merkel expressed hope that the two sides would meet again soon.",
			want: []string{`I "the two sides would meet again soon" Angela Merkel=Angela Merkel /expressed`},
		},
		{
			name: "unattributed quote in the same paragraph takes the speaker",
			text: "“The vote was fair,” Angela Merkel said on Sunday. “Nobody has shown otherwise.”",
			want: []string{
				`D "The vote was fair" Angela Merkel=Angela Merkel /said`,
				`D "Nobody has shown otherwise." Angela Merkel=Angela Merkel /-`,
			},
		},
		{
			name: "uncoded speaker keeps the verb",
			text: "“The harbour is closed until further notice,” someone nearby said.",
			want: []string{`D "The harbour is closed until further notice" - /said`},
		},
		{
			name: "weak verbs need that",
			text: "The rebels added three new checkpoints near the city.",
			want: nil,
		},
		{
			name: "passive speech names no speaker",
			text: "It was announced that the border would reopen on Friday.",
			want: nil,
		},
		{
			name: "unbalanced marks end at the paragraph",
			text: "Angela Merkel said: “We will see what happens\n\nThe talks ended” early.",
			want: []string{`D "We will see what happens" Angela Merkel=Angela Merkel /said`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents, ms := analyse(t, tt.text)
			qs := finder.Find(tt.text, sents, ms)
			var got []string
			for _, q := range qs {
				got = append(got, show(tt.text, q))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			checkQuotes(t, tt.text, qs)
		})
	}
}

// checkQuotes checks what holds for every answer: spans inside the text
// and well-ordered, quotes in text order, sentence indexes in range.
func checkQuotes(t testing.TB, s string, qs []doc.Quote) {
	t.Helper()
	ok := func(sp doc.Span) bool { return sp.Start >= 0 && sp.Start <= sp.End && int(sp.End) <= len(s) }
	for i, q := range qs {
		if !ok(q.Span) || q.Span.Len() == 0 {
			t.Fatalf("quote %d: bad span %v in %d bytes", i, q.Span, len(s))
		}
		if q.Verb != nil && !ok(*q.Verb) {
			t.Fatalf("quote %d: bad verb span %v", i, *q.Verb)
		}
		if q.Speaker != nil && !ok(q.Speaker.Span) {
			t.Fatalf("quote %d: bad speaker span %v", i, q.Speaker.Span)
		}
		if i > 0 && q.Span.Start < qs[i-1].Span.Start {
			t.Fatalf("quote %d starts before quote %d", i, i-1)
		}
	}
}

func TestFindNoTokens(t *testing.T) {
	// Quote marks with no sentences (a caller that skipped tokenizing)
	// still give quotes and never panic.
	s := `He said: "Fine." And then “more”`
	for _, q := range finder.Find(s, nil, nil) {
		if q.Span.In(s) == "" {
			t.Errorf("empty quote %v", q.Span)
		}
	}
}
