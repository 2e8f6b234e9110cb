package quote_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"“We will not yield,” she said, “and we will rebuild.”",
		`He said: "fine`,
		"'Tis the 'season' of the officials' 'talks,' he said'",
		"„Nein“, sagte er. «Non», dit-il.",
		"”“”“\"\"''‘’",
		"Lavrov said that\n\n“the talks\n“failed,” according to",
		"The talks failed, according to. According to, X said.",
		"\xe2\x80",
		"said said said, saying that that",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		stage := "analyse"
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				panic(fmt.Sprintf("%s hangs on %q", stage, s))
			}
		}()
		sents, ms := analyse(t, s)
		stage = "find"
		qs := finder.Find(s, sents, ms)
		checkQuotes(t, s, qs)
		// Also without tokens and mentions.
		checkQuotes(t, s, finder.Find(s, nil, nil))
	})
}

// article is a ~600-word invented news story with direct, split,
// multi-paragraph and indirect quotes.
var article = strings.TrimSpace(`
Foreign Minister Sergei Lavrov arrived in Geneva on Tuesday for a new round of talks on the future of the grain corridor, a week after the last meeting ended without a deal.

“We came here with an open mind,” Lavrov told reporters at the airport. “But an open mind is not the same as an open wallet.”

The talks, which are hosted by the Swiss government, bring together officials from six countries. Diplomats said the first session would focus on inspections of cargo ships and on insurance for crews.

German Chancellor Angela Merkel, speaking in Berlin, said that Europe would not accept any deal that left the poorest importers without supplies. She said she would “look very closely at every proposal on the table”.

“Nobody should use hunger as a bargaining chip,” Merkel said. “We have seen what happens when markets panic, and we will not let it happen again.”

According to a statement from the Turkish foreign ministry, Ankara has offered to host a follow-up meeting next month. Turkish officials declined to give details, saying the schedule was still being drawn up.

Lavrov, who has led Russia's diplomacy for almost two decades, insisted the corridor could only reopen if sanctions on fertiliser exports were eased. He warned that the talks would fail if the other side kept “moving the goalposts”.

“We are patient people,” he added. “We can wait.”

A spokesman for the United Nations said the organisation remained hopeful. The shipments had reached more than forty countries before the corridor closed, according to the spokesman.

The so-called “grain diplomacy” has become a test for the new envoy, who took office in January. Analysts noted that the envoy had so far avoided public criticism of either side.

“This is the hardest file on anyone's desk,” said one diplomat, who asked not to be named. “Every week without ships means higher prices in markets far from here.

“People in those markets do not care who is right. They care whether there is bread.”

Merkel told the Bundestag on Wednesday that Germany would add another 200 million euros to its food aid budget. The money will go to countries in East Africa and the Middle East, she said.

In Moscow, officials stressed that the Russian side had made several concessions already. The Kremlin argued that Western governments were responsible for the delays, a claim that European diplomats denied.

“The door is open,” Lavrov said late on Tuesday, as the first day of talks ended. “Whether anyone walks through it is not up to us.”

The talks are expected to continue until Friday. A joint statement could follow, according to Swiss officials, though none of the delegations would confirm it. Asked whether a deal was close, Lavrov replied: “Closer than yesterday, further than tomorrow.”

Aid groups have urged all parties to separate food from politics. One group said the delays had already cost farmers millions of dollars, and warned that the next harvest could be lost as well if the corridor stayed shut through the summer.

“We will keep talking,” Merkel said, “because the alternative is far worse.”

Shipping companies said insurance costs had tripled since the spring, and several lines have stopped sending vessels to the region altogether. Port workers in Odesa told local radio that the quays had been quiet for weeks, with cranes standing idle and warehouses half empty.

Sergei Lavrov is due to meet the Swiss foreign minister on Thursday before flying back to Moscow. Asked about the meeting, a member of his delegation said only that the two men had known each other for many years.
`)

func BenchmarkFind(b *testing.B) {
	sents, ms := analyse(b, article)
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		finder.Find(article, sents, ms)
	}
}

func TestArticle(t *testing.T) {
	sents, ms := analyse(t, article)
	qs := finder.Find(article, sents, ms)
	checkQuotes(t, article, qs)
	if testing.Verbose() {
		for _, q := range qs {
			t.Log(show(article, q))
		}
	}
	if len(qs) < 20 {
		t.Errorf("found %d quotes in the sample article, want at least 20", len(qs))
	}
	t.Logf("%d words", len(strings.Fields(article)))
}
