package actor

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/text"
)

// testDict is a small dictionary in dyad's format, enough to exercise the
// matcher and the compound rules without the built-in files.
const testDict = `
country USA United States
  names: US | U.S. | USA | America
  adj: American | US
  capital: Washington
  seat: White House = GOV | State Department = GOV | Pentagon = MIL
country RUS Russia
  names: Russian Federation
  adj: Russian
  capital: Moscow
  seat: Kremlin = GOV
country SYR Syria
  adj: Syrian
  capital: Damascus
country TUR Turkey
  adj: Turkish
country NZL New Zealand
org IMGMUSALQ al-Qaeda
  names: al Qaida | al-Qaida
org IMGMUSNUS Nusra Front
  names: al-Nusra | Jabhat al-Nusra
org USAMED Washington Post
  names: The Washington Post
person John Kerry
  names: Kerry
  gender: m
  role: USALEG 1985-01-03..2013-02-01 Senator
  role: USAGOV 2013-02-01..2017-01-20 Secretary of State
person Sergei Lavrov
  names: Lavrov | Sergey Lavrov
  gender: m
  role: RUSGOV 2004-03-09.. Foreign Minister
person George W. Bush
  names: Bush
  role: USAGOV 2001-01-20..2009-01-20 President
person George H. W. Bush
  names: Bush
  role: USAGOV 1989-01-20..1993-01-20 President
person Bashar al-Assad
  names: Assad
  role: SYRGOV 2000-07-17..2024-12-08 President
agent GOV government
  words: government | regime | minister | foreign minister | secretary of state | state secretary | ambassador | official | spokesman | administration
agent MIL military
  words: forces | troops | air strikes | military
agent REB rebels
  words: rebel | rebel faction | insurgent
agent OPP opposition
  words: opposition group | opposition
`

func newTestCoder(t testing.TB) *Coder {
	t.Helper()
	d, err := Parse(strings.NewReader(testDict), "test")
	if err != nil {
		t.Fatal(err)
	}
	return NewCoder(d, []string{"Robert", "John", "Amara"})
}

// builtinCoder is a Coder on the embedded dictionaries and given names.
func builtinCoder(t testing.TB) *Coder {
	t.Helper()
	d, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	given, err := GivenNames()
	if err != nil {
		t.Fatal(err)
	}
	return NewCoder(d, given)
}

// codeText tokenizes, splits and tags s, then codes its actors.
func codeText(t testing.TB, c *Coder, s string, date Date) []doc.Mention {
	t.Helper()
	return c.Code(s, taggedSentences(t, s), date)
}

// taggedSentences tokenizes, splits and tags s.
func taggedSentences(t testing.TB, s string) []doc.Sentence {
	t.Helper()
	tg, err := text.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	toks := text.Tokenize(s, nil)
	sents := text.Split(s, toks, nil)
	for i := range sents {
		tg.Tag(s, sents[i].Tokens)
	}
	return sents
}

func show(text string, ms []doc.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s=%s/%s", m.Span.In(text), m.Actor.Code, m.Via))
	}
	return out
}

