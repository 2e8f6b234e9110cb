package pipeline

import (
	"slices"
	"testing"
)

// TestSeedQuotes checks the seed article's direct quotes and their
// speakers, in text order, as the quotes issue asks: the sixth is a
// "he added" that must come out as Kerry, the seventh a two-word partial
// quote inside Ford's reported speech. No words of the article are
// needed; it stays in ../shared.
func TestSeedQuotes(t *testing.T) {
	r := codeSeed(t)
	want := []string{"Sergei Lavrov", "Bashar al-Assad", "Vladimir Putin", "Kerry’s spokesman", "John Kerry", "John Kerry", "Robert Ford"}
	var got []string
	for _, q := range r.Quotes {
		if !q.Direct {
			continue
		}
		name := "?"
		if q.Speaker != nil {
			name = q.Speaker.Actor.Name
		}
		got = append(got, name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("direct quote speakers in order:\n got %q\nwant %q", got, want)
	}
}
