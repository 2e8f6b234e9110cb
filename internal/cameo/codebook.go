package cameo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/doc"
)

// Entry is one CAMEO event code.
type Entry struct {
	Code      string // "043"; roots are two digits ("04")
	Name      string
	Goldstein float32 // -10 (most hostile) to +10 (most cooperative)
	PLOVER    string  // PLOVER category such as "CONSULT"; "" when none fits
	Mode      string  // PLOVER mode such as "visit"; "" when none
}

// Root is the two-digit root of the entry's code.
func (e Entry) Root() string { return Root(e.Code) }

// QuadClass is the entry's quad class, from its root.
func (e Entry) QuadClass() doc.QuadClass { return QuadClassOf(e.Code) }

// Codebook is the set of CAMEO codes, looked up by code.
type Codebook struct {
	Entries []Entry // in file order
	byCode  map[string]int
}

// Lookup finds a code. Codes are compared as written: "043", not "43".
func (cb *Codebook) Lookup(code string) (Entry, bool) {
	i, ok := cb.byCode[code]
	if !ok {
		return Entry{}, false
	}
	return cb.Entries[i], true
}

// Root is the first two digits of a CAMEO code, "" for a malformed one.
func Root(code string) string {
	if len(code) < 2 || !allDigits(code) {
		return ""
	}
	return code[:2]
}

// QuadClassOf maps a code to its quad class by root: 01–05 verbal
// cooperation, 06–08 material cooperation, 09–13 verbal conflict, 14–20
// material conflict.
func QuadClassOf(code string) doc.QuadClass {
	r := Root(code)
	if r == "" {
		return doc.QuadNone
	}
	n, _ := strconv.Atoi(r)
	switch {
	case n >= 1 && n <= 5:
		return doc.VerbalCooperation
	case n >= 6 && n <= 8:
		return doc.MaterialCooperation
	case n >= 9 && n <= 13:
		return doc.VerbalConflict
	case n >= 14 && n <= 20:
		return doc.MaterialConflict
	}
	return doc.QuadNone
}

// ploverCategories are PLOVER's sixteen event categories.
var ploverCategories = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

// Parse reads a codebook: one code a line, four tab-separated fields
// CODE, GOLDSTEIN, PLOVER[:mode] ("-" for none) and NAME; "#" starts a
// comment. Every problem is reported, by line.
func Parse(r io.Reader, origin string) (*Codebook, error) {
	cb := &Codebook{byCode: map[string]int{}}
	var errs doc.ErrorList
	sc := bufio.NewScanner(r)
	line := 0
	fail := func(format string, args ...any) {
		errs.Addf(origin, line, format, args...)
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 4 {
			fail("want 4 tab-separated fields (code, Goldstein, PLOVER, name), got %d", len(f))
			continue
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		e := Entry{Code: f[0], Name: f[3]}
		if len(e.Code) < 2 || len(e.Code) > 4 || !allDigits(e.Code) || QuadClassOf(e.Code) == doc.QuadNone {
			fail("bad CAMEO code %q: want 2 to 4 digits under a root 01–20", e.Code)
			continue
		}
		if _, dup := cb.byCode[e.Code]; dup {
			fail("code %s listed twice", e.Code)
			continue
		}
		g, err := strconv.ParseFloat(f[1], 32)
		if err != nil || g < -10 || g > 10 {
			fail("bad Goldstein value %q for %s: want a number from -10 to 10", f[1], e.Code)
			continue
		}
		e.Goldstein = float32(g)
		if f[2] != "-" {
			cat, mode, _ := strings.Cut(f[2], ":")
			if !ploverCategories[cat] {
				fail("unknown PLOVER category %q for %s", cat, e.Code)
				continue
			}
			e.PLOVER, e.Mode = cat, mode
		}
		if e.Name == "" {
			fail("code %s has no name", e.Code)
			continue
		}
		cb.byCode[e.Code] = len(cb.Entries)
		cb.Entries = append(cb.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	// Every code's parent must be there: "0431" needs "043" and "04".
	for _, e := range cb.Entries {
		for n := len(e.Code) - 1; n >= 2; n-- {
			if _, ok := cb.byCode[e.Code[:n]]; !ok {
				line = 0
				fail("code %s has no parent %s", e.Code, e.Code[:n])
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return cb, nil
}

// Builtin loads the embedded codebook.
func Builtin() (*Codebook, error) {
	b, err := data.Cameo.ReadFile("cameo/codebook.txt")
	if err != nil {
		return nil, err
	}
	return Parse(bytes.NewReader(b), "data/cameo/codebook.txt")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
