package output

import (
	"bufio"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
)

// gdeltColumns are the 61 columns of a GDELT 2.0 Event table row
// (*.export.CSV), in file order.
var gdeltColumns = [...]string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
	"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
	"Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
	"Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// gdeltWidth is the number of fields in a row.
const gdeltWidth = len(gdeltColumns)

// GDELTColumns returns the names of the 61 columns of a GDELT 2.0 Event
// row in order. GDELT's files carry no header line; the names are those of
// the GDELT codebook, for loaders that want one. The slice is a fresh copy.
func GDELTColumns() []string {
	return slices.Clone(gdeltColumns[:])
}

// GDELTWriter writes stored events as rows of GDELT 2.0's Event table: 61
// tab-separated fields, one event a line, no header. Output is buffered;
// call Flush when done. docs/gdelt.md says how each column is filled.
type GDELTWriter struct {
	w     *bufio.Writer
	added string
	row   [gdeltWidth]string
	line  []byte
}

// NewGDELTWriter returns a writer to w. added is the time written to every
// row's DATEADDED column (GDELT's 15-minute batch time), taken in UTC.
func NewGDELTWriter(w io.Writer, added time.Time) *GDELTWriter {
	return &GDELTWriter{w: bufio.NewWriter(w), added: added.UTC().Format("20060102150405")}
}

// Write writes e as one row. The error is the underlying writer's, and
// once one occurs every later Write and Flush returns it.
func (g *GDELTWriter) Write(e doc.StoredEvent) error {
	fillGDELTRow(&g.row, e, g.added)
	g.line = g.line[:0]
	for i, f := range g.row {
		if i > 0 {
			g.line = append(g.line, '\t')
		}
		g.line = appendClean(g.line, f)
	}
	g.line = append(g.line, '\n')
	_, err := g.w.Write(g.line)
	return err
}

// Flush writes any buffered rows to the underlying writer.
func (g *GDELTWriter) Flush() error { return g.w.Flush() }

