package focus

import (
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/text"
)

func TestCountry(t *testing.T) {
	party := func(c string) Naming { return Naming{Country: c, Whole: true, Party: true} }
	in := func(c string) Naming { return Naming{Country: c, Whole: true, Locative: true} }
	city := func(c string) Naming { return Naming{Country: c} }
	inCity := func(c string) Naming { return Naming{Country: c, Locative: true} }
	capitalSaid := func(c string) Naming { return Naming{Country: c, Party: true} }
	tests := []struct {
		name  string
		names []Naming
		want  string
		place bool
	}{
		{"nothing named", nil, "", false},
		{"no country given", []Naming{{Whole: true, Locative: true}}, "", false},
		{"a party is the subject but no place", []Naming{party("RUS")}, "RUS", false},
		{"Moscow said: a capital acting is a party", []Naming{capitalSaid("RUS"), capitalSaid("RUS")}, "RUS", false},
		{"where beats who: Russia and the US condemned the strike in Syria",
			[]Naming{party("RUS"), party("USA"), in("SYR")}, "SYR", true},
		{"a locative country outweighs four parties",
			[]Naming{party("USA"), party("USA"), party("USA"), party("USA"), in("IRQ")}, "IRQ", true},
		{"but not six",
			[]Naming{party("USA"), party("USA"), party("USA"), party("USA"), party("USA"), party("USA"), in("IRQ")}, "USA", false},
		{"talks in Moscow about Syria: in Syria outweighs in Moscow",
			[]Naming{party("RUS"), inCity("RUS"), party("SYR"), in("SYR")}, "SYR", true},
		{"a locative city outweighs two parties",
			[]Naming{party("USA"), party("USA"), inCity("SYR")}, "SYR", true},
		{"a city counts for its country",
			[]Naming{party("TUR"), city("SYR"), city("SYR")}, "SYR", true},
		{"a place makes its country a place, parties and all",
			[]Naming{party("UKR"), party("UKR"), city("UKR"), party("RUS")}, "UKR", true},
		{"a tie goes to the first named, however late it catches up",
			[]Naming{party("FRA"), party("DEU"), party("DEU"), party("FRA")}, "FRA", false},
	}
	for _, tt := range tests {
		got, place := Country(tt.names)
		if got != tt.want || place != tt.place {
			t.Errorf("%s: Country = %q, %v; want %q, %v", tt.name, got, place, tt.want, tt.place)
		}
	}
}

// TestCountryManyCountries: more countries than the on-stack buffer holds.
func TestCountryManyCountries(t *testing.T) {
	var names []Naming
	for i := 0; i < 40; i++ {
		names = append(names, Naming{Country: string(rune('A'+i%26)) + string(rune('A'+i/26)) + "X", Party: true})
	}
	names = append(names, Naming{Country: "ZZZ", Locative: true})
	if got, place := Country(names); got != "ZZZ" || !place {
		t.Errorf("Country = %q, %v; want ZZZ, true", got, place)
	}
}

func TestLocative(t *testing.T) {
	tests := []struct {
		text string
		name string // the word Locative is asked about
		want bool
	}{
		{"Shelling resumed in Donetsk on Monday.", "Donetsk", true},
		{"Talks opened IN Geneva.", "Geneva", true},
		{"Protests spread across the Philippines.", "Philippines", true},
		{"A blast near the the border.", "border", false}, // one "the" only
		{"The minister flew to Moscow.", "Moscow", false}, // a direction
		{"Troops from Russia crossed.", "Russia", false},
		{"Russia condemned the strike.", "Russia", false},
		{"Russia condemned the strike.", "condemned", false},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text, nil)
		i := indexOf(tt.text, toks, tt.name)
		if i < 0 {
			t.Fatalf("%q: no token %q", tt.text, tt.name)
		}
		if got := Locative(tt.text, toks, i); got != tt.want {
			t.Errorf("%q: Locative(%q) = %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
}

// TestLocativeBounds: an index outside the tokens is no locative, not a
// panic.
func TestLocativeBounds(t *testing.T) {
	const s = "in Syria"
	toks := text.Tokenize(s, nil)
	for _, i := range []int{-1, 0, len(toks) + 1, 100} {
		if Locative(s, toks, i) {
			t.Errorf("Locative(%d) = true", i)
		}
	}
	if !Locative(s, toks, 1) {
		t.Errorf("Locative(1) = false, want true")
	}
	if Locative(s, nil, 1) {
		t.Errorf("Locative with no tokens = true")
	}
}

func indexOf(s string, toks []doc.Token, w string) int {
	for i, t := range toks {
		if t.Span.In(s) == w {
			return i
		}
	}
	return -1
}
