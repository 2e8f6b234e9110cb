package doc

import (
	"fmt"
	"io"
)

// ParseError is a problem at one line of a data file: a dictionary or a
// code table.
type ParseError struct {
	Origin string // file name
	Line   int
	Msg    string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Origin, e.Line, e.Msg) }

// ErrorList collects every problem in a data file (dictionaries, code
// tables) so that one run shows them all.
type ErrorList []*ParseError

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Addf records a problem at one line of origin.
func (l *ErrorList) Addf(origin string, line int, format string, args ...any) {
	*l = append(*l, &ParseError{Origin: origin, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Err returns nil for an empty list.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// DataFile is one data file to read (a dictionary, a code table): its
// contents and the name errors cite.
type DataFile struct {
	R      io.Reader
	Origin string
}

// MaxDataLine bounds one line of a data file.
const MaxDataLine = 1 << 20
