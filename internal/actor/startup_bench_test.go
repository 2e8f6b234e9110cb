package actor

import "testing"

// The actor stage's share of dyad's start-up: parsing the built-in
// dictionaries, then building the phrase matcher over them.
func BenchmarkBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewCoder(b *testing.B) {
	d, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	given, err := GivenNames()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		NewCoder(d, given)
	}
}