func TestCompounds(t *testing.T) {
	c := newTestCoder(t)
	d2016 := DateOf(2016, 7, 14)
	tests := []struct {
		text string
		date Date
		want []string // "span=CODE/via", in order; each must appear
	}{
		{"Lavrov met US State Secretary John Kerry in Moscow.", d2016, []string{"Lavrov=RUSGOV/dict", "US State Secretary John Kerry=USAGOV/dict", "Moscow=RUS/dict"}},
		{"Foreign Minister Sergei Lavrov spoke.", d2016, []string{"Foreign Minister Sergei Lavrov=RUSGOV/dict"}},
		{"Former U.S. Ambassador to Syria Robert Ford spoke.", d2016, []string{"Syria=SYR/dict", "Former U.S. Ambassador to Syria Robert Ford=USAELI/ner"}},
		{"Russian forces attacked.", d2016, []string{"Russian forces=RUSMIL/dict"}},
		{"Russian forces are fighting in support of Assad’s regime.", d2016, []string{"Russian forces=RUSMIL/dict", "Assad’s regime=SYRGOV/dict"}},
		{"Kerry spoke in 2005.", DateOf(2005, 1, 1), []string{"Kerry=USALEG/dict"}},
		{"Kerry spoke in 2018.", DateOf(2018, 1, 1), []string{"Kerry=USAELI/dict"}},
		{"Bush spoke.", DateOf(2003, 1, 1), []string{"Bush=USAGOV/dict"}},
		{"The White House said the Kremlin agreed.", d2016, []string{"White House=USAGOV/dict", "Kremlin=RUSGOV/dict"}},
		{"Moscow said it would respond.", d2016, []string{"Moscow=RUSGOV/dict"}},
		{"The fighters of al Qaida, al-Qaeda and Al-Qaida met al-Nusra and Nusra Front.", d2016, []string{"al Qaida=IMGMUSALQ/dict", "al-Qaeda=IMGMUSALQ/dict", "Al-Qaida=IMGMUSALQ/dict", "al-Nusra=IMGMUSNUS/dict", "Nusra Front=IMGMUSNUS/dict"}},
		{"A US-led coalition focuses its fire on the group.", d2016, []string{"US-led coalition=USAMIL/dict"}},
		{"A New Zealand-led team arrived.", d2016, []string{"New Zealand-led team=NZL/dict"}},
		{"He bought a turkey and called us.", d2016, nil},
		{"The Washington Post reported it.", d2016, []string{"Washington Post=USAMED/dict"}},
		{"John Kerry arrived. Kerry said he was pleased.", d2016, []string{"John Kerry=USAGOV/dict", "Kerry=USAGOV/coref", "he=USAGOV/coref"}},
		{"Amara Okonkwo said the deal failed. Okonkwo resigned.", d2016, []string{"Amara Okonkwo=/ner", "Okonkwo=/coref"}},
		{"The ambassador of Turkey arrived in Damascus.", d2016, []string{"ambassador of Turkey=TURGOV/dict", "Damascus=SYR/dict"}},
		{"Ambassadors of Russia and Syria met.", d2016, []string{"Ambassadors of Russia=RUSGOV/dict"}},
		{"An ambassador to Syria spoke.", d2016, []string{"Syria=SYR/dict"}},
	}
	for _, tt := range tests {
		ms := codeText(t, c, tt.text, tt.date)
		got := show(tt.text, ms)
		for _, w := range tt.want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%q: want %s, got %v", tt.text, w, got)
			}
		}
		if tt.want == nil && len(got) != 0 {
			t.Errorf("%q: want no mentions, got %v", tt.text, got)
		}
	}
}

// FuzzCode: any text codes without a panic, and every mention lies inside
// the text with its head inside its span.
// It runs on the built-in dictionaries, whose many-word names reach
// paths the small test dictionary does not.
func FuzzCode(f *testing.F) {
	c := builtinCoder(f)
	tg, err := text.NewTagger()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Former U.S. Ambassador to Syria Robert Ford said the pair met. He added: “they”.")
	f.Add("a New Zealand-led force, a New Zealand-backed plan")
	f.Add("US-led -led U.S-supported al- -al Kerry’s ’s the war-torn country")
	f.Fuzz(func(t *testing.T, s string) {
		toks := text.Tokenize(s, nil)
		sents := text.Split(s, toks, nil)
		for i := range sents {
			tg.Tag(s, sents[i].Tokens)
		}
		for _, m := range c.Code(s, sents, DateOf(2016, 7, 14)) {
			if m.Span.Start < 0 || m.Span.End > int32(len(s)) || m.Span.Start > m.Span.End {
				t.Fatalf("mention span %v outside text of %d bytes", m.Span, len(s))
			}
			if m.Head.End > m.Head.Start && (m.Head.Start < m.Span.Start || m.Head.End > m.Span.End) {
				t.Fatalf("head %v outside span %v", m.Head, m.Span)
			}
		}
	})
}

// TestPetrarchTitledName: PETRARCH files code many people with a bare
// country ("ROMENDACIL [BRE]"); after a title such a name is a person of
// that country's government, not the country.
func TestPetrarchTitledName(t *testing.T) {
	d, err := LoadPetrarch(nil,
		[]doc.DataFile{{R: strings.NewReader("BREE [BRE]\nROMENDACIL [BRE]\nARNOR [ARN]\n"), Origin: "t.actors"}},
		[]doc.DataFile{{R: strings.NewReader("PRIME_MINISTER [~GOV]\nTRADER [~BUS]\n"), Origin: "t.agents"}})
	if err != nil {
		t.Fatal(err)
	}
	c := NewCoder(d, nil)
	tests := []struct{ text, want string }{
		{"Bree Prime Minister Romendacil flew to Arnor.", "Bree Prime Minister Romendacil=BREGOV/dict"},
		{"Prime Minister Romendacil flew to Arnor.", "Prime Minister Romendacil=BREGOV/dict"},
		{"Arnor Prime Minister Romendacil flew home.", "Arnor Prime Minister Romendacil=ARNGOV/dict"},
		{"Romendacil flew to Arnor.", "Romendacil=BRE/dict"},
		{"The prime minister of Arnor flew home.", "prime minister of Arnor=ARNGOV/dict"},
	}
	for _, tt := range tests {
		got := show(tt.text, codeText(t, c, tt.text, DateOf(2016, 7, 14)))
		if !slices.Contains(got, tt.want) {
			t.Errorf("%q: want %s, got %v", tt.text, tt.want, got)
		}
	}
}
