package geo

//go:generate go run ./gen
//go:generate go run ./genindex

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/doc"
)

// Feature classes of gazetteer entries.
const (
	FeatureCountry = "country"
	FeatureAdmin1  = "admin1"
	FeatureCity    = "city"
)

// Entry is one place in the gazetteer.
type Entry struct {
	ID         int64  // GeoNames ID
	Name       string // English or local name as GeoNames gives it
	Feature    string // FeatureCountry, FeatureAdmin1 or FeatureCity
	Country    string // ISO 3166-1 alpha-3 code
	Admin1     string // name of the first-level division, "" for countries and where unknown
	Capital    bool   // a city that is its country's capital
	Population int64  // 0 where unknown (all admin1 entries)
	Lat, Lon   float64
}

// Gazetteer is a table of places with an index by name. It is not changed
// after loading and is safe for concurrent use.
type Gazetteer struct {
	entries []Entry
	// The name index: keys are the normalised names, sorted; the entries
	// named keys[i] are post[start[i]:start[i+1]], best first. Sorted
	// slices rather than a map, so that the built-in gazetteer loads from
	// its precomputed index (index.go) without hashing every name.
	keys      []string
	start     []int32
	post      []int32
	byCountry map[string]int32 // ISO3 → index of the country entry
	capitals  map[string]int32 // ISO3 → index of the country's capital
}

// Builtin reads the gazetteer embedded in the binary: the precomputed
// index of data/geo/gazetteer.tsv.gz (see ReadIndex), which loads in a few
// milliseconds where parsing the table took some fifty. Each call reads
// it anew: callers keep the value.
func Builtin() (*Gazetteer, error) {
	g, err := ReadIndex(data.Geo)
	if err != nil {
		return nil, fmt.Errorf("geo: embedded gazetteer: %w", err)
	}
	return g, nil
}

const columns = 9

