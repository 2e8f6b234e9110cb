package extract

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

// checkRawMap asserts that every segment of a's map leads to input bytes
// that say the same thing as the cleaned text.
func checkRawMap(t *testing.T, raw []byte, a doc.Article) {
	t.Helper()
	if len(a.RawMap) == 0 {
		t.Fatal("no raw map")
	}
	prev := doc.Segment{}
	for i, seg := range a.RawMap {
		if i > 0 && (seg.Text.Start < prev.Text.End || seg.Raw.Start < prev.Raw.End) {
			t.Fatalf("segment %d %v overlaps or goes back from %v", i, seg, prev)
		}
		prev = seg
		got := seg.Text.In(a.Text)
		if int(seg.Raw.End) > len(raw) {
			t.Fatalf("segment %v beyond raw input of %d bytes", seg, len(raw))
		}
		want := string(raw[seg.Raw.Start:seg.Raw.End])
		if seg.Text.Len() != seg.Raw.Len() {
			want, _, _, _ = Decode([]byte(want))
		}
		if got != want {
			t.Fatalf("segment %v: text %q but raw %q", seg, got, want)
		}
	}
}

func TestTextCleaning(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		title     string
		text      string
		dropped   int
		decodedAs string
	}{
		{
			name:    "title, boilerplate and trailing headline",
			in:      "Share\n\nMinisters meet in Rome\n\nThe ministers met on Monday.\n\nAdvertisement\n\n“We agreed,” one said.\n\nOther news: a rival summit ends early",
			title:   "Ministers meet in Rome",
			text:    "The ministers met on Monday.\n\n“We agreed,” one said.",
			dropped: 3,
		},
		{
			name:  "one paragraph a line, CRLF",
			in:    "Rebels take town\r\nRebels took the town of Kidal on Sunday.\r\nThe army said it would respond.\r\n",
			title: "Rebels take town",
			text:  "Rebels took the town of Kidal on Sunday.\n\nThe army said it would respond.",
		},
		{
			name:  "hard-wrapped paragraphs are joined",
			in:    "Talks resume\n\nNegotiators from both sides returned to the table on Monday after a\nbreak of three weeks, officials said.\n\nNo date was set.",
			title: "Talks resume",
			text:  "Negotiators from both sides returned to the table on Monday after a break of three weeks, officials said.\n\nNo date was set.",
		},
		{
			name:  "white space collapsed",
			in:    "Heading here\n\n  The   envoy\tarrived  late.  ",
			title: "Heading here",
			text:  "The envoy arrived late.",
		},
		{
			name:    "social buttons and related lines",
			in:      "Facebook Twitter WhatsApp Email\n\nPolice detain 40\n\nPolice detained 40 people in the capital.\n\nRelated: Protests spread to second city\n\nRead more: What the protesters want",
			title:   "Police detain 40",
			text:    "Police detained 40 people in the capital.",
			dropped: 3,
		},
		{
			name: "first line ending in a full stop is text",
			in:   "The summit opened on Monday.\n\nLeaders arrived by train.",
			text: "The summit opened on Monday.\n\nLeaders arrived by train.",
		},
		{
			name:  "title ending in an initialism",
			in:    "Iran summons envoy of the U.K.\n\nTehran summoned the envoy on Monday.",
			title: "Iran summons envoy of the U.K.",
			text:  "Tehran summoned the envoy on Monday.",
		},
		{
			name: "single paragraph, no title taken",
			in:   "Troops withdrew overnight",
			text: "Troops withdrew overnight",
		},
		{
			name:      "windows-1252 quotes and dashes",
			in:        "Ceasefire holds\n\n\x93We will keep our word \x96 for now,\x94 the commander said. Caf\xe9 owners reopened.",
			title:     "Ceasefire holds",
			text:      "“We will keep our word – for now,” the commander said. Café owners reopened.",
			decodedAs: "windows-1252",
		},
		{
			name:      "utf-8 with BOM",
			in:        "\xef\xbb\xbfTalks end\n\nThe talks ended.",
			title:     "Talks end",
			text:      "The talks ended.",
			decodedAs: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, diags, err := Text([]byte(tt.in), TextOptions{Origin: "t.txt"})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("title %q, want %q", a.Title, tt.title)
			}
			if a.Text != tt.text {
				t.Errorf("text\n got %q\nwant %q", a.Text, tt.text)
			}
			dropped, decoded := 0, ""
			for _, d := range diags {
				if strings.HasPrefix(d.Msg, "dropped") {
					dropped++
				}
				if strings.HasPrefix(d.Msg, "decoded as ") {
					decoded = strings.TrimPrefix(d.Msg, "decoded as ")
				}
			}
			if dropped != tt.dropped {
				t.Errorf("dropped %d lines, want %d: %v", dropped, tt.dropped, diags)
			}
			if decoded != tt.decodedAs {
				t.Errorf("decoded as %q, want %q", decoded, tt.decodedAs)
			}
			checkRawMap(t, []byte(tt.in), a)
		})
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte(" \n\n\t \r\n"), ErrEmpty},
		{"binary", []byte("\x00\x01\x02\x03PK\x03\x04\x00\x00\x08\x00binary\x00\x00\x00\x10junk\x00\x00"), ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Text(tt.in, TextOptions{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	// Only boilerplate: a clear error, not an empty article.
	if _, _, err := Text([]byte("Share\n\nAdvertisement\n"), TextOptions{}); err == nil {
		t.Fatal("an input of only boilerplate gave no error")
	}
}

func TestTextHugeLine(t *testing.T) {
	in := strings.Repeat("word ", 2<<20) // 10 MB on one line
	a, _, err := Text([]byte(in), TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Text) != len(in)-1 {
		t.Fatalf("got %d bytes of text from %d", len(a.Text), len(in))
	}
}

// The seed article from ../shared, when present: the acceptance check for
// the text reader. Its text is not copied into this repository.
func TestSeedArticle(t *testing.T) {
	const path = "../../../shared/seeds/000_e3ffeffa01896273.txt"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed article not present (%v); skipping", err)
	}
	a, _, err := Text(raw, TextOptions{Origin: path})
	if err != nil {
		t.Fatal(err)
	}
	if want := "U.S. calls for joint efforts with Russian Federation"; a.Title != want {
		t.Errorf("title %q, want %q", a.Title, want)
	}
	for _, junk := range []string{"Share", "Advertisement", "Teams Up American and Russian Forces"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("cleaned text still contains %q", junk)
		}
	}
	// Every input paragraph that is not the title, a boilerplate line or
	// the trailing headline is in the text, whole and in order.
	var body []string
	paras := strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n\n")
	for i, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" || p == a.Title || p == "Share" || p == "Advertisement" || i == len(paras)-1 {
			continue
		}
		body = append(body, p)
	}
	if got := strings.Split(a.Text, "\n\n"); strings.Join(got, "|") != strings.Join(body, "|") {
		t.Errorf("got %d paragraphs, want the %d body paragraphs", len(got), len(body))
	}
	checkRawMap(t, raw, a)
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"Title\n\nBody text here.\n\nAdvertisement\n\nMore text.",
		"\xef\xbb\xbfBOM\r\n\r\nbody",
		"\x93quoted\x94 cp1252 \xe9",
		"\xff\xfeU\x00T\x00F\x00-\x001\x006\x00",
		"Share\n\n\n\n \t\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, _, err := Text(raw, TextOptions{})
		if err != nil {
			return
		}
		if a.Text == "" {
			t.Fatal("no error but empty text")
		}
		for _, seg := range a.RawMap {
			if seg.Text.End > int32(len(a.Text)) || seg.Raw.End > int32(len(raw)) || seg.Text.Start > seg.Text.End || seg.Raw.Start > seg.Raw.End {
				t.Fatalf("segment %v out of range (text %d, raw %d)", seg, len(a.Text), len(raw))
			}
		}
	})
}
