package geo

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// The embedded index must hold exactly what parsing the gazetteer table
// gives: the same entries, name keys and result order.
func TestBuiltinIndexMatchesTable(t *testing.T) {
	const table = "../../data/geo/gazetteer.tsv.gz"
	f, err := os.Open(table)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Load(zr, table)
	if err != nil {
		t.Fatal(err)
	}
	got := builtin(t)
	const stale = "data/geo/gazetteer.idx is stale: run go generate ./internal/geo (or go run ./genindex in internal/geo)"
	if !reflect.DeepEqual(got.entries, want.entries) {
		t.Fatalf("entries differ; %s", stale)
	}
	if !reflect.DeepEqual(got.keys, want.keys) || !reflect.DeepEqual(got.start, want.start) || !reflect.DeepEqual(got.post, want.post) {
		t.Fatalf("name index differs; %s", stale)
	}
	if !reflect.DeepEqual(got.byCountry, want.byCountry) || !reflect.DeepEqual(got.capitals, want.capitals) {
		t.Fatalf("country or capital tables differ; %s", stale)
	}
	if len(got.entries) < 20000 || len(got.keys) < 20000 {
		t.Errorf("only %d entries, %d names", len(got.entries), len(got.keys))
	}
}

const smallTable = `1	country	Land	LND		100	1.5	2.5	The Land|Landia
2	capital	Landton	LND	North	50	1.25	2.75	Landtown
3	city	Landton	LND	South	70	-1	-2.000001	
4	capital	Big Landton	LND	South	60	3	4	
5	admin1	São Paulo	BRA		0	-23.5	-46.6	Sao Paulo
`

func TestIndexRoundTrip(t *testing.T) {
	g, err := Load(strings.NewReader(smallTable), "small.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteIndex(&b); err != nil {
		t.Fatal(err)
	}
	back, err := ReadIndex(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, g) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, g)
	}
	tests := []struct {
		name string
		ids  []int64
	}{
		{"landton", []int64{3, 2}}, // the more populous first
		{"LANDIA", []int64{1}},
		{"sao paulo", []int64{5}},
		{"nowhere", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var ids []int64
		for _, e := range back.Lookup(tt.name) {
			ids = append(ids, e.ID)
		}
		if !reflect.DeepEqual(ids, tt.ids) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.name, ids, tt.ids)
		}
	}
	if c, ok := back.Capital("LND"); !ok || c.ID != 4 {
		t.Errorf("Capital(LND) = %+v, %v; want the more populous seat, 4", c, ok)
	}
}

// Every cut and every flipped byte of a good index is refused with
// ErrIndex or still reads; it never panics.
func TestReadIndexDamaged(t *testing.T) {
	g, err := Load(strings.NewReader(smallTable), "small.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteIndex(&b); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	for n := 0; n < len(good); n++ {
		if _, err := ReadIndex(good[:n]); !errors.Is(err, ErrIndex) {
			t.Fatalf("cut at %d: err = %v, want ErrIndex", n, err)
		}
	}
	for i := range good {
		bad := bytes.Clone(good)
		bad[i] ^= 0xff
		if _, err := ReadIndex(bad); err != nil && !errors.Is(err, ErrIndex) {
			t.Fatalf("flip at %d: err = %v, want nil or ErrIndex", i, err)
		}
	}
	if _, err := ReadIndex(append(bytes.Clone(good), 0)); !errors.Is(err, ErrIndex) {
		t.Errorf("trailing byte: err = %v, want ErrIndex", err)
	}
}

func FuzzReadIndex(f *testing.F) {
	g, err := Load(strings.NewReader(smallTable), "small.tsv")
	if err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteIndex(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(indexMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ReadIndex(data)
		if err != nil {
			if !errors.Is(err, ErrIndex) {
				t.Fatalf("error %v does not wrap ErrIndex", err)
			}
			return
		}
		for _, k := range g.keys {
			g.Lookup(k) // must not panic
		}
		for i := range g.Len() {
			g.Lookup(g.At(i).Name)
		}
	})
}