// Load parses a gazetteer file: UTF-8 text, one place a line, nine
// tab-separated columns (id, feature, name, country, admin1, population,
// lat, lon, alternates separated by "|"); blank lines and lines starting
// with "#" are skipped. Every malformed line is reported, as a
// doc.ErrorList citing origin and line numbers.
func Load(r io.Reader, origin string) (*Gazetteer, error) {
	g := &Gazetteer{byCountry: map[string]int32{}, capitals: map[string]int32{}}
	byName := map[string][]int32{} // normalised name → entry indexes
	var errs doc.ErrorList
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), doc.MaxDataLine)
	line := 0
	var fields [columns]string
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		n := 0
		for rest := text; ; n++ {
			i := strings.IndexByte(rest, '\t')
			if n >= columns {
				n++
				break
			}
			if i < 0 {
				fields[n] = rest
				n++
				break
			}
			fields[n], rest = rest[:i], rest[i+1:]
		}
		if n != columns {
			errs.Addf(origin, line, "want %d tab-separated columns, have %d", columns, strings.Count(text, "\t")+1)
			continue
		}
		e, alts, msg := parseRow(fields)
		if msg != "" {
			errs.Addf(origin, line, "%s", msg)
			continue
		}
		idx := int32(len(g.entries))
		if e.Feature == FeatureCountry {
			if _, dup := g.byCountry[e.Country]; dup {
				errs.Addf(origin, line, "second country entry for %s", e.Country)
				continue
			}
			g.byCountry[e.Country] = idx
		}
		if e.Capital {
			// a country with several seats (Bolivia): the most populous
			if old, ok := g.capitals[e.Country]; !ok || g.entries[old].Population < e.Population {
				g.capitals[e.Country] = idx
			}
		}
		g.entries = append(g.entries, e)
		index(byName, e.Name, idx)
		for _, a := range alts {
			index(byName, a, idx)
		}
	}
	if err := sc.Err(); err != nil {
		errs.Addf(origin, line+1, "%v", err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	g.keys = make([]string, 0, len(byName))
	for k := range byName {
		g.keys = append(g.keys, k)
	}
	sort.Strings(g.keys)
	g.start = make([]int32, 0, len(g.keys)+1)
	for _, k := range g.keys {
		ids := byName[k]
		sort.SliceStable(ids, func(i, j int) bool { return g.before(ids[i], ids[j]) })
		g.start = append(g.start, int32(len(g.post)))
		g.post = append(g.post, ids...)
	}
	g.start = append(g.start, int32(len(g.post)))
	return g, nil
}

// parseRow checks one row's fields; msg is "" when they are good.
func parseRow(f [columns]string) (e Entry, alts []string, msg string) {
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return e, nil, fmt.Sprintf("bad id %q", f[0])
	}
	feature, capital := f[1], false
	switch feature {
	case FeatureCountry, FeatureAdmin1, FeatureCity:
	case "capital": // a city that is its country's seat of government
		feature, capital = FeatureCity, true
	default:
		return e, nil, fmt.Sprintf("unknown feature %q (want country, admin1, capital or city)", f[1])
	}
	if strings.TrimSpace(f[2]) == "" || normalize(f[2]) == "" {
		return e, nil, "empty name"
	}
	if len(f[3]) != 3 || strings.ToUpper(f[3]) != f[3] || !isASCIILetters(f[3]) {
		return e, nil, fmt.Sprintf("bad country %q (want an ISO 3166-1 alpha-3 code)", f[3])
	}
	pop, err := strconv.ParseInt(f[5], 10, 64)
	if err != nil || pop < 0 {
		return e, nil, fmt.Sprintf("bad population %q", f[5])
	}
	lat, err := strconv.ParseFloat(f[6], 64)
	if err != nil || math.IsNaN(lat) || lat < -90 || lat > 90 {
		return e, nil, fmt.Sprintf("bad latitude %q", f[6])
	}
	lon, err := strconv.ParseFloat(f[7], 64)
	if err != nil || math.IsNaN(lon) || lon < -180 || lon > 180 {
		return e, nil, fmt.Sprintf("bad longitude %q", f[7])
	}
	if f[8] != "" {
		alts = strings.Split(f[8], "|")
	}
	return Entry{ID: id, Feature: feature, Capital: capital, Name: f[2], Country: f[3], Admin1: f[4],
		Population: pop, Lat: lat, Lon: lon}, alts, ""
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// index adds entry idx under name, once.
func index(byName map[string][]int32, name string, idx int32) {
	k := normalize(name)
	if k == "" {
		return
	}
	ids := byName[k]
	for _, x := range ids {
		if x == idx {
			return
		}
	}
	byName[k] = append(ids, idx)
}

// before orders lookup results: countries first, then by population, then
// admin1 before city, then by ID.
func (g *Gazetteer) before(i, j int32) bool {
	a, b := &g.entries[i], &g.entries[j]
	if (a.Feature == FeatureCountry) != (b.Feature == FeatureCountry) {
		return a.Feature == FeatureCountry
	}
	if a.Population != b.Population {
		return a.Population > b.Population
	}
	if a.Feature != b.Feature {
		return a.Feature == FeatureAdmin1
	}
	return a.ID < b.ID
}

// Lookup returns every entry whose name or an alternate name matches name,
// ignoring case, accents and punctuation: countries first, then the most
// populous. The slice is the caller's.
func (g *Gazetteer) Lookup(name string) []Entry {
	k, ok := slices.BinarySearch(g.keys, normalize(name))
	if !ok {
		return nil
	}
	ids := g.post[g.start[k]:g.start[k+1]]
	if len(ids) == 0 {
		return nil
	}
	out := make([]Entry, len(ids))
	for i, x := range ids {
		out[i] = g.entries[x]
	}
	return out
}

// Country returns the country entry for an ISO 3166-1 alpha-3 code.
func (g *Gazetteer) Country(iso3 string) (Entry, bool) {
	i, ok := g.byCountry[strings.ToUpper(iso3)]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// Capital returns the capital city of the country with an ISO 3166-1
// alpha-3 code.
func (g *Gazetteer) Capital(iso3 string) (Entry, bool) {
	i, ok := g.capitals[strings.ToUpper(iso3)]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// Len is the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// At returns entry i, 0 <= i < Len(): for callers that list the places,
// such as the name recogniser's lexicons.
func (g *Gazetteer) At(i int) Entry { return g.entries[i] }

// letterFold spells letters that have no decomposition into a base letter
// and a mark.
var letterFold = map[rune]string{
	'ł': "l", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "d", 'ı': "i", 'þ': "th", 'ð': "d", 'ħ': "h",
}

// normalize is the lookup key of a name: lower case, accents removed,
// apostrophes dropped, other non-alphanumerics turned into single spaces.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == 'ʼ' || r == 'ʻ' || r == '‘' || r == '`':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			r = unicode.ToLower(r)
			if f, ok := letterFold[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		default:
			space = true
		}
	}
	return b.String()
}
