package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// Pretty writes r for a person to read: the article's header, then each
// sentence on its own numbered line, then whatever the later stages found.
func Pretty(w io.Writer, r doc.Result, opts Options) error {
	a := r.Article
	var b strings.Builder
	fmt.Fprintf(&b, "== %s\n", orDash(a.Title))
	fmt.Fprintf(&b, "   id %s", a.ID)
	if !a.Published.IsZero() {
		fmt.Fprintf(&b, "  published %s", a.Published.Format("2006-01-02"))
	}
	if a.URL != "" {
		fmt.Fprintf(&b, "  %s", a.URL)
	}
	if a.Origin != "" {
		fmt.Fprintf(&b, "  (%s)", a.Origin)
	}
	b.WriteString("\n")
	for i, s := range r.Sentences {
		fmt.Fprintf(&b, "%3d [%d,%d) %s\n", i, s.Span.Start, s.Span.End, s.Span.In(a.Text))
		if opts.Tokens {
			b.WriteString("      ")
			for j, t := range s.Tokens {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(t.Span.In(a.Text))
				b.WriteByte('/')
				b.WriteString(t.Tag)
			}
			b.WriteString("\n")
			writeTree(&b, a.Text, s.Tokens)
		}
	}
	for _, m := range r.Mentions {
		role := ""
		if m.Actor.Role != "" {
			role = ", " + m.Actor.Role
		}
		fmt.Fprintf(&b, "  mention %-10s %q (%s%s)\n", orDash(m.Actor.Code), m.Span.In(a.Text), m.Via, role)
	}
	for _, e := range r.Events {
		var flags strings.Builder
		if e.Negated {
			flags.WriteString(" NEGATED")
		}
		if e.Hypothetical {
			flags.WriteString(" hypothetical")
		}
		if e.ReportedBy != nil {
			fmt.Fprintf(&flags, " reported-by %s", e.ReportedBy.Code)
		}
		date := orDash(e.Date)
		if e.Date != "" {
			date += " (" + e.DatePrecision.String()
			if e.DateSpan.End > e.DateSpan.Start {
				date += fmt.Sprintf(", %q", e.DateSpan.In(a.Text))
			}
			date += ")"
		}
		where := "-"
		if p := e.Place; p != nil {
			where = p.Name + ", " + p.Country
			if p.Span.End == p.Span.Start {
				where += " (article focus)"
			}
		}
		fmt.Fprintf(&b, "  event   %s %s → %s  %s (%s)%s\n          %s, %s, sentence %d, confidence %.2f, %q, rule %s\n",
			e.Code, actorCode(e.Source), actorCode(e.Target), e.Name, e.QuadClass, flags.String(),
			date, where, e.Sentence, e.Confidence, doc.JoinSpans(a.Text, e.Evidence), e.Rule)
	}
	for _, q := range r.Quotes {
		who := "?"
		if q.Speaker != nil {
			who = q.Speaker.Span.In(a.Text)
		}
		fmt.Fprintf(&b, "  quote   %s: %q\n", who, q.Span.In(a.Text))
	}
	for _, p := range r.Places {
		fmt.Fprintf(&b, "  place   %q → %s, %s, %s (%.2f, %.2f)\n", p.Span.In(a.Text), p.Name, p.Country, p.Feature, p.Lat, p.Lon)
	}
	for _, d := range r.Diagnostics {
		fmt.Fprintf(&b, "  %s\n", d)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func actorCode(a *doc.Actor) string {
	if a == nil {
		return "-"
	}
	return a.Code
}

// writeTree prints a parsed sentence's dependency tree, one token a
// line, each under its head and indented by its depth: relation, word,
// tag and index. Tokens the walk from the root does not reach (heads
// that do not form a tree) follow, flat. Nothing is printed for a
// sentence that was not parsed.
func writeTree(b *strings.Builder, text string, toks []doc.Token) {
	if len(toks) == 0 || toks[0].Rel == "" {
		return
	}
	kids := make([][]int, len(toks)+1) // kids[h+1]: children of h; kids[0]: roots
	for i, t := range toks {
		h := int(t.Head)
		if h < -1 || h >= len(toks) {
			h = -1
		}
		kids[h+1] = append(kids[h+1], i)
	}
	seen := make([]bool, len(toks))
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if seen[i] {
			return
		}
		seen[i] = true
		t := toks[i]
		fmt.Fprintf(b, "      %s%-10s %s/%s [%d]\n", strings.Repeat("  ", depth), t.Rel, t.Span.In(text), t.Tag, i)
		for _, k := range kids[i+1] {
			walk(k, depth+1)
		}
	}
	for _, r := range kids[0] {
		walk(r, 0)
	}
	for i := range toks {
		if !seen[i] {
			walk(i, 0)
		}
	}
}
