package geo

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func builtin(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func near(e Entry, lat, lon, tol float64) bool {
	return math.Abs(e.Lat-lat) <= tol && math.Abs(e.Lon-lon) <= tol
}

func TestLookupFirst(t *testing.T) {
	g := builtin(t)
	tests := []struct {
		name, country, feature string
		lat, lon               float64
	}{
		{"Moscow", "RUS", FeatureCity, 55.75, 37.62},
		{"Paris", "FRA", FeatureCity, 48.85, 2.35},
		{"Aleppo", "SYR", "", 36.2, 37.16},
		{"Georgia", "GEO", FeatureCountry, 42, 43.5},
		{"São Paulo", "BRA", FeatureCity, -23.55, -46.64},
		{"sao paulo", "BRA", FeatureCity, -23.55, -46.64},
		{"UK", "GBR", FeatureCountry, 54.76, -2.7},
		{"Britain", "GBR", FeatureCountry, 54.76, -2.7},
		{"United States", "USA", FeatureCountry, 39.76, -98.5},
		{"US", "USA", FeatureCountry, 39.76, -98.5},
		{"Ivory Coast", "CIV", FeatureCountry, 8, -5.5},
		{"Czechia", "CZE", FeatureCountry, 49.75, 15},
		{"Bavaria", "DEU", FeatureAdmin1, 48.14, 11.58},
		{"Idaho", "USA", FeatureAdmin1, 43.61, -116.2},
		{"Kosovo", "XKX", FeatureCountry, 42.58, 21},
	}
	for _, tt := range tests {
		got := g.Lookup(tt.name)
		if len(got) == 0 {
			t.Errorf("Lookup(%q): nothing", tt.name)
			continue
		}
		e := got[0]
		if e.Country != tt.country || (tt.feature != "" && e.Feature != tt.feature) || !near(e, tt.lat, tt.lon, 1.5) {
			t.Errorf("Lookup(%q)[0] = %+v, want %s %s near %.2f,%.2f", tt.name, e, tt.feature, tt.country, tt.lat, tt.lon)
		}
	}
}

func TestLookupContains(t *testing.T) {
	g := builtin(t)
	tests := []struct {
		name, country, feature, admin1 string
	}{
		{"Moscow", "USA", FeatureCity, "Idaho"},
		{"Moscow", "RUS", FeatureAdmin1, "Moscow"},
		{"Georgia", "USA", FeatureAdmin1, "Georgia"},
		{"Georgia", "GEO", FeatureCountry, ""},
		{"Aleppo", "SYR", FeatureAdmin1, "Aleppo Governorate"},
		{"Aleppo", "SYR", FeatureCity, "Aleppo Governorate"},
	}
	for _, tt := range tests {
		found := false
		for _, e := range g.Lookup(tt.name) {
			if e.Country == tt.country && e.Feature == tt.feature && e.Admin1 == tt.admin1 {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q) lacks a %s in %s/%q", tt.name, tt.feature, tt.country, tt.admin1)
		}
	}
}

func TestLookupOrder(t *testing.T) {
	g := builtin(t)
	for _, name := range []string{"Moscow", "Georgia", "Paris", "Springfield", "Aleppo"} {
		got := g.Lookup(name)
		for i := 1; i < len(got); i++ {
			a, b := got[i-1], got[i]
			if b.Feature == FeatureCountry && a.Feature != FeatureCountry {
				t.Errorf("Lookup(%q): country %v after %v", name, b, a)
			}
			if a.Feature != FeatureCountry && b.Feature != FeatureCountry && a.Population < b.Population {
				t.Errorf("Lookup(%q): %v (pop %d) before %v (pop %d)", name, a.Name, a.Population, b.Name, b.Population)
			}
		}
	}
	ru := g.Lookup("Moscow")
	if ru[0].ID != 524901 {
		t.Errorf("Moscow[0] = %+v, want GeoNames 524901", ru[0])
	}
}

func TestLookupSameKey(t *testing.T) {
	g := builtin(t)
	pairs := [][2]string{{"Sao Paulo", "São Paulo"}, {"MOSCOW", "moscow"}, {"Zürich", "Zurich"},
		{"Côte d'Ivoire", "Cote dIvoire"}, {"Łódź", "Lodz"}, {"Deir ez-Zor", "deir ez zor"}}
	for _, p := range pairs {
		a, b := g.Lookup(p[0]), g.Lookup(p[1])
		if len(a) == 0 || len(a) != len(b) || a[0] != b[0] {
			t.Errorf("Lookup(%q) = %d entries, Lookup(%q) = %d entries; want the same", p[0], len(a), p[1], len(b))
		}
	}
	if got := g.Lookup("Nowhereville-on-Nothing"); got != nil {
		t.Errorf("unknown name gave %v", got)
	}
}

func TestCountry(t *testing.T) {
	g := builtin(t)
	tests := []struct {
		iso3, name string
		ok         bool
	}{
		{"FRA", "France", true},
		{"usa", "United States of America", true},
		{"SYR", "Syria", true},
		{"GEO", "Georgia", true},
		{"XXX", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		e, ok := g.Country(tt.iso3)
		if ok != tt.ok || e.Name != tt.name || (ok && e.Feature != FeatureCountry) {
			t.Errorf("Country(%q) = %+v, %v; want %q, %v", tt.iso3, e, ok, tt.name, tt.ok)
		}
	}
	if n := g.Len(); n < 20000 {
		t.Errorf("Len() = %d, want over 20000", n)
	}
}

func TestLoad(t *testing.T) {
	const good = "# comment\n" +
		"1\tcountry\tLand\tLND\t\t100\t1.5\t2.5\tThe Land|Landia\n" +
		"\n" +
		"2\tcity\tLand City\tLND\tNorth\t50\t1\t2\t\n"
	g, err := Load(strings.NewReader(good), "good.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 2 || len(g.Lookup("landia")) != 1 || len(g.Lookup("land city")) != 1 {
		t.Errorf("good file: Len %d, %v, %v", g.Len(), g.Lookup("landia"), g.Lookup("land city"))
	}

	tests := []struct {
		name, text string
		line       int
		msg        string
	}{
		{"few columns", "# c\n1\tcity\tX\tLND\n", 2, "columns"},
		{"many columns", "1\tcity\tX\tLND\t\t1\t1\t1\t\textra\n", 1, "columns"},
		{"bad id", "x\tcity\tX\tLND\t\t1\t1\t1\t\n", 1, "bad id"},
		{"bad feature", "1\ttown\tX\tLND\t\t1\t1\t1\t\n", 1, "feature"},
		{"empty name", "1\tcity\t \tLND\t\t1\t1\t1\t\n", 1, "empty name"},
		{"bad country", "1\tcity\tX\tld\t\t1\t1\t1\t\n", 1, "country"},
		{"bad population", "\n\n1\tcity\tX\tLND\t\tmany\t1\t1\t\n", 3, "population"},
		{"negative population", "1\tcity\tX\tLND\t\t-5\t1\t1\t\n", 1, "population"},
		{"bad latitude", "1\tcity\tX\tLND\t\t1\t91\t1\t\n", 1, "latitude"},
		{"bad longitude", "1\tcity\tX\tLND\t\t1\t1\tNaN\t\n", 1, "longitude"},
		{"two countries", "1\tcountry\tX\tLND\t\t1\t1\t1\t\n1\tcountry\tY\tLND\t\t1\t1\t1\t\n", 2, "second country"},
	}
	for _, tt := range tests {
		_, err := Load(strings.NewReader(tt.text), "bad.tsv")
		var list doc.ErrorList
		if !errors.As(err, &list) || len(list) != 1 {
			t.Errorf("%s: err = %v, want one doc.ErrorList entry", tt.name, err)
			continue
		}
		if pe := list[0]; pe.Origin != "bad.tsv" || pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("%s: err = %v, want bad.tsv:%d: ...%s...", tt.name, pe, tt.line, tt.msg)
		}
	}

	// Every bad line is reported, not only the first.
	_, err = Load(strings.NewReader("x\n1\tcity\tX\tLND\t\t1\t1\t1\t\ny\n"), "many.tsv")
	var list doc.ErrorList
	if !errors.As(err, &list) || len(list) != 2 || list[0].Line != 1 || list[1].Line != 3 {
		t.Errorf("two bad lines: err = %v", err)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("1\tcountry\tLand\tLND\t\t100\t1.5\t2.5\tThe Land|Landia\n")
	f.Add("# c\n2\tcity\tSão Paulo\tBRA\tSão Paulo\t10\t-23.5\t-46.6\tSao Paulo\n")
	f.Add("1\tcity\tX\tLND\n\n\t\t\t\t\t\t\t\t\n")
	f.Fuzz(func(t *testing.T, text string) {
		g, err := Load(strings.NewReader(text), "fuzz.tsv")
		if err != nil {
			var list doc.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v is not a non-empty doc.ErrorList", err)
			}
			for _, pe := range list {
				if pe.Line < 1 {
					t.Fatalf("error without a line number: %v", pe)
				}
			}
			return
		}
		for i := 0; i < g.Len(); i++ {
			e := g.entries[i]
			found := false
			for _, x := range g.Lookup(e.Name) {
				if x == e {
					found = true
				}
			}
			if !found {
				t.Fatalf("entry %+v not found by its own name", e)
			}
		}
	})
}

func BenchmarkBuiltin(b *testing.B) {
	for b.Loop() {
		if _, err := Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := builtin(b)
	names := []string{"Moscow", "São Paulo", "Georgia", "Aleppo", "Springfield", "nowhere"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.Lookup(names[i%len(names)])
	}
}
