package event

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func TestInflect(t *testing.T) {
	cases := []struct {
		verb string
		want []string
	}{
		{"meet", []string{"meet", "meets", "meeted", "meeting"}},
		{"visit", []string{"visit", "visits", "visited", "visiting", "visitted", "visitting"}}, // both spellings: harmless
		{"urge", []string{"urge", "urges", "urged", "urging"}},
		{"deny", []string{"deny", "denies", "denied", "denying"}},
		{"tie", []string{"tie", "ties", "tied", "tying"}},
		{"push", []string{"push", "pushes", "pushed", "pushing"}},
		{"veto", []string{"veto", "vetoes", "vetoed", "vetoing"}},
		{"stop", []string{"stop", "stops", "stoped", "stoping", "stopped", "stopping"}},
		{"depart", []string{"depart", "departs", "departed", "departing"}},
	}
	for _, c := range cases {
		if got := inflect(c.verb); !reflect.DeepEqual(got, c.want) {
			t.Errorf("inflect(%q) = %v, want %v", c.verb, got, c.want)
		}
	}
}

func TestPatternParse(t *testing.T) {
	d := newDict()
	pp := patternParser{d: d, used: map[int32]int{}}
	cases := []struct {
		text      string
		pre, post []Elem
		err       string
	}{
		{text: "* with +", post: []Elem{{Word: "with"}, {Kind: ElemTarget}}},
		{text: "* talks_with +", post: []Elem{{Word: "talks"}, {Word: "with", Adjacent: true}, {Kind: ElemTarget}}},
		{text: "not * relations", pre: []Elem{{Word: "not"}}, post: []Elem{{Word: "relations"}}},
		{text: "in_and_*_out", pre: []Elem{{Word: "and", Adjacent: true}, {Word: "in", Adjacent: true}}, post: []Elem{{Word: "out", Adjacent: true}}},
		{text: "*SCEPTICAL", post: []Elem{{Word: "sceptical", Adjacent: true}}},
		{text: "% * (TO +)", pre: []Elem{{Kind: ElemCompound}}, post: []Elem{{Word: "to"}, {Kind: ElemTarget}}},
		{text: "$ * ^ +", pre: []Elem{{Kind: ElemSource}}, post: []Elem{{Kind: ElemTarget}}},
		{text: "with +", err: "no *"},
		{text: "* and *", err: "more than one"},
	}
	for _, c := range cases {
		pre, post, err := pp.parse(c.text, 1)
		if c.err != "" {
			if !strings.Contains(err, c.err) {
				t.Errorf("parse(%q) error %q, want one containing %q", c.text, err, c.err)
			}
			continue
		}
		if err != "" || !reflect.DeepEqual(pre, c.pre) || !reflect.DeepEqual(post, c.post) {
			t.Errorf("parse(%q) = %+v / %+v (%s), want %+v / %+v", c.text, pre, post, err, c.pre, c.post)
		}
	}
}

func TestParseOwnFormat(t *testing.T) {
	const src = `# a test dictionary
set TIES: ties | diplomatic relations
verb meet met : 043:043
  * with +        : 043:043
  hold * &TIES    : 046
verb decline : -
  * to_comment    : 011 solo
noun talks talk : 046:046
  * with +        : 046:046
verb call_off : 160
`
	d, err := Parse(File{R: strings.NewReader(src), Origin: "test.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if e, p := d.Len(); e != 4 || p != 4 {
		t.Errorf("Len = %d entries, %d patterns; want 4, 4", e, p)
	}
	if fs := d.Lookup("met", false); len(fs) != 1 || d.Entries[fs[0].Entry].Name != "meet" {
		t.Errorf("met: %+v", fs)
	}
	if fs := d.Lookup("calling", false); len(fs) != 1 || !reflect.DeepEqual(fs[0].After, []string{"off"}) {
		t.Errorf("calling off: %+v", fs)
	}
	if fs := d.Lookup("talks", true); len(fs) != 1 || d.Lookup("talks", false) != nil {
		t.Errorf("talks is a noun only: %+v / %+v", fs, d.Lookup("talks", false))
	}
	dec := d.Entries[1]
	if !dec.Code.IsNull() || !dec.Patterns[0].Solo || dec.Patterns[0].Code.Fwd != "011" {
		t.Errorf("decline: %+v", dec)
	}
	if got := d.Sets[d.Entries[0].Patterns[1].Post[0].Set]; !reflect.DeepEqual(got, [][]string{{"ties"}, {"diplomatic", "relations"}}) {
		t.Errorf("set TIES = %v", got)
	}
	if !strings.Contains(d.Entries[0].Patterns[0].Rule, "test.txt:4") {
		t.Errorf("rule %q does not cite test.txt:4", d.Entries[0].Patterns[0].Rule)
	}
}

func TestParseErrors(t *testing.T) {
	const src = `verb meet : 043
  * with +  : 43x
  * with +  : 043 loud
  with +    : 043
verb : 010
noun talks : 046
  * &NOSUCH : 046
frob
`
	_, err := Parse(File{R: strings.NewReader(src), Origin: "bad.txt"})
	var list doc.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want an ErrorList, got %v", err)
	}
	lines := map[int]bool{}
	for _, e := range list {
		lines[e.Line] = true
	}
	for _, l := range []int{2, 3, 4, 5, 7, 8} {
		if !lines[l] {
			t.Errorf("no error reported at line %d; got %v", l, list)
		}
	}
}

