package actor

import (
	"errors"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string // substring of the error, "" for none
	}{
		{"country RUS Russia\n  adj: Russian\n", ""},
		{"country rus Russia\n", "test:1: country needs a CAMEO code"},
		{"country RUS\n", "test:1: country RUS needs a name"},
		{"  names: X\n", "test:1: indented line outside an entry"},
		{"planet EAR Earth\n", "test:1: unknown entry kind \"planet\""},
		{"org IGOUNO United Nations\n  adj: UN\n", "test:2: key \"adj\" is not allowed in a org entry"},
		{"country USA United States\n  seat: White House\n", "test:2: seat \"White House\" needs = and a sector"},
		{"person A B\n  role: USAGOV 2017-01-20..2013-02-01\n", "ends (2013-02-01) before it starts"},
		{"person A B\n  role: USAGOV 2013-13-01..\n", "date \"2013-13-01\": want YYYY-MM-DD"},
		{"person A B\n  role: USAGOV 2013\n", "want FROM..TO"},
		{"person A B\n  gender: x\n", "gender \"x\""},
		{"person A B\n  names Kerry\n", "want key: value"},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.src), "test")
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: unexpected error %v", tt.src, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestParseCollectsAllErrors(t *testing.T) {
	_, err := Parse(strings.NewReader("planet X Y\ncountry rus R\nperson P\n  gender: q\n"), "f.txt")
	var list doc.ErrorList
	if !errors.As(err, &list) || len(list) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
	if list[2].Line != 4 {
		t.Errorf("third error at line %d, want 4", list[2].Line)
	}
}

func TestCodeAt(t *testing.T) {
	d, err := Parse(strings.NewReader(testDict), "test")
	if err != nil {
		t.Fatal(err)
	}
	var kerry *Entry
	for i := range d.Entries {
		if d.Entries[i].Name == "John Kerry" {
			kerry = &d.Entries[i]
		}
	}
	tests := []struct {
		date Date
		code string
	}{
		{DateOf(1980, 1, 1), "USA"},
		{DateOf(2005, 6, 1), "USALEG"},
		{DateOf(2013, 2, 1), "USALEG"}, // both roles cover the handover day; the first listed wins
		{DateOf(2013, 2, 2), "USAGOV"},
		{DateOf(2016, 7, 14), "USAGOV"},
		{DateOf(2017, 1, 21), "USAELI"},
		{0, "USAGOV"}, // no date: the latest role
	}
	for _, tt := range tests {
		if got, _, _ := kerry.CodeAt(tt.date); got != tt.code {
			t.Errorf("Kerry on %s: %s, want %s", tt.date, got, tt.code)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(testDict)
	f.Add("country X\n  names: |||\n")
	f.Add("person P\n  role: A 2000-01-01..\n#")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := Parse(strings.NewReader(src), "fuzz")
		if err != nil {
			return
		}
		m := NewMatcher(d, nil)
		var ps []piece
		ps = append(ps, piece{id: 0, first: true, last: true})
		m.find(ps, nil)
	})
}

func TestMatcherCaseRules(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		text string
		want int // mentions of USA
	}{
		{"The US said so.", 1},
		{"The U.S. said so.", 1},
		{"He told us so.", 0},
		{"THE US SAID SO.", 1},
		{"America said so.", 1},
	}
	for _, tt := range tests {
		n := 0
		for _, m := range codeText(t, c, tt.text, 0) {
			if m.Actor.Country == "USA" {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("%q: %d USA mentions, want %d", tt.text, n, tt.want)
		}
	}
}
