package text

import (
	"strings"
	"testing"
)

func sentenceStrings(s string) []string {
	toks := Tokenize(s, nil)
	var out []string
	for _, sent := range Split(s, toks, nil) {
		out = append(out, s[sent.Span.Start:sent.Span.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "The talks ended. Both sides left.", []string{"The talks ended.", "Both sides left."}},
		{"initialism inside", "Former U.S. Envoy to Libya Mark Hale doubted the plan. He said so twice.",
			[]string{"Former U.S. Envoy to Libya Mark Hale doubted the plan.", "He said so twice."}},
		{"initialism compound", "Jets struck U.S-trained units near the border. Nobody was hurt.",
			[]string{"Jets struck U.S-trained units near the border.", "Nobody was hurt."}},
		{"initialism at end", "The envoy flew back to the U.S. The talks were over.",
			[]string{"The envoy flew back to the U.S.", "The talks were over."}},
		{"hyphen after a stop", "The U.N.-run camp is full. Aid from Acme Inc.-owned firms is short.",
			[]string{"The U.N.-run camp is full.", "Aid from Acme Inc.-owned firms is short."}},
		{"missing space after a stop", "The camp is full.Aid is short.",
			[]string{"The camp is full.", "Aid is short."}},
		{"initialism before name", "He met the U.N. Secretary-General on Monday.",
			[]string{"He met the U.N. Secretary-General on Monday."}},
		{"titles", "Gen. Mark Dale met Mr. Ivanov and Dr. Amal Haddad. They spoke.",
			[]string{"Gen. Mark Dale met Mr. Ivanov and Dr. Amal Haddad.", "They spoke."}},
		{"initials", "The memo by J. K. Osei was read aloud. It was short.",
			[]string{"The memo by J. K. Osei was read aloud.", "It was short."}},
		{"quote then attribution", "“We will not retreat,” the minister said. “Never.”",
			[]string{"“We will not retreat,” the minister said.", "“Never.”"}},
		{"question in quote", "“Why now?” she asked. Nobody answered.",
			[]string{"“Why now?” she asked.", "Nobody answered."}},
		{"period inside quote", "He called it “a farce.” The vote went ahead.",
			[]string{"He called it “a farce.”", "The vote went ahead."}},
		{"em dash", "The aim – to end the siege – was agreed. Aid followed.",
			[]string{"The aim – to end the siege – was agreed.", "Aid followed."}},
		{"paragraphs without stop", "A headline without a stop\n\nThe body begins here.",
			[]string{"A headline without a stop", "The body begins here."}},
		{"no glue across paragraphs", "The first paragraph ends “like this”\n\nthe second starts lower.",
			[]string{"The first paragraph ends “like this”", "the second starts lower."}},
		{"numbers", "Prices rose 3.5 percent in 2016. Wages did not.",
			[]string{"Prices rose 3.5 percent in 2016.", "Wages did not."}},
		{"number abbrev", "He lives at No. 10 Downing Street. Nobody else does.",
			[]string{"He lives at No. 10 Downing Street.", "Nobody else does."}},
		{"etc then name", "They brought food, water, tents etc. Oxfam paid.",
			[]string{"They brought food, water, tents etc. Oxfam paid."}},
		{"etc then opener", "They brought food, water, tents etc. The army paid.",
			[]string{"They brought food, water, tents etc.", "The army paid."}},
		{"lowercase after stop", "The rate is 2 p.c. and rising.", []string{"The rate is 2 p.c. and rising."}},
		{"ellipsis", "He paused... Then he left.", []string{"He paused...", "Then he left."}},
		{"exclamation", "Stop! Stop now!", []string{"Stop!", "Stop now!"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceStrings(tt.in)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