func TestParsePetrarch(t *testing.T) {
	const src = `<!-- a PETRARCH verb file -->
&CURRENCY
+DOLLARS
+SWISS_FRANCS

--- MEET  [031:031]  ---
MEET    # a comment
+SIT_DOWN {+SAT_DOWN}
HUDDLE [040]
- * WITH % [031]
- NOT * RELATIONS [112]  # tony
- * DIPLXMATIC [###]
- * &CURRENCY [070]

--- DEPART [032] ---
DEPART
~ a transformation rule, skipped
`
	d, err := ParsePetrarch(File{R: strings.NewReader(src), Origin: "v.txt"})
	if err != nil {
		t.Fatal(err)
	}
	meet := d.Entries[0]
	if meet.Code != (Code{"031", "031"}) || len(meet.Patterns) != 3 {
		t.Errorf("MEET = %+v (the [###] placeholder pattern is dropped)", meet)
	}
	if fs := d.Lookup("sat", false); len(fs) != 1 || fs[0].After[0] != "down" {
		t.Errorf("sat down: %+v", fs)
	}
	if fs := d.Lookup("huddled", false); len(fs) != 1 || !fs[0].HasCode || fs[0].Code.Fwd != "040" {
		t.Errorf("huddled: %+v", fs)
	}
	if fs := d.Lookup("departs", false); len(fs) != 1 || d.Lookup("departes", false) != nil {
		t.Errorf("departs: %+v", fs)
	}
	if got := len(d.Sets[0]); got != 2 {
		t.Errorf("CURRENCY has %d phrases, want 2", got)
	}
	if _, err := ParsePetrarch(File{R: strings.NewReader("- * WITH + [031]\n"), Origin: "x"}); err == nil {
		t.Error("a pattern outside a block must be an error")
	}
}

func TestIsOwnFormat(t *testing.T) {
	for src, want := range map[string]bool{
		"# c\n\nverb meet : 043\n":   true,
		"set X: a | b\n":             true,
		"--- MEET [031] ---\nMEET\n": false,
		"&CURRENCY\n+DOLLARS\n":      false,
	} {
		if got := IsOwnFormat([]byte(src)); got != want {
			t.Errorf("IsOwnFormat(%q) = %v", src, got)
		}
	}
}

// TestBuiltin checks that the embedded dictionary reads without errors
// and that every code it uses is in the codebook.
func TestBuiltin(t *testing.T) {
	d, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if e, p := d.Len(); e < 150 || p < 300 {
		t.Errorf("built-in dictionary has %d entries and %d patterns; want at least 150 and 300", e, p)
	}
	book := testBook(t)
	check := func(c Code, where string) {
		for _, code := range []string{c.Fwd, c.Rev} {
			if _, ok := book.Lookup(code); code != "" && !ok {
				t.Errorf("%s: code %s is not in the codebook", where, code)
			}
		}
	}
	for _, e := range d.Entries {
		check(e.Code, e.Rule)
		for _, p := range e.Patterns {
			check(p.Code, p.Rule)
		}
	}
}

// TestPetrarchFiles reads PETRARCH2's verb dictionaries when ../shared is
// beside the checkout.
func TestPetrarchFiles(t *testing.T) {
	for _, name := range []string{"CAMEO.2.0.txt", "PETR.Validate.verbs.txt"} {
		path := "../../../shared/dicts/petrarch2/" + name
		f, err := os.Open(path)
		if err != nil {
			t.Skipf("%s not present (%v); skipping", name, err)
		}
		d, err := ParsePetrarch(File{R: f, Origin: path})
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		e, p := d.Len()
		t.Logf("%s: %d verb blocks, %d patterns", name, e, p)
		if e < 100 || p < 300 {
			t.Errorf("%s: only %d blocks and %d patterns", name, e, p)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("verb meet met : 043:043\n  * with + : 043\n")
	f.Add("set X: a | b c\nnoun talks : 046\n  * &X_with + : 046 solo\n")
	f.Add("--- MEET [031:031] ---\nMEET {MET}\n- * WITH_% [031]\n&S\n+A_B\n")
	f.Add("*_*_\n  * _ : -\n")
	f.Fuzz(func(t *testing.T, src string) {
		for _, parse := range []func(...File) (*Dict, error){Parse, ParsePetrarch} {
			d, err := parse(File{R: strings.NewReader(src), Origin: "fuzz"})
			var list doc.ErrorList
			if err != nil && !errors.As(err, &list) {
				t.Fatalf("error is not a line list: %v", err)
			}
			if d == nil {
				continue
			}
			for _, e := range d.Entries {
				for _, p := range e.Patterns {
					for _, el := range append(append([]Elem(nil), p.Pre...), p.Post...) {
						if el.Kind == ElemSet && int(el.Set) >= len(d.Sets) {
							t.Fatalf("set index %d out of range", el.Set)
						}
					}
				}
			}
		}
	})
}