// appendClean appends s with every character that would end a field or a
// line (tab, line feed, carriage return, vertical tab, form feed, NEL and
// the Unicode line and paragraph separators) replaced by a space.
func appendClean(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "\t\n\r\v\f\u0085\u2028\u2029") {
		return append(b, s...)
	}
	for _, r := range s {
		switch r {
		case '\t', '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
			r = ' '
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// gdeltRow returns the fields of e's row before cleaning.
func gdeltRow(e doc.StoredEvent, added string) []string {
	var row [gdeltWidth]string
	fillGDELTRow(&row, e, added)
	return row[:]
}

// fillGDELTRow sets every field of row from e. Fields are written in
// column order; a field with nothing to say is "".
func fillGDELTRow(row *[gdeltWidth]string, e doc.StoredEvent, added string) {
	*row = [gdeltWidth]string{}
	row[0] = globalEventID(e.ID)
	if d, ok := eventDate(e); ok {
		row[1] = d.Format("20060102")
		row[2] = d.Format("200601")
		row[3] = d.Format("2006")
		row[4] = strconv.FormatFloat(float64(d.Year())+float64(d.YearDay())/365, 'f', 4, 64)
	}
	a1 := parseActor(e.Source)
	a2 := parseActor(e.Target)
	a1.fill(row[5:15])
	a2.fill(row[15:25])

	row[25] = isRootEvent(e.Mentions)
	row[26] = e.Code
	row[27] = e.Code
	if len(e.Code) > 3 {
		row[27] = e.Code[:3]
	}
	row[28] = e.Root
	if row[28] == "" && len(e.Code) >= 2 {
		row[28] = e.Code[:2]
	}
	row[29] = quadClass(e.QuadClass, row[28])
	row[30] = formatFloat(float64(e.Goldstein), 1)
	row[31] = strconv.Itoa(e.NumMentions)
	row[32] = strconv.Itoa(e.NumSources)
	row[33] = strconv.Itoa(e.NumArticles)
	row[34] = "0" // dyad computes no tone

	g := placeGeo(e.Place)
	geoFor(g, a1.country).fill(row[35:43])
	geoFor(g, a2.country).fill(row[43:51])
	g.fill(row[51:59])

	row[59] = added
	row[60] = e.FirstURL
}

// globalEventID turns dyad's event ID, a hex digest, into GDELT's integer
// ID: the first 15 hex digits, a number below 2^60. The ID is a hash of
// the aggregation key, so the same event gets the same number in every
// run. An ID that is not hex (or is shorter, or reads as 0) is hashed with
// FNV-1a instead, keeping the number positive and below 2^60.
func globalEventID(id string) string {
	if id == "" {
		return ""
	}
	if len(id) >= 15 {
		if v, err := strconv.ParseUint(id[:15], 16, 64); err == nil && v > 0 {
			return strconv.FormatUint(v, 10)
		}
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	v := h.Sum64() & (1<<60 - 1)
	if v == 0 {
		v = 1
	}
	return strconv.FormatUint(v, 10)
}

// eventDate is the event's date: e.Date (YYYY-MM-DD, or a shorter YYYY-MM
// or YYYY with the missing parts taken as 01), else the UTC date of
// FirstSeen. ok is false when neither is known.
func eventDate(e doc.StoredEvent) (time.Time, bool) {
	for _, layout := range [...]string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, e.Date); err == nil {
			return t, true
		}
	}
	if !e.FirstSeen.IsZero() {
		y, m, d := e.FirstSeen.UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// isRootEvent is 1 when a mention of the event is in one of an article's
// first three sentences (GDELT's "lead paragraph" test) or when dyad kept
// no mentions to tell, and 0 when every kept mention is further down.
func isRootEvent(ms []doc.EventMention) string {
	if len(ms) == 0 {
		return "1"
	}
	for _, m := range ms {
		if m.Sentence < 3 {
			return "1"
		}
	}
	return "0"
}

// quadClass is q as a digit; when q is QuadNone it is derived from the
// CAMEO root code as GDELT assigns it (01–05 verbal cooperation, 06–08
// material cooperation, 09–13 verbal conflict, 14–20 material conflict).
func quadClass(q doc.QuadClass, root string) string {
	if q >= doc.VerbalCooperation && q <= doc.MaterialConflict {
		return strconv.Itoa(int(q))
	}
	n, err := strconv.Atoi(root)
	switch {
	case err != nil || n < 1:
		return "0"
	case n <= 5:
		return "1"
	case n <= 8:
		return "2"
	case n <= 13:
		return "3"
	case n <= 20:
		return "4"
	}
	return "0"
}

// formatFloat writes f with prec decimals, never as "-0.0".
func formatFloat(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		s = s[1:]
	}
	return s
}

// gdeltActor is an actor broken into GDELT's ten actor columns.
type gdeltActor struct {
	code, name, country, group, ethnic string
	religion                           [2]string
	types                              [3]string
}

// fill writes the actor's ten columns into dst.
func (a gdeltActor) fill(dst []string) {
	copy(dst, []string{a.code, a.name, a.country, a.group, a.ethnic,
		a.religion[0], a.religion[1], a.types[0], a.types[1], a.types[2]})
}

// parseActor breaks a CAMEO actor code into GDELT's parts by reading it in
// three-letter chunks:
//
//   - the first chunk is the country when it is a country or CAMEO region
//     code; Actor.Country, when set, is the country whatever the code says;
//   - a type code (GOV, MIL, IGO, NGO, ...) fills the next free of the
//     three type columns, in order;
//   - a religion code fills Religion1, then Religion2;
//   - a known organisation code (UNO, NAT, EEC, WHO, ...), or any other
//     chunk after IGO/NGO/IMG/MNC, is the known group; when there are
//     several (IGOUNOHLHWHO) the last, most specific one wins;
//   - a country or region code after the first chunk (IGOEUREEC, MNCUSA)
//     is the country when none is known yet;
//   - anything else (ethnic codes, which dyad does not assign) is dropped.
//
// A nil actor gives ten empty columns.
func parseActor(a *doc.Actor) gdeltActor {
	if a == nil {
		return gdeltActor{}
	}
	code := strings.ToUpper(strings.TrimSpace(a.Code))
	out := gdeltActor{code: code, name: strings.ToUpper(strings.TrimSpace(a.Name)),
		country: strings.ToUpper(strings.TrimSpace(a.Country))}
	nType, nRel := 0, 0
	afterOrg := false
	for i := 0; i+3 <= len(code); i += 3 {
		c := code[i : i+3]
		if i == 0 && (c == out.country || isCountryOrRegion(c)) && !isActorType(c) {
			if out.country == "" {
				out.country = c
			}
			continue
		}
		switch {
		case isActorType(c):
			if nType < len(out.types) {
				out.types[nType] = c
				nType++
			}
			if c == "IGO" || c == "NGO" || c == "IMG" || c == "MNC" {
				afterOrg = true
			}
		case isReligion(c):
			if nRel < len(out.religion) {
				out.religion[nRel] = c
				nRel++
			}
		case isKnownGroup(c):
			out.group = c
		case isCountryOrRegion(c):
			if out.country == "" {
				out.country = c
			}
		case afterOrg:
			out.group = c
		}
	}
	return out
}

// isCountryOrRegion reports whether c is an ISO/CAMEO country code or one
// of CAMEO's regional codes.
func isCountryOrRegion(c string) bool {
	if _, ok := slices.BinarySearch(cameoRegions[:], c); ok {
		return true
	}
	_, _, ok := FIPSCountry(c)
	return ok
}

func isActorType(c string) bool {
	_, ok := slices.BinarySearch(cameoTypes[:], c)
	return ok
}

func isReligion(c string) bool {
	_, ok := slices.BinarySearch(cameoReligions[:], c)
	return ok
}

func isKnownGroup(c string) bool {
	_, ok := slices.BinarySearch(cameoKnownGroups[:], c)
	return ok
}

// cameoRegions are CAMEO's regional "country" codes, sorted.
var cameoRegions = [...]string{
	"AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU",
	"EIN", "EUR", "LAM", "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM",
	"SAS", "SCN", "SEA", "WAF", "WST",
}

// cameoTypes are CAMEO's actor type (role and sector) codes, sorted. It
// holds every sector dyad's actor coder knows, plus GDELT's NGM and UIS.
var cameoTypes = [...]string{
	"AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV",
	"HLH", "HRI", "IGO", "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL",
	"MNC", "MOD", "NGM", "NGO", "OPP", "PTY", "RAD", "REB", "REF", "REL",
	"SEP", "SET", "SPY", "UAF", "UIS",
}

// cameoReligions are CAMEO's religion codes and sub-codes, sorted. MUS is
// the spelling dyad's dictionaries use for Muslim groups (IMGMUSISI); it
// is also Mauritius, which it stays as the first chunk of a code.
var cameoReligions = [...]string{
	"ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX",
	"DRZ", "HIN", "HSD", "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN",
	"MUS", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN", "SIK", "SUN", "TAO",
	"UDX", "ZRO",
}

// cameoKnownGroups are the organisation codes CAMEO and dyad's dictionaries
// put after IGO, NGO or IMG, sorted: international bodies, NGOs and armed
// groups. None is also a country, region, type or religion code.
var cameoKnownGroups = [...]string{
	"AFB", "AFU", "ALQ", "AMN", "AMU", "ARL", "ASN", "BIS", "CIS", "COE",
	"CWN", "EAC", "EBR", "EEC", "EFT", "FAO", "GCC", "GOE", "GOS", "HCH",
	"HCR", "HRW", "IAD", "IAE", "ICC", "ICG", "ICJ", "IDB", "ILO", "IMF",
	"IOM", "IRC", "ISI", "ITP", "KID", "MSF", "NAT", "NUS", "OAS", "OAU",
	"OIC", "OPC", "PAP", "SAA", "SAD", "SCE", "UNO", "WAS", "WBK", "WFP",
	"WHO", "WTO", "XFM",
}

// gdeltGeo is a place broken into GDELT's eight geography columns; the
// zero value (ok false) writes type 0 and seven empty fields, as GDELT
// does for an actor or action with no location.
type gdeltGeo struct {
	ok                                bool
	iso3                              string
	typ                               int
	fullName, country, adm1, lat, lon string
	feature                           string
}

func (g gdeltGeo) fill(dst []string) {
	if !g.ok {
		copy(dst, []string{"0", "", "", "", "", "", "", ""})
		return
	}
	copy(dst, []string{strconv.Itoa(g.typ), g.fullName, g.country, g.adm1, "", g.lat, g.lon, g.feature})
}

// geoFor is the action's place for an actor of country iso3: the same
// place when it lies in the actor's country, else none.
func geoFor(g gdeltGeo, iso3 string) gdeltGeo {
	if g.ok && iso3 != "" && isoFromCAMEO(iso3) == g.iso3 {
		return g
	}
	return gdeltGeo{}
}

// GDELT's geographic resolution types.
const (
	geoCountry    = 1
	geoUSState    = 2
	geoUSCity     = 3
	geoWorldCity  = 4
	geoWorldState = 5
)

// placeGeo fills the geography columns from a dyad place.
func placeGeo(p *doc.Place) gdeltGeo {
	if p == nil {
		return gdeltGeo{}
	}
	iso := isoFromCAMEO(strings.ToUpper(strings.TrimSpace(p.Country)))
	fips, cname, known := FIPSCountry(iso)
	if !known {
		cname = iso
	}
	us := iso == "USA"
	g := gdeltGeo{ok: true, iso3: iso, country: fips, adm1: fips,
		lat: formatFloat(p.Lat, 4), lon: formatFloat(p.Lon, 4)}
	var parts []string
	switch p.Feature {
	case "country":
		g.typ = geoCountry
		if cname == "" {
			cname = p.Name
		}
		parts = []string{cname}
	case "admin1":
		g.typ = geoWorldState
		if us {
			g.typ = geoUSState
		}
		name := p.Name
		if name == "" {
			name = p.Admin1
		}
		parts = []string{name, cname}
	default: // "city" and anything finer
		g.typ = geoWorldCity
		if us {
			g.typ = geoUSCity
		}
		parts = []string{p.Name}
		if p.Admin1 != "" && p.Admin1 != p.Name {
			parts = append(parts, p.Admin1)
		}
		parts = append(parts, cname)
	}
	g.fullName = joinNonEmpty(parts)
	switch {
	case p.GeonameID != 0:
		g.feature = strconv.FormatInt(p.GeonameID, 10)
	case g.typ == geoCountry:
		g.feature = fips
	}
	return g
}

// joinNonEmpty joins the non-empty parts with ", ".
func joinNonEmpty(parts []string) string {
	var keep []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, ", ")
}
