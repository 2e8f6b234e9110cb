package actor

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// Parse reads a dictionary in dyad's own format (data/actors/FORMAT.md).
func Parse(r io.Reader, origin string) (*Dict, error) {
	return parseInto(&Dict{}, r, origin)
}

// parseInto adds the entries of one dictionary file to d, as Parse does:
// Builtin reads every embedded file into one Dict this way rather than
// merging copies.
func parseInto(d *Dict, r io.Reader, origin string) (*Dict, error) {
	var errs doc.ErrorList
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), doc.MaxDataLine)
	cur := int32(-1)
	line := 0
	fail := func(format string, args ...any) {
		errs.Addf(origin, line, format, args...)
	}
	for sc.Scan() {
		line++
		raw := sc.Text()
		if i := strings.IndexByte(raw, '#'); i >= 0 {
			raw = raw[:i]
		}
		if strings.TrimSpace(raw) == "" {
			continue
		}
		if raw[0] != ' ' && raw[0] != '\t' {
			cur = parseHeader(d, strings.TrimSpace(raw), fmt.Sprintf("%s:%d", origin, line), fail)
			continue
		}
		if cur < 0 {
			fail("indented line outside an entry")
			continue
		}
		key, val, ok := strings.Cut(strings.TrimSpace(raw), ":")
		if !ok {
			fail("want key: value, got %q", strings.TrimSpace(raw))
			continue
		}
		parseKey(d, cur, strings.TrimSpace(key), strings.TrimSpace(val), fail)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	return d, errs.Err()
}

func parseHeader(d *Dict, s, at string, fail func(string, ...any)) int32 {
	kind, rest, _ := strings.Cut(s, " ")
	rest = strings.TrimSpace(rest)
	e := Entry{Origin: at}
	switch kind {
	case "country", "org", "agent":
		code, name, _ := strings.Cut(rest, " ")
		name = strings.TrimSpace(name)
		if !validCode(code) {
			fail("%s needs a CAMEO code of capital letters, got %q", kind, code)
			return -1
		}
		if name == "" {
			fail("%s %s needs a name", kind, code)
			return -1
		}
		e.Code, e.Name = code, name
		switch kind {
		case "country":
			e.Kind, e.Country, e.Type = KindCountry, code, doc.EntityLOC
		case "org":
			e.Kind, e.Country, e.Type = KindOrg, countryOf(code), doc.EntityORG
		case "agent":
			e.Kind = KindAgent
		}
	case "person":
		if rest == "" {
			fail("person needs a name")
			return -1
		}
		e.Kind, e.Name, e.Type = KindPerson, rest, doc.EntityPER
	default:
		fail("unknown entry kind %q (want country, org, person or agent)", kind)
		return -1
	}
	i := d.add(e)
	if e.Kind != KindAgent {
		d.phrase(i, e.Name, FormName, "")
	}
	return i
}

func validCode(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func parseKey(d *Dict, i int32, key, val string, fail func(string, ...any)) {
	e := &d.Entries[i]
	allowed := allowedKeys(e.Kind)
	if !hasField(allowed, key) {
		fail("key %q is not allowed in a %s entry (allowed: %s)", key, e.Kind, allowed)
		return
	}
	switch key {
	case "names":
		each(val, func(s string) { d.phrase(i, s, FormName, "") })
	case "adj":
		each(val, func(s string) { d.phrase(i, s, FormAdj, "") })
	case "people":
		each(val, func(s string) { d.phrase(i, s, FormPeople, "") })
	case "capital":
		each(val, func(s string) { d.phrase(i, s, FormCapital, "") })
	case "words":
		each(val, func(s string) { d.phrase(i, s, FormAgent, e.Code) })
	case "seat":
		each(val, func(s string) {
			name, sector, ok := strings.Cut(s, "=")
			sector = strings.TrimSpace(sector)
			if !ok || !isSector(sector) {
				fail("seat %q needs = and a sector code such as GOV or MIL", s)
				return
			}
			d.phrase(i, name, FormSeat, sector)
		})
	case "type":
		switch val {
		case "ORG":
			e.Type = doc.EntityORG
		case "LOC":
			e.Type = doc.EntityLOC
		case "PER":
			e.Type = doc.EntityPER
		case "MISC":
			e.Type = doc.EntityMISC
		default:
			fail("type %q: want ORG, LOC, PER or MISC", val)
		}
	case "country":
		if len(val) != 3 || !validCode(val) {
			fail("country %q: want a three-letter code", val)
			return
		}
		e.Country = val
	case "gender":
		switch val {
		case "m", "f":
			e.Gender = val[0]
		default:
			fail("gender %q: want m or f", val)
		}
	case "role":
		r, err := parseRole(val)
		if err != nil {
			fail("role %q: %v", val, err)
			return
		}
		e.Roles = append(e.Roles, r)
		if e.Country == "" {
			e.Country = countryOf(r.Code)
		}
	}
}

// allowedKeys lists the keys an entry of kind k takes.
func allowedKeys(k Kind) string {
	switch k {
	case KindCountry:
		return "names adj people capital seat"
	case KindOrg:
		return "names type country"
	case KindPerson:
		return "names gender role country"
	case KindAgent:
		return "words"
	}
	return ""
}

// hasField says whether w is one of the space-separated words of list.
func hasField(list, w string) bool {
	for f := range strings.FieldsSeq(list) {
		if f == w {
			return true
		}
	}
	return false
}

func each(list string, f func(string)) {
	for _, s := range strings.Split(list, "|") {
		if s = strings.TrimSpace(s); s != "" {
			f(s)
		}
	}
}

// parseRole reads "USAGOV 2013-02-01..2017-01-20 Secretary of State".
func parseRole(s string) (Role, error) {
	f := strings.Fields(s)
	if len(f) < 2 {
		return Role{}, fmt.Errorf("want CODE FROM..TO [title]")
	}
	if !validCode(f[0]) {
		return Role{}, fmt.Errorf("code %q is not a CAMEO code", f[0])
	}
	from, to, ok := strings.Cut(f[1], "..")
	if !ok {
		return Role{}, fmt.Errorf("dates %q: want FROM..TO (either may be empty)", f[1])
	}
	r := Role{Code: f[0], Title: strings.Join(f[2:], " ")}
	var err error
	if r.From, err = parseDay(from); err != nil {
		return Role{}, err
	}
	if r.To, err = parseDay(to); err != nil {
		return Role{}, err
	}
	if r.From != 0 && r.To != 0 && r.To < r.From {
		return Role{}, fmt.Errorf("ends (%s) before it starts (%s)", r.To, r.From)
	}
	return r, nil
}

func parseDay(s string) (Date, error) {
	if s == "" {
		return 0, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t.Year(), int(t.Month()), t.Day()), nil
}
