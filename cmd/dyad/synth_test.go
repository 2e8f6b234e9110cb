package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// synthArticles writes n generated news articles as JSONL, for the ingest
// benchmark and the crash test. The sentences are built from templates
// written for dyad; every tenth article is a syndicated copy of an earlier
// one under another outlet and URL, so deduplication has work to do.
func synthArticles(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 7))
	leaders := []string{"President Vladimir Putin", "Chancellor Angela Merkel", "Prime Minister Narendra Modi", "President Xi Jinping",
		"Foreign Minister Sergei Lavrov", "Secretary of State John Kerry", "President Recep Tayyip Erdogan", "President Hassan Rouhani",
		"Prime Minister Shinzo Abe", "President Francois Hollande", "President Barack Obama", "Prime Minister Theresa May"}
	countries := []string{"Russia", "Germany", "India", "China", "Turkey", "Iran", "Japan", "France", "Syria", "Ukraine", "Egypt", "Brazil",
		"Nigeria", "Pakistan", "Israel", "Mexico", "Kenya", "Iraq", "Saudi Arabia", "Poland"}
	cities := []string{"Moscow", "Berlin", "New Delhi", "Beijing", "Ankara", "Tehran", "Tokyo", "Paris", "Damascus", "Kiev", "Cairo",
		"Brasilia", "Abuja", "Islamabad", "Jerusalem", "Nairobi", "Baghdad", "Riyadh", "Warsaw", "Geneva"}
	days := []string{"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend", "last week", "yesterday"}
	outlets := []string{"Daily Ledger", "Morning Wire", "Harbour Times", "Evening Courier", "Capital Report", "Northern Post",
		"Valley Herald", "Global Desk", "Coast Gazette", "Plains Monitor"}
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	// Invented names keep generated articles as different from each other
	// as real ones are: templates alone would make every article a
	// near-duplicate of every other.
	syllables := []string{"ka", "lo", "mi", "ren", "tus", "va", "dor", "el", "san", "ir", "bo", "nek", "ta", "ri", "gan", "ul", "pe", "zor", "am", "fi", "shu", "cal", "de", "ro", "min", "ob", "ve", "har", "li", "to"}
	word := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(pick(syllables))
		}
		w := b.String()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	titles := []string{"minister", "general", "governor", "opposition leader", "mayor", "spokesman", "envoy", "judge", "commander"}
	nouns := []string{"budget", "pipeline", "border crossing", "election", "grain deal", "water rights", "prisoner swap", "customs union",
		"fishing quota", "railway", "refinery", "vaccine programme", "press law", "curfew", "bridge", "port", "dam", "airfield", "mine"}
	person := func() string {
		if r.IntN(3) == 0 {
			return pick(leaders)
		}
		return pick(countries) + "'s " + pick(titles) + " " + word(2) + " " + word(2+r.IntN(2))
	}
	town := func() string {
		if r.IntN(2) == 0 {
			return pick(cities)
		}
		return word(2 + r.IntN(2))
	}
	templates := []func() string{
		func() string { return fmt.Sprintf("%s met %s in %s %s.", person(), person(), town(), pick(days)) },
		func() string {
			return fmt.Sprintf("%s accused %s of breaking the %s accord near %s.", pick(countries), pick(countries), pick(nouns), town())
		},
		func() string {
			return fmt.Sprintf("%s said talks on the %s with %s were constructive.", person(), pick(nouns), pick(countries))
		},
		func() string {
			return fmt.Sprintf("Police in %s arrested %d protesters outside the %s %s.", town(), 5+r.IntN(200), pick(nouns), pick(days))
		},
		func() string {
			return fmt.Sprintf("%s signed a %s agreement with %s worth $%d million.", pick(countries), pick(nouns), pick(countries), 10+r.IntN(900))
		},
		func() string {
			return fmt.Sprintf("Troops from %s shelled positions near %s, killing %d people, %s said.", pick(countries), town(), 2+r.IntN(40), person())
		},
		func() string {
			return fmt.Sprintf("\"The %s is not for sale,\" %s told reporters in %s.", pick(nouns), person(), town())
		},
		func() string {
			return fmt.Sprintf("%s urged %s to free %s.", pick(countries), pick(countries), person())
		},
		func() string {
			return fmt.Sprintf("Analysts in %s expect the %s dispute to dominate talks with %s.", town(), pick(nouns), person())
		},
		func() string {
			return fmt.Sprintf("The %s economy grew by %d.%d%% as the %s reopened, %s said.", pick(countries), r.IntN(5), r.IntN(10), pick(nouns), person())
		},
	}
	type record struct {
		ID        string `json:"id,omitempty"`
		URL       string `json:"url"`
		Source    string `json:"source"`
		Title     string `json:"title"`
		Published string `json:"published"`
		Text      string `json:"text"`
	}
	enc := json.NewEncoder(w)
	var texts []string
	for i := range n {
		rec := record{URL: fmt.Sprintf("https://news.example/%d/story-%d", i/100, i), Source: pick(outlets),
			Published: fmt.Sprintf("2016-%02d-%02dT09:00:00Z", 1+r.IntN(12), 1+r.IntN(28))}
		if i%10 == 9 && len(texts) > 0 {
			rec.Text = "Share\n\n" + texts[r.IntN(len(texts))] + "\n\nAdvertisement"
			rec.Title = "Syndicated report"
		} else {
			var paras []string
			for range 4 + r.IntN(5) {
				var sents []string
				for range 2 + r.IntN(3) {
					sents = append(sents, templates[r.IntN(len(templates))]())
				}
				paras = append(paras, strings.Join(sents, " "))
			}
			rec.Text = strings.Join(paras, "\n\n")
			rec.Title = fmt.Sprintf("Report %d from %s", i, pick(cities))
			texts = append(texts, rec.Text)
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}
