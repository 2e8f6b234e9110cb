package pipeline

import "testing"

// BenchmarkNewCoder measures start-up: loading every built-in model and
// dictionary, which each "dyad code" run pays once before its first
// article (issue 14 budgets 0.30 s of CPU for a whole short run).
func BenchmarkNewCoder(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewCoder(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
