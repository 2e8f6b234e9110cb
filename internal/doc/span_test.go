package doc

import "testing"

func TestOffsetMapRaw(t *testing.T) {
	// Text "ab\n\nCafé x" built from raw "  ab\nCaf\xe9  x": "ab" copied from
	// raw 2..4, a paragraph break inserted, "Caf" copied 1:1, "é" (2 bytes)
	// from one raw byte, then a folded space and "x".
	m := OffsetMap{
		{Text: NewSpan(0, 2), Raw: NewSpan(2, 4)},
		{Text: NewSpan(4, 7), Raw: NewSpan(5, 8)},
		{Text: NewSpan(7, 9), Raw: NewSpan(8, 9)},
		{Text: NewSpan(10, 11), Raw: NewSpan(11, 12)},
	}
	tests := []struct {
		in   Span
		want Span
		ok   bool
	}{
		{NewSpan(0, 2), NewSpan(2, 4), true},
		{NewSpan(1, 2), NewSpan(3, 4), true},
		{NewSpan(4, 9), NewSpan(5, 9), true},   // through the transcoded character
		{NewSpan(7, 9), NewSpan(8, 9), true},   // the character alone
		{NewSpan(4, 11), NewSpan(5, 12), true}, // across a folded space
		{NewSpan(2, 4), NewSpan(4, 5), true},   // the inserted break maps between its neighbours
		{NewSpan(11, 12), Span{}, false},       // past the end
	}
	for _, tt := range tests {
		got, ok := m.Raw(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Raw(%v) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := OffsetMap(nil).Raw(NewSpan(0, 1)); ok {
		t.Error("empty map mapped a span")
	}
}

func TestOffsetMapCompose(t *testing.T) {
	// inner: decoded "Café!" from raw "Caf\xe9!" (é is 2 bytes from 1).
	inner := OffsetMap{
		{Text: NewSpan(0, 3), Raw: NewSpan(0, 3)},
		{Text: NewSpan(3, 5), Raw: NewSpan(3, 4)},
		{Text: NewSpan(5, 6), Raw: NewSpan(4, 5)},
	}
	// outer: cleaned text is all of the decoded text, shifted by 2.
	outer := OffsetMap{{Text: NewSpan(0, 6), Raw: NewSpan(0, 6)}}
	got := outer.Compose(inner)
	want := OffsetMap{
		{Text: NewSpan(0, 3), Raw: NewSpan(0, 3)},
		{Text: NewSpan(3, 5), Raw: NewSpan(3, 4)},
		{Text: NewSpan(5, 6), Raw: NewSpan(4, 5)},
	}
	if len(got) != len(want) {
		t.Fatalf("Compose = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("Compose = %v, want %v", got, want)
		}
	}
	if r, ok := got.Raw(NewSpan(0, 6)); !ok || r != NewSpan(0, 5) {
		t.Errorf("whole text maps to %v, want [0,5)", r)
	}
}

func TestSpanIn(t *testing.T) {
	s := "hello"
	for _, tt := range []struct {
		sp   Span
		want string
	}{{NewSpan(1, 3), "el"}, {NewSpan(3, 9), ""}, {NewSpan(-1, 2), ""}, {NewSpan(4, 2), ""}} {
		if got := tt.sp.In(s); got != tt.want {
			t.Errorf("%v.In = %q, want %q", tt.sp, got, tt.want)
		}
	}
}
