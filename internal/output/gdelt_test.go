package output

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

var gdeltAdded = time.Date(2016, 7, 15, 12, 45, 0, 0, time.FixedZone("", 2*3600))

// col is the index of a named GDELT column; it fails the test on a typo.
func col(t *testing.T, name string) int {
	t.Helper()
	i := slices.Index(GDELTColumns(), name)
	if i < 0 {
		t.Fatalf("no GDELT column %q", name)
	}
	return i
}

func fullEvent() doc.StoredEvent {
	rus := doc.Actor{Code: "RUSGOV", Name: "Sergei Lavrov", Country: "RUS", Sector: "GOV"}
	usa := doc.Actor{Code: "USAGOV", Name: "John Kerry", Country: "USA", Sector: "GOV"}
	moscow := doc.Place{Name: "Moscow", Feature: "city", Country: "RUS", Admin1: "Moskva",
		Lat: 55.75222, Lon: 37.61556, GeonameID: 524901}
	return doc.StoredEvent{
		ID: "0a1b2c3d4e5f6a7b8c9d0e1f", Date: "2016-07-15", DatePrecision: doc.PrecisionDay,
		Source: &rus, Target: &usa, Code: "043", Root: "04", QuadClass: doc.VerbalCooperation,
		Goldstein: 2.8, Place: &moscow, NumMentions: 5, NumArticles: 3, NumSources: 2, NumStories: 1,
		FirstSeen: time.Date(2016, 7, 15, 8, 0, 0, 0, time.UTC), FirstURL: "https://example.org/a",
		Mentions: []doc.EventMention{{Sentence: 7}, {Sentence: 1}},
	}
}

// gdeltEvents are events that must all give well-formed rows.
func gdeltEvents() map[string]doc.StoredEvent {
	full := fullEvent()

	bare := doc.StoredEvent{ID: "ffffffffffffffffffff", Code: "190", Root: "19"}

	dirty := fullEvent()
	src := *dirty.Source
	src.Name = "Sergei\tLavrov\nthe minister\r\u2028"
	dirty.Source = &src
	pl := *dirty.Place
	pl.Name = "Mos\tcow"
	dirty.Place = &pl
	dirty.FirstURL = "https://example.org/a\tb\nc"

	noDate := fullEvent()
	noDate.Date = ""
	noDate.FirstSeen = time.Date(2016, 12, 31, 23, 30, 0, 0, time.FixedZone("", -5*3600))

	state := fullEvent()
	state.Place = &doc.Place{Name: "Texas", Feature: "admin1", Country: "USA", Admin1: "Texas", Lat: 31, Lon: -100}

	return map[string]doc.StoredEvent{"full": full, "bare": bare, "dirty": dirty, "no date": noDate, "US state": state}
}

// Column kinds, for the type checks.
var (
	gdeltIntCols = []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
		"NumMentions", "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED"}
	gdeltFloatCols = []string{"FractionDate", "GoldsteinScale", "AvgTone",
		"Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}
)

func TestGDELTColumns(t *testing.T) {
	cols := GDELTColumns()
	if len(cols) != 61 {
		t.Fatalf("%d columns, want 61", len(cols))
	}
	seen := map[string]bool{}
	for _, c := range cols {
		if seen[c] {
			t.Errorf("duplicate column %q", c)
		}
		seen[c] = true
	}
	for i, want := range map[int]string{0: "GLOBALEVENTID", 5: "Actor1Code", 15: "Actor2Code", 25: "IsRootEvent",
		34: "AvgTone", 35: "Actor1Geo_Type", 43: "Actor2Geo_Type", 51: "ActionGeo_Type", 59: "DATEADDED", 60: "SOURCEURL"} {
		if cols[i] != want {
			t.Errorf("column %d = %q, want %q", i, cols[i], want)
		}
	}
	cols[0] = "changed"
	if GDELTColumns()[0] != "GLOBALEVENTID" {
		t.Error("GDELTColumns returns a shared slice")
	}
}

