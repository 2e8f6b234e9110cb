package learn

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

// toy is a separable task: the class is the index of the largest of
// three noisy signals, each seen as one of ten bucketed features.
func toy(rng *rand.Rand, n int) (feats [][]uint64, gold []int) {
	for range n {
		var v [3]int
		best := 0
		for c := range v {
			v[c] = rng.IntN(10)
			if v[c] > v[best] {
				best = c
			}
		}
		f := []uint64{Key(0, 0)} // bias
		for c := range v {
			f = append(f, Key2(1, uint64(c), uint64(v[c])))
		}
		feats, gold = append(feats, f), append(gold, best)
	}
	return feats, gold
}

func trainToy(t *testing.T) (*Model, [][]uint64, []int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	feats, gold := toy(rng, 3000)
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	for range 5 {
		for i, f := range feats {
			tr.Scores(f, scores)
			guess, _ := Best(scores, nil)
			tr.Update(f, gold[i], guess)
		}
	}
	m, err := tr.Model(Header{Kind: "toy", Labels: []string{"a", "b", "c"}, Notes: "test"}, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	return m, feats, gold
}

func accuracy(m *Model, feats [][]uint64, gold []int) float64 {
	right := 0
	scores := make([]int32, m.Classes())
	for i, f := range feats {
		clear(scores)
		m.Scores(f, scores)
		if c, _ := Best(scores, nil); c == gold[i] {
			right++
		}
	}
	return float64(right) / float64(len(gold))
}

func TestTrainLearnsAndRoundTrips(t *testing.T) {
	m, _, _ := trainToy(t)
	test, gold := toy(rand.New(rand.NewPCG(3, 4)), 1000)
	acc := accuracy(m, test, gold)
	// Ties (equal largest signals) make some examples unlearnable.
	if acc < 0.85 {
		t.Fatalf("held-out accuracy %.3f, want ≥ 0.85", acc)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if m2.Header.Kind != "toy" || m2.Header.Notes != "test" || len(m2.Header.Labels) != 3 || m2.Features() != m.Features() {
		t.Fatalf("header or size changed: %+v, %d features", m2.Header, m2.Features())
	}
	if acc2 := accuracy(m2, test, gold); acc2 != acc {
		t.Fatalf("accuracy after reload %.3f, before %.3f", acc2, acc)
	}
	// Training is deterministic: the same examples give the same bytes.
	m3, _, _ := trainToy(t)
	var buf3 bytes.Buffer
	m3.WriteTo(&buf3)
	if !bytes.Equal(buf.Bytes(), buf3.Bytes()) {
		t.Fatal("two trainings on the same data wrote different models")
	}
}

func TestReadRefusesBadFiles(t *testing.T) {
	m, _, _ := trainToy(t)
	var buf bytes.Buffer
	m.WriteTo(&buf)
	good := buf.Bytes()
	flip := bytes.Clone(good)
	flip[len(flip)/2] ^= 0x40
	version := bytes.Clone(good)
	version[len(magic)] = 9
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "no model header"},
		{"text", []byte("this is not a model at all, just words"), "no model header"},
		{"truncated", good[:len(good)/3], "checksum"},
		{"flipped bit", flip, "checksum"},
		{"other version", version, "version 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.data)
			if err == nil || !errors.Is(err, ErrFormat) || !bytes.Contains([]byte(err.Error()), []byte(tt.want)) {
				t.Fatalf("Read = %v, want an ErrFormat saying %q", err, tt.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	m, _, _ := func() (*Model, [][]uint64, []int) { return trainToy(&testing.T{}) }()
	var buf bytes.Buffer
	m.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(magic + "\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(data)
		if err != nil {
			return
		}
		scores := make([]int32, m.Classes())
		m.Scores([]uint64{1, 2, 3}, scores)
	})
}

func BenchmarkScores(b *testing.B) {
	m, feats, _ := trainToy(&testing.T{})
	scores := make([]int32, m.Classes())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clear(scores)
		m.Scores(feats[i%len(feats)], scores)
	}
}

// A pinned feature keeps its class through averaging, pruning and a
// round trip through the file format, and unknown features have none.
func TestPinAddAndClass(t *testing.T) {
	tr := NewTrainer(3)
	f, g := Key(7, Hash("the")), Key(7, Hash("walk"))
	for range 100 {
		tr.Update([]uint64{Key(0, 0)}, 1, 0)
	}
	tr.Pin(f, 2, 1)
	m, err := tr.Model(Header{Kind: "toy", Labels: []string{"a", "b", "c"}}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// Averaged sees what Model writes; Add adds it and says it was there.
	avg := make([]float32, 3)
	tr.Averaged([]uint64{f, Key(0, 0)}, avg)
	if avg[2] != 1 || avg[1] <= 0 || avg[0] >= 0 {
		t.Errorf("Averaged = %v, want class 2 at 1, class 1 up, class 0 down", avg)
	}
	got := make([]int32, 3)
	if !m.Add(f, got) || got[2] <= 0 || got[0] != 0 || got[1] != 0 {
		t.Errorf("Add(pinned) = %v", got)
	}
	if m.Add(g, got) {
		t.Error("Add(unknown feature) reported weights")
	}
	tr.Pin(f, 0, 1)
	m3, err := tr.Model(Header{Kind: "toy", Labels: []string{"a", "b", "c"}}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if cs := m3.AppendClasses(nil, f); len(cs) != 2 || cs[0] != 0 || cs[1] != 2 {
		t.Errorf("AppendClasses(pinned twice) = %v, want [0 2]", cs)
	}
	if cs := m3.AppendClasses([]int{9}, g); len(cs) != 1 {
		t.Errorf("AppendClasses(unknown) = %v, want dst unchanged", cs)
	}
	tests := []struct {
		f     uint64
		class int
		ok    bool
	}{{f, 2, true}, {g, 0, false}}
	for _, tt := range tests {
		for _, mm := range []*Model{m, m2} {
			if c, ok := mm.Class(tt.f); c != tt.class || ok != tt.ok {
				t.Errorf("Class(%#x) = %d, %v; want %d, %v", tt.f, c, ok, tt.class, tt.ok)
			}
		}
	}
}

// Scores adds the weights of features with short and long runs as the
// model holds them, and nothing for unknown features.
func TestScoresShortAndLongRuns(t *testing.T) {
	const classes = 9
	labels := make([]string, classes)
	for c := range labels {
		labels[c] = string(rune('a' + c))
	}
	tr := NewTrainer(classes)
	for range 10 {
		tr.Update([]uint64{Key(0, 0)}, 1, 0)
	}
	var feats []uint64
	for k := 1; k <= classes; k++ { // feature k has weights for k classes
		f := Key(1, uint64(k))
		feats = append(feats, f)
		for c := range k {
			tr.Pin(f, c, float32(k*10+c))
		}
	}
	m, err := tr.Model(Header{Kind: "toy", Labels: labels}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]int32, classes)
	for _, f := range feats {
		// The reference: the feature's run in the shared weights.
		k := f | 1
		for i := k & m.mask; m.table[i].key != 0; i = (i + 1) & m.mask {
			if s := m.table[i]; s.key == k {
				for _, p := range m.pairs[s.lo:s.hi] {
					want[p.class] += int32(p.w)
				}
				break
			}
		}
	}
	got := make([]int32, classes)
	m.Scores(append([]uint64{Key(2, 0)}, feats...), got)
	if [classes]int32(got) != [classes]int32(want) || want[classes-1] == 0 {
		t.Errorf("Scores = %v, want %v", got, want)
	}
	clear(got)
	m.Scores([]uint64{Key(2, 0), Key(2, 1)}, got)
	if [classes]int32(got) != [classes]int32{} {
		t.Errorf("Scores(unknown features) = %v, want zeros", got)
	}
}
