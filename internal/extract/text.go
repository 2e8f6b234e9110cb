package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
)

// TextOptions is what the caller knows about a plain-text article.
type TextOptions struct {
	Origin string // for diagnostics, e.g. the file name
	Title  string // known headline; when empty, the first line may be taken
}

// Text reads a plain-text article: the first line is its title when it
// looks like one, boilerplate lines are dropped, and Article.RawMap leads
// every byte of the cleaned text back to raw.
func Text(raw []byte, opts TextOptions) (doc.Article, []doc.Diagnostic, error) {
	s, decodeMap, enc, err := Decode(raw)
	if err != nil {
		return doc.Article{}, nil, err
	}
	a, diags := cleanText(s, opts)
	if a.Text == "" {
		return doc.Article{}, diags, fmt.Errorf("no article text left after removing %d boilerplate lines", len(diags))
	}
	if decodeMap != nil {
		a.RawMap = a.RawMap.Compose(decodeMap)
	}
	if enc != UTF8 && enc != UTF8BOM {
		diags = append(diags, doc.Diagnostic{Severity: doc.Info, Stage: "extract", Origin: opts.Origin,
			Msg: "decoded as " + string(enc)})
	}
	return a, diags, nil
}

// line is one input line, trimmed; start/end index the decoded text.
type line struct {
	start, end int
	num        int // 1-based line number
}

// paragraph is a run of lines that read as one block of text.
type paragraph struct{ lines []line }

func (p paragraph) text(s string) string {
	if len(p.lines) == 1 {
		return s[p.lines[0].start:p.lines[0].end]
	}
	parts := make([]string, len(p.lines))
	for i, l := range p.lines {
		parts[i] = s[l.start:l.end]
	}
	return strings.Join(parts, " ")
}

// cleanText turns decoded text into an Article: paragraphs found, title
// taken, boilerplate dropped, white space normalised, offsets kept.
func cleanText(s string, opts TextOptions) (doc.Article, []doc.Diagnostic) {
	paras := paragraphs(s)
	var diags []doc.Diagnostic
	drop := func(p paragraph, why string) {
		diags = append(diags, doc.Diagnostic{
			Severity: doc.Info, Stage: "extract",
			Origin: fmt.Sprintf("%s:%d", opts.Origin, p.lines[0].num),
			Msg:    fmt.Sprintf("dropped %s %q", why, clip(p.text(s), 80)),
		})
	}

	kept := paras[:0]
	for _, p := range paras {
		if isBoilerplate(p.text(s)) {
			drop(p, "boilerplate line")
			continue
		}
		kept = append(kept, p)
	}

	title := opts.Title
	if len(kept) > 1 {
		first := kept[0].text(s)
		switch {
		case title != "" && strings.EqualFold(strings.TrimSpace(first), strings.TrimSpace(title)):
			kept = kept[1:] // the headline repeated at the top of the body
		case title == "" && len(kept[0].lines) == 1 && looksLikeTitle(first):
			title = first
			kept = kept[1:]
		}
	}

	// Trailing lines with no closing punctuation after the body are links
	// to other stories ("Obama's plan teams up …"), not the article.
	for len(kept) > 1 && isTrailingHeadline(kept[len(kept)-1].text(s)) {
		drop(kept[len(kept)-1], "trailing headline")
		kept = kept[:len(kept)-1]
	}

	var b strings.Builder
	b.Grow(len(s))
	var m doc.OffsetMap
	for i, p := range kept {
		if i > 0 {
			b.WriteString("\n\n")
		}
		for j, l := range p.lines {
			if j > 0 {
				b.WriteByte(' ')
			}
			appendCollapsed(&b, &m, s, l.start, l.end)
		}
	}
	return doc.Article{Title: title, Text: b.String(), RawMap: m, Origin: opts.Origin}, diags
}

// appendCollapsed copies s[start:end] into b with runs of white space
// folded to one space, recording which bytes were copied one to one.
func appendCollapsed(b *strings.Builder, m *doc.OffsetMap, s string, start, end int) {
	run := start
	for i := start; i < end; {
		c := s[i]
		if c != ' ' && c != '\t' && c != '\v' && c != '\f' {
			i++
			continue
		}
		j := i
		for j < end && (s[j] == ' ' || s[j] == '\t' || s[j] == '\v' || s[j] == '\f') {
			j++
		}
		if j-i == 1 && c == ' ' {
			i = j
			continue
		}
		copyRun(b, m, s, run, i)
		b.WriteByte(' ')
		run, i = j, j
	}
	copyRun(b, m, s, run, end)
}

func copyRun(b *strings.Builder, m *doc.OffsetMap, s string, start, end int) {
	if start >= end {
		return
	}
	at := b.Len()
	b.WriteString(s[start:end])
	m.Add(doc.NewSpan(at, b.Len()), doc.NewSpan(start, end))
}

// paragraphs splits s into blocks separated by blank lines. Inside a block,
// a line continues the previous one when it looks hard-wrapped; otherwise
// it starts a paragraph of its own (many sources put one paragraph a line).
func paragraphs(s string) []paragraph {
	var out []paragraph
	var cur paragraph
	flush := func() {
		if len(cur.lines) > 0 {
			out = append(out, cur)
			cur = paragraph{}
		}
	}
	num := 0
	for pos := 0; pos <= len(s); {
		end := strings.IndexAny(s[pos:], "\r\n")
		next := len(s) + 1
		if end < 0 {
			end = len(s)
		} else {
			end += pos
			next = end + 1
			if s[end] == '\r' && next < len(s) && s[next] == '\n' {
				next++
			}
		}
		num++
		l := trimLine(s, pos, end, num)
		pos = next
		if l.start == l.end {
			flush()
			continue
		}
		if n := len(cur.lines); n > 0 && !continues(s, cur.lines[n-1], l) {
			flush()
		}
		cur.lines = append(cur.lines, l)
	}
	flush()
	return out
}

func trimLine(s string, start, end, num int) line {
	for start < end {
		r, size := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) && r != '\ufeff' && r != '\u200b' {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) && r != '\ufeff' && r != '\u200b' {
			break
		}
		end -= size
	}
	return line{start: start, end: end, num: num}
}

// continues reports whether line next is a hard-wrapped continuation of prev.
func continues(s string, prev, next line) bool {
	if endsSentence(s[prev.start:prev.end]) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[next.start:next.end])
	return unicode.IsLower(r) || prev.end-prev.start >= 60
}

// endsSentence reports whether a paragraph ends the way prose does.
func endsSentence(p string) bool {
	r, _ := utf8.DecodeLastRuneInString(p)
	switch r {
	case '.', '!', '?', '…', '"', '”', '’', '\'', ')', ']', ':', ';', '»':
		return true
	}
	return false
}

func looksLikeTitle(p string) bool {
	if len(p) > 200 || strings.HasSuffix(p, ".") && !strings.HasSuffix(p, "..") && !endsWithInitialism(p) {
		return false
	}
	return len(strings.Fields(p)) <= 25
}

// endsWithInitialism: "… talks with the U.S." is a title ending in a period
// that is not a full stop.
func endsWithInitialism(p string) bool {
	i := strings.LastIndexByte(p, ' ')
	w := p[i+1:]
	return len(w) >= 4 && strings.Count(w, ".") >= 2 && w[len(w)-2] != '.'
}

func isTrailingHeadline(p string) bool {
	return !endsSentence(p) && len(strings.Fields(p)) <= 20 && len(p) <= 160
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
