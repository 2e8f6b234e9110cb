package pipeline

import (
	"strings"
	"testing"
)

// TestSeedQuotes checks the seed article's seven direct quotes and their
// speakers, as the quotes issue asks. Quotes are found by a few of their
// words; the article stays in ../shared.
func TestSeedQuotes(t *testing.T) {
	r := codeSeed(t)
	tests := []struct{ words, speaker string }{
		{"reaffirmed the goal", "Sergei Lavrov"},
		{"reality is telling", "Bashar al-Assad"},
		{"mutual effort", "Vladimir Putin"},
		{"explore initiatives", "Kerry’s spokesman"},
		{"serious and frank", "John Kerry"},
		{"sense of where", "John Kerry"}, // "he added"
		{"obstreperous client", "Robert Ford"},
	}
	for _, tt := range tests {
		found := false
		for _, q := range r.Quotes {
			if !strings.Contains(q.Span.In(r.Article.Text), tt.words) || !q.Direct {
				continue
			}
			found = true
			if q.Speaker == nil || q.Speaker.Actor.Name != tt.speaker {
				t.Errorf("quote with %q: speaker %+v, want %s", tt.words, q.Speaker, tt.speaker)
			}
		}
		if !found {
			t.Errorf("no direct quote with %q", tt.words)
		}
	}
}
