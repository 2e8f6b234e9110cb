package store

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/zeebo/xxh3"

	"github.com/dyad-events/dyad/internal/doc"
)

// EventKey is the aggregation key of a coded event: mentions with the same
// date, source, target, code and place are one event. The place counts by
// its GeoNames ID when it has one, else by country and name, so "Moscow"
// and "Moskva" resolved to the same city agree. Negated and hypothetical
// events get keys of their own, so "did not meet" never adds to a meeting.
func EventKey(e *doc.Event) string {
	var b strings.Builder
	b.WriteString(e.Date)
	b.WriteByte('|')
	if e.Source != nil {
		b.WriteString(e.Source.Code)
	}
	b.WriteByte('|')
	if e.Target != nil {
		b.WriteString(e.Target.Code)
	}
	b.WriteByte('|')
	b.WriteString(e.Code)
	b.WriteByte('|')
	if p := e.Place; p != nil {
		if p.GeonameID != 0 {
			b.WriteString(strconv.FormatInt(p.GeonameID, 10))
		} else {
			b.WriteString(p.Country + "/" + strings.ToLower(p.Name))
		}
	}
	if e.Negated {
		b.WriteString("|negated")
	}
	if e.Hypothetical {
		b.WriteString("|hypothetical")
	}
	h := xxh3.HashString128(b.String()).Bytes()
	return hex.EncodeToString(h[:])
}