func TestGDELTRowShape(t *testing.T) {
	for name, e := range gdeltEvents() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			g := NewGDELTWriter(&buf, gdeltAdded)
			for range 2 {
				if err := g.Write(e); err != nil {
					t.Fatal(err)
				}
			}
			if buf.Len() != 0 {
				t.Error("rows written before Flush: output is not buffered")
			}
			if err := g.Flush(); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if !strings.HasSuffix(out, "\n") {
				t.Fatal("output does not end with a newline")
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != 2 {
				t.Fatalf("%d lines, want 2:\n%s", len(lines), out)
			}
			if lines[0] != lines[1] {
				t.Error("the same event gave two different rows")
			}
			f := strings.Split(lines[0], "\t")
			if len(f) != 61 {
				t.Fatalf("%d fields, want 61: %q", len(f), lines[0])
			}
			if strings.Contains(out, "<nil>") || strings.ContainsAny(lines[0], "\r\v\f\u2028") {
				t.Errorf("bad text in row: %q", lines[0])
			}
			for _, c := range gdeltIntCols {
				if v := f[col(t, c)]; v != "" {
					if _, err := strconv.ParseInt(v, 10, 64); err != nil {
						t.Errorf("%s = %q, not an integer", c, v)
					}
				}
			}
			for _, c := range gdeltFloatCols {
				if v := f[col(t, c)]; v != "" {
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						t.Errorf("%s = %q, not a number", c, v)
					}
				}
			}
			if v := f[col(t, "SQLDATE")]; v != "" {
				if _, err := time.Parse("20060102", v); err != nil || len(v) != 8 {
					t.Errorf("SQLDATE = %q, not YYYYMMDD", v)
				}
			}
			if v := f[col(t, "DATEADDED")]; v != "20160715104500" {
				t.Errorf("DATEADDED = %q, want 20160715104500 (UTC)", v)
			}
			if id, err := strconv.ParseInt(f[0], 10, 64); err != nil || id <= 0 {
				t.Errorf("GLOBALEVENTID = %q, want a positive int64", f[0])
			}
		})
	}
}

