package lexicon

import "testing"

func TestIsLocative(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"in", true}, {"In", true}, {"NEAR", true}, {"throughout", true},
		{"to", false}, {"from", false}, {"of", false}, {"", false},
	}
	for _, tt := range tests {
		if got := IsLocative(tt.w); got != tt.want {
			t.Errorf("IsLocative(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
	// Locatives hands out a copy: changing it changes nothing here.
	l := Locatives()
	l[0] = "to"
	if IsLocative("to") || !IsLocative("in") {
		t.Errorf("Locatives shares its list")
	}
}
