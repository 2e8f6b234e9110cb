package actor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// Kind is what sort of thing a dictionary entry names.
type Kind uint8

const (
	KindCountry Kind = iota
	KindOrg
	KindPerson
	KindAgent
)

var kindNames = [...]string{"country", "org", "person", "agent"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Date is a calendar day as YYYYMMDD, so that dates compare as integers.
// Zero means "open" at either end of a role.
type Date int32

// DateOf turns a time's calendar day into a Date.
func DateOf(year, month, day int) Date { return Date(year*10000 + month*100 + day) }

func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100)
}

// Role is one coded position a person held, from From to To inclusive.
type Role struct {
	Code  string
	From  Date
	To    Date
	Title string
}

// Covers reports whether the role was held on day d. An unknown day (0)
// is covered by every role.
func (r Role) Covers(d Date) bool {
	if d == 0 {
		return true
	}
	return (r.From == 0 || d >= r.From) && (r.To == 0 || d <= r.To)
}

// Entry is one actor in a dictionary.
type Entry struct {
	Kind Kind
	Name string
	// Code is the whole CAMEO code for countries (RUS) and organisations
	// (IGOUNO, IMGMUSALQ), the sector for agents (MIL), and empty for
	// people, whose codes come from Roles.
	Code    string
	Country string
	Type    doc.EntityType
	Gender  byte // 'm', 'f' or 0
	Roles   []Role
	Origin  string // file:line it was defined at
}

// Form says how a phrase refers to its entry.
type Form uint8

const (
	FormName    Form = iota // "Russia", "Vladimir Putin", "al-Qaeda"
	FormAdj                 // "Russian"
	FormPeople              // "Russians"
	FormCapital             // "Moscow"
	FormSeat                // "Kremlin": the country's Sector body
	FormAgent               // "forces"
)

// Phrase is one way of writing an entry.
type Phrase struct {
	Text   string
	Entry  int32
	Form   Form
	Sector string // for seats: GOV, MIL, LEG...
}

// Dict is a set of entries and the phrases that name them. Dicts from
// several files merge into one before a Matcher is built.
type Dict struct {
	Entries []Entry
	Phrases []Phrase
}

// Capitals maps each capital's name, as the dictionary spells it, to its
// country's code: what a geocoder needs to read "Kiev" as the seat of
// government rather than the province of the same name.
func (d *Dict) Capitals() map[string]string {
	out := map[string]string{}
	for _, p := range d.Phrases {
		if p.Form == FormCapital {
			out[p.Text] = d.Entries[p.Entry].Code
		}
	}
	return out
}

// Merge appends other's entries and phrases to d.
func (d *Dict) Merge(other *Dict) {
	base := int32(len(d.Entries))
	d.Entries = append(d.Entries, other.Entries...)
	d.Phrases = slices.Grow(d.Phrases, len(other.Phrases))
	for _, p := range other.Phrases {
		p.Entry += base
		d.Phrases = append(d.Phrases, p)
	}
}

// add appends an entry and returns its index.
func (d *Dict) add(e Entry) int32 {
	d.Entries = append(d.Entries, e)
	return int32(len(d.Entries) - 1)
}

func (d *Dict) phrase(entry int32, text string, form Form, sector string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	d.Phrases = append(d.Phrases, Phrase{Text: text, Entry: entry, Form: form, Sector: sector})
}

// CodeAt is the code a person carries on day d: the role held then;
// after a role has ended, its country plus ELI (a former official);
// before any role, the country alone. Non-people carry their Code.
func (e *Entry) CodeAt(d Date) (code, title string, former bool) {
	if e.Kind != KindPerson {
		return e.Code, "", false
	}
	if d == 0 && len(e.Roles) > 0 {
		// No article date: the latest role is the likeliest for news.
		latest := &e.Roles[0]
		for i := range e.Roles {
			if r := &e.Roles[i]; r.From > latest.From || (r.From == latest.From && r.To == 0) {
				latest = r
			}
		}
		return latest.Code, latest.Title, false
	}
	var last *Role
	for i := range e.Roles {
		r := &e.Roles[i]
		if r.Covers(d) {
			return r.Code, r.Title, false
		}
		if r.To != 0 && d > r.To && (last == nil || r.To > last.To) {
			last = r
		}
	}
	if last != nil {
		title := strings.ToLower(last.Title)
		if title == "" {
			title = "official"
		}
		return countryOf(last.Code) + "ELI", "former " + title, true
	}
	if len(e.Roles) > 0 {
		return countryOf(e.Roles[0].Code), "", false
	}
	return e.Country, "", false
}

// ActiveAt reports whether the person held some role on day d.
func (e *Entry) ActiveAt(d Date) bool {
	for _, r := range e.Roles {
		if r.Covers(d) {
			return true
		}
	}
	return false
}

// countryOf is the country part of a CAMEO code: its first three letters
// when they are not a sector or IGO prefix.
func countryOf(code string) string {
	if len(code) < 3 {
		return ""
	}
	c := code[:3]
	if isSector(c) || c == "IGO" || c == "IMG" || c == "NGO" || c == "MNC" {
		return ""
	}
	return c
}

// sectorOf is the first sector after the country part.
func sectorOf(code string) string {
	rest := code
	if countryOf(code) != "" {
		rest = code[3:]
	}
	if len(rest) >= 3 && isSector(rest[:3]) {
		return rest[:3]
	}
	return ""
}

// isSector reports whether s is a CAMEO sector code. A switch, not a map:
// it runs for every mention coded.
func isSector(s string) bool {
	switch s {
	case "GOV", "MIL", "COP", "REB", "OPP", "INS", "LEG", "JUD", "BUS", "MED", "CVL", "REF",
		"EDU", "HLH", "LAB", "AGR", "ELI", "SPY", "UAF", "CRM", "REL", "HRI", "ENV", "SEP",
		"MOD", "RAD", "DEV", "SET", "PTY", "NGO", "IGO", "IMG", "MNC":
		return true
	}
	return false
}

// actorFor fills a doc.Actor from a code and a name.
func actorFor(code, name, role string) doc.Actor {
	return doc.Actor{Code: code, Name: name, Country: countryOf(code), Sector: sectorOf(code), Role: role}
}