func TestGDELTFields(t *testing.T) {
	ev := gdeltEvents()
	tests := []struct {
		name string
		e    doc.StoredEvent
		want map[string]string
	}{
		{"full", ev["full"], map[string]string{
			"GLOBALEVENTID": strconv.FormatInt(0x0a1b2c3d4e5f6a7, 10),
			"SQLDATE":       "20160715", "MonthYear": "201607", "Year": "2016", "FractionDate": "2016.5397",
			"Actor1Code": "RUSGOV", "Actor1Name": "SERGEI LAVROV", "Actor1CountryCode": "RUS",
			"Actor1KnownGroupCode": "", "Actor1EthnicCode": "", "Actor1Type1Code": "GOV", "Actor1Type2Code": "",
			"Actor2Code": "USAGOV", "Actor2Name": "JOHN KERRY", "Actor2CountryCode": "USA",
			"IsRootEvent": "1", "EventCode": "043", "EventBaseCode": "043", "EventRootCode": "04",
			"QuadClass": "1", "GoldsteinScale": "2.8", "NumMentions": "5", "NumSources": "2",
			"NumArticles": "3", "AvgTone": "0",
			"Actor1Geo_Type": "4", "Actor1Geo_FullName": "Moscow, Moskva, Russia", "Actor1Geo_CountryCode": "RS",
			"Actor1Geo_ADM1Code": "RS", "Actor1Geo_ADM2Code": "", "Actor1Geo_Lat": "55.7522",
			"Actor1Geo_Long": "37.6156", "Actor1Geo_FeatureID": "524901",
			"Actor2Geo_Type": "0", "Actor2Geo_FullName": "", "Actor2Geo_CountryCode": "", "Actor2Geo_Lat": "",
			"Actor2Geo_FeatureID": "",
			"ActionGeo_Type":      "4", "ActionGeo_FullName": "Moscow, Moskva, Russia", "ActionGeo_CountryCode": "RS",
			"ActionGeo_FeatureID": "524901",
			"DATEADDED":           "20160715104500", "SOURCEURL": "https://example.org/a",
		}},
		{"nil actors and place", ev["bare"], map[string]string{
			"SQLDATE": "", "FractionDate": "", "Actor1Code": "", "Actor1Name": "", "Actor1CountryCode": "",
			"Actor1Type1Code": "", "Actor2Code": "", "Actor2Name": "", "Actor2Type3Code": "",
			"IsRootEvent": "1", "EventCode": "190", "EventBaseCode": "190", "EventRootCode": "19",
			"QuadClass": "4", "GoldsteinScale": "0.0", "NumMentions": "0",
			"Actor1Geo_Type": "0", "ActionGeo_Type": "0", "ActionGeo_FullName": "", "ActionGeo_Lat": "",
			"ActionGeo_Long": "", "ActionGeo_FeatureID": "", "SOURCEURL": "",
			"GLOBALEVENTID": strconv.FormatInt(1<<60-1, 10),
		}},
		{"no date falls back to FirstSeen in UTC", ev["no date"], map[string]string{
			"SQLDATE": "20170101", "MonthYear": "201701", "Year": "2017", "FractionDate": "2017.0027",
		}},
		{"US state", ev["US state"], map[string]string{
			"ActionGeo_Type": "2", "ActionGeo_FullName": "Texas, United States", "ActionGeo_CountryCode": "US",
			"ActionGeo_Lat": "31.0000", "ActionGeo_Long": "-100.0000", "ActionGeo_FeatureID": "",
			"Actor2Geo_Type": "2", "Actor1Geo_Type": "0",
		}},
		{"country place, verbal conflict, mentions only below the lead", doc.StoredEvent{
			ID: "not hex at all", Date: "2014-03", Code: "1121", QuadClass: doc.VerbalConflict, Goldstein: -4.44,
			Source:   &doc.Actor{Code: "UKRMIL", Name: "Ukrainian army"},
			Place:    &doc.Place{Name: "Ukraine", Feature: "country", Country: "UKR", Lat: 49, Lon: 32},
			Mentions: []doc.EventMention{{Sentence: 3}, {Sentence: 9}},
		}, map[string]string{
			"SQLDATE": "20140301", "EventCode": "1121", "EventBaseCode": "112", "EventRootCode": "11",
			"QuadClass": "3", "GoldsteinScale": "-4.4", "IsRootEvent": "0",
			"Actor1CountryCode": "UKR", "Actor1Type1Code": "MIL",
			"Actor1Geo_Type": "1", "Actor1Geo_FullName": "Ukraine", "Actor1Geo_CountryCode": "UP",
			"Actor1Geo_FeatureID": "UP", "ActionGeo_ADM1Code": "UP",
		}},
		{"world state", doc.StoredEvent{
			Code: "0", Place: &doc.Place{Name: "Bavaria", Feature: "admin1", Country: "DEU", GeonameID: 2951839},
		}, map[string]string{
			"GLOBALEVENTID": "", "EventBaseCode": "0", "EventRootCode": "", "QuadClass": "0",
			"ActionGeo_Type": "5", "ActionGeo_FullName": "Bavaria, Germany", "ActionGeo_CountryCode": "GM",
			"ActionGeo_FeatureID": "2951839",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := gdeltRow(tt.e, "20160715104500")
			for c, want := range tt.want {
				if got := row[col(t, c)]; got != want {
					t.Errorf("%s = %q, want %q", c, got, want)
				}
			}
		})
	}
}

func TestGDELTDirtyText(t *testing.T) {
	var buf bytes.Buffer
	g := NewGDELTWriter(&buf, gdeltAdded)
	if err := g.Write(gdeltEvents()["dirty"]); err != nil {
		t.Fatal(err)
	}
	if err := g.Flush(); err != nil {
		t.Fatal(err)
	}
	f := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\t")
	if len(f) != 61 {
		t.Fatalf("%d fields, want 61", len(f))
	}
	for c, want := range map[string]string{
		"Actor1Name":         "SERGEI LAVROV THE MINISTER",
		"ActionGeo_FullName": "Mos cow, Moskva, Russia",
		"SOURCEURL":          "https://example.org/a b c",
	} {
		if got := strings.TrimSpace(f[col(t, c)]); got != want {
			t.Errorf("%s = %q, want %q", c, got, want)
		}
	}
}

