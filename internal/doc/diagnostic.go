package doc

import "fmt"

// Severity ranks a Diagnostic.
type Severity uint8

const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = [...]string{"info", "warning", "error"}

func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "unknown"
}

// Diagnostic is a problem found while processing input, kept as data on the
// result rather than logged, so callers decide what to show.
type Diagnostic struct {
	Severity Severity
	Stage    string // "extract", "text", ...
	Origin   string // where in the input: "file.jsonl:12", "page.html"
	Span     Span   // into Article.Text when the problem is inside it
	Msg      string
}

func (d Diagnostic) String() string {
	if d.Origin != "" {
		return fmt.Sprintf("%s: %s: %s: %s", d.Origin, d.Severity, d.Stage, d.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", d.Severity, d.Stage, d.Msg)
}

// Result is everything dyad knows about one article: the output contract's
// unit. Arrays for stages that have not run stay empty.
type Result struct {
	Article     Article
	Sentences   []Sentence
	Mentions    []Mention
	Entities    []Entity // the name recogniser's spans, in text order
	Events      []Event
	Quotes      []Quote
	Places      []Place
	Diagnostics []Diagnostic
}
