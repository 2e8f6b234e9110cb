package dateparser

import (
	"errors"
	"time"
)

// ErrNotLinked is what Parse returns: the real parser is not in dyad.
var ErrNotLinked = errors.New("dateparser: free-text date parsing is not linked into dyad (see third_party/dateparser-stub)")

// ParserType names one of the real package's parsing strategies.
type ParserType uint8

// The strategies go-htmldate names.
const (
	Timestamp ParserType = iota
	RelativeTime
	CustomFormat
	AbsoluteTime
	NoSpacesTime
)

// PreferredDateSource says how the real package fills in missing parts of
// a date.
type PreferredDateSource uint8

// The sources of the real package.
const (
	CurrentPeriod PreferredDateSource = iota
	Past
	Future
)

// Configuration holds the settings go-htmldate passes.
type Configuration struct {
	PreferredDateSource PreferredDateSource
	StrictParsing       bool
}

// Date is a parse result.
type Date struct {
	Time time.Time
}

// IsZero reports whether no date was found.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Parser is the real package's entry point.
type Parser struct {
	ParserTypes []ParserType
}

// Parse finds no date: see the package comment.
func (p *Parser) Parse(cfg *Configuration, s string, formats ...string) (Date, error) {
	return Date{}, ErrNotLinked
}