func TestParseActor(t *testing.T) {
	tests := []struct {
		actor                                  doc.Actor
		country, group, rel1, rel2, t1, t2, t3 string
	}{
		{doc.Actor{Code: "RUSGOV", Country: "RUS"}, "RUS", "", "", "", "GOV", "", ""},
		{doc.Actor{Code: "USAMIL"}, "USA", "", "", "", "MIL", "", ""},
		{doc.Actor{Code: "IGOUNO"}, "", "UNO", "", "", "IGO", "", ""},
		{doc.Actor{Code: "NGO"}, "", "", "", "", "NGO", "", ""},
		{doc.Actor{Code: "REB"}, "", "", "", "", "REB", "", ""},
		{doc.Actor{Code: "SYRREBISI", Country: "SYR"}, "SYR", "ISI", "", "", "REB", "", ""},
		{doc.Actor{Code: "IGOEUREEC"}, "EUR", "EEC", "", "", "IGO", "", ""},
		{doc.Actor{Code: "IGOWSTNAT"}, "WST", "NAT", "", "", "IGO", "", ""},
		{doc.Actor{Code: "IGOUNOHLHWHO"}, "", "WHO", "", "", "IGO", "HLH", ""},
		{doc.Actor{Code: "IMGMUSISI"}, "", "ISI", "MUS", "", "IMG", "", ""},
		{doc.Actor{Code: "IGOMOSOIC"}, "", "OIC", "MOS", "", "IGO", "", ""},
		{doc.Actor{Code: "NGOHRIAMN"}, "", "AMN", "", "", "NGO", "HRI", ""},
		{doc.Actor{Code: "IGOXYZ"}, "", "XYZ", "", "", "IGO", "", ""},
		{doc.Actor{Code: "MNCUSA"}, "USA", "", "", "", "MNC", "", ""},
		{doc.Actor{Code: "IRQMOSSHIMILRADSPY"}, "IRQ", "", "MOS", "SHI", "MIL", "RAD", "SPY"},
		{doc.Actor{Code: "CHRCTH"}, "", "", "CHR", "CTH", "", "", ""},
		{doc.Actor{Code: "MUSGOV"}, "MUS", "", "", "", "GOV", "", ""},
		{doc.Actor{Code: "ROMGOV"}, "ROM", "", "", "", "GOV", "", ""},
		{doc.Actor{Code: "GOV", Country: "FRA"}, "FRA", "", "", "", "GOV", "", ""},
		{doc.Actor{Code: "UKRREB", Country: "RUS"}, "RUS", "", "", "", "REB", "", ""},
		{doc.Actor{Code: "usagovkur"}, "USA", "", "", "", "GOV", "", ""},
		{doc.Actor{}, "", "", "", "", "", "", ""},
	}
	for _, tt := range tests {
		a := parseActor(&tt.actor)
		got := []string{a.country, a.group, a.religion[0], a.religion[1], a.types[0], a.types[1], a.types[2], a.ethnic}
		want := []string{tt.country, tt.group, tt.rel1, tt.rel2, tt.t1, tt.t2, tt.t3, ""}
		if !slices.Equal(got, want) {
			t.Errorf("%q (country %q): got %q, want %q", tt.actor.Code, tt.actor.Country, got, want)
		}
	}
	if a := parseActor(nil); a != (gdeltActor{}) {
		t.Errorf("nil actor: %+v", a)
	}
}

func TestGDELTActorGeo(t *testing.T) {
	e := fullEvent()
	e.Source = &doc.Actor{Code: "ROMGOV", Name: "Romania"}
	e.Target = &doc.Actor{Code: "IGOUNO", Name: "UN"}
	e.Place = &doc.Place{Name: "Bucharest", Feature: "city", Country: "ROU", GeonameID: 683506}
	row := gdeltRow(e, "")
	if got := row[col(t, "Actor1Geo_FullName")]; got != "Bucharest, Romania" {
		t.Errorf("CAMEO ROM actor in ISO ROU place: Actor1Geo_FullName = %q", got)
	}
	if got := row[col(t, "Actor2Geo_Type")]; got != "0" {
		t.Errorf("IGO actor: Actor2Geo_Type = %q, want 0", got)
	}
}

func TestGlobalEventID(t *testing.T) {
	for _, id := range []string{"0a1b2c3d4e5f6a7b8c9d", "ffffffffffffffffff", "short", "not hex at all....", "000000000000000000", "x"} {
		a, b := globalEventID(id), globalEventID(id)
		if a != b {
			t.Errorf("%q: unstable ID %s vs %s", id, a, b)
		}
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n <= 0 || n >= 1<<60 {
			t.Errorf("%q: GLOBALEVENTID %q not in (0, 2^60)", id, a)
		}
	}
	if globalEventID("abc") == globalEventID("abd") {
		t.Error("different IDs gave the same number")
	}
}

func TestFIPSCountry(t *testing.T) {
	tests := []struct{ iso3, fips, name string }{
		{"AUT", "AU", "Austria"}, {"AUS", "AS", "Australia"}, {"DEU", "GM", "Germany"},
		{"ESP", "SP", "Spain"}, {"SWE", "SW", "Sweden"}, {"CHE", "SZ", "Switzerland"},
		{"CHN", "CH", "China"}, {"CHL", "CI", "Chile"}, {"KOR", "KS", "South Korea"},
		{"PRK", "KN", "North Korea"}, {"IRQ", "IZ", "Iraq"}, {"IRN", "IR", "Iran"},
		{"ISR", "IS", "Israel"}, {"UKR", "UP", "Ukraine"}, {"RUS", "RS", "Russia"},
		{"SYR", "SY", "Syria"}, {"TUR", "TU", "Turkey"}, {"VNM", "VM", "Vietnam"},
		{"PHL", "RP", "Philippines"}, {"MMR", "BM", "Burma"}, {"NER", "NG", "Niger"},
		{"NGA", "NI", "Nigeria"}, {"SDN", "SU", "Sudan"}, {"SSD", "OD", "South Sudan"},
		{"XKX", "KV", "Kosovo"}, {"KSV", "KV", "Kosovo"}, {"GBR", "UK", "United Kingdom"},
		{"JPN", "JA", "Japan"}, {"USA", "US", "United States"}, {"ROM", "RO", "Romania"},
		{"SRB", "RI", "Serbia"}, {"DZA", "AG", "Algeria"},
	}
	for _, tt := range tests {
		fips, name, ok := FIPSCountry(tt.iso3)
		if !ok || fips != tt.fips || name != tt.name {
			t.Errorf("FIPSCountry(%q) = %q, %q, %v; want %q, %q", tt.iso3, fips, name, ok, tt.fips, tt.name)
		}
	}
	for _, bad := range []string{"", "XXX", "rus", "GOV", "EUR"} {
		if _, _, ok := FIPSCountry(bad); ok {
			t.Errorf("FIPSCountry(%q) found", bad)
		}
	}
}

func TestCodeTables(t *testing.T) {
	if len(fipsCountries) < 249 {
		t.Errorf("%d countries, want the ~250 ISO codes", len(fipsCountries))
	}
	for i, c := range fipsCountries {
		if i > 0 && fipsCountries[i-1].iso3 >= c.iso3 {
			t.Errorf("fipsCountries not sorted or not unique at %q", c.iso3)
		}
		if !isUpper(c.iso3, 3) || c.name == "" || (c.fips != "" && !isUpper(c.fips, 2)) || (c.fips == "" && c.iso3 != "UMI") {
			t.Errorf("bad row %+v", c)
		}
	}
	lists := map[string][]string{"regions": cameoRegions[:], "types": cameoTypes[:],
		"religions": cameoReligions[:], "groups": cameoKnownGroups[:]}
	owner := map[string]string{}
	for name, l := range lists {
		for i, c := range l {
			if !isUpper(c, 3) || (i > 0 && l[i-1] >= c) {
				t.Errorf("%s: %q bad, out of order or repeated", name, c)
			}
			if o, dup := owner[c]; dup {
				t.Errorf("%q is in both %s and %s", c, o, name)
			}
			owner[c] = name
			if _, _, ok := FIPSCountry(c); ok && name != "religions" {
				t.Errorf("%s code %q is also a country code", name, c)
			}
		}
	}
}

func isUpper(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestGDELTWriterError(t *testing.T) {
	g := NewGDELTWriter(failWriter{}, gdeltAdded)
	_ = g.Write(fullEvent())
	if err := g.Flush(); err == nil {
		t.Error("Flush hid the writer's error")
	}
}
