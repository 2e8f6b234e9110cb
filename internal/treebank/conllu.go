package treebank

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a sentence.
type Word struct {
	Form       string
	UPOS, XPOS string
	Head       int    // 1-based index of the head word; 0 for the root
	Rel        string // UD relation with its subtype, e.g. "nsubj:pass"
	SpaceAfter bool   // false when MISC says SpaceAfter=No
	// Token is the index of the multiword token this word belongs to
	// ("don't" for "do" and "n't"), or -1.
	Token int
}

// MultiwordToken is a range line: one surface token split into words.
type MultiwordToken struct {
	First, Last int // 1-based word indexes, inclusive
	Form        string
	SpaceAfter  bool
}

// Sentence is one sentence of a treebank.
type Sentence struct {
	ID    string // sent_id
	Text  string // the "# text =" comment, when present
	Words []Word
	MWTs  []MultiwordToken
	Line  int // line of the sentence's first word, for messages
}

// Error is a problem at a line of a file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Read parses a CoNLL-U file. name is used in error messages. The first
// malformed line ends the read with an *Error naming file and line;
// empty nodes (5.1) are skipped, as dependency trees do not use them.
func Read(r io.Reader, name string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	var (
		out  []Sentence
		cur  Sentence
		line int
	)
	bad := func(format string, args ...any) error {
		return &Error{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	flush := func() error {
		if len(cur.Words) == 0 {
			cur = Sentence{}
			return nil
		}
		for _, m := range cur.MWTs {
			if m.Last > len(cur.Words) {
				return &Error{File: name, Line: cur.Line, Msg: fmt.Sprintf("multiword token %d-%d runs past the sentence's %d words", m.First, m.Last, len(cur.Words))}
			}
		}
		for i, w := range cur.Words {
			if w.Head < 0 || w.Head > len(cur.Words) || w.Head == i+1 {
				return &Error{File: name, Line: cur.Line + i, Msg: fmt.Sprintf("word %d has head %d in a sentence of %d words", i+1, w.Head, len(cur.Words))}
			}
		}
		if i := cycle(cur.Words); i >= 0 {
			return &Error{File: name, Line: cur.Line + i, Msg: fmt.Sprintf("word %d is its own ancestor (the heads form a cycle)", i+1)}
		}
		out = append(out, cur)
		cur = Sentence{}
		return nil
	}
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		switch {
		case s == "":
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(s, "#"):
			if v, ok := strings.CutPrefix(s, "# sent_id = "); ok {
				cur.ID = v
			} else if v, ok := strings.CutPrefix(s, "# text = "); ok {
				cur.Text = v
			}
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 10 {
			return nil, bad("%d tab-separated columns, want 10", len(f))
		}
		spaceAfter := !strings.Contains(f[9], "SpaceAfter=No")
		if a, b, ok := strings.Cut(f[0], "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || first != len(cur.Words)+1 || last < first {
				return nil, bad("bad multiword range %q", f[0])
			}
			cur.MWTs = append(cur.MWTs, MultiwordToken{First: first, Last: last, Form: f[1], SpaceAfter: spaceAfter})
			continue
		}
		if strings.Contains(f[0], ".") {
			continue // an empty node
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id != len(cur.Words)+1 {
			return nil, bad("word ID %q, want %d", f[0], len(cur.Words)+1)
		}
		head, err := strconv.Atoi(f[6])
		if err != nil {
			return nil, bad("head %q is not a number", f[6])
		}
		if f[1] == "" || f[7] == "" || f[7] == "_" {
			return nil, bad("word %d lacks a form or relation", id)
		}
		if len(cur.Words) == 0 {
			cur.Line = line
		}
		tok := -1
		if n := len(cur.MWTs); n > 0 && id <= cur.MWTs[n-1].Last {
			tok = n - 1
		}
		cur.Words = append(cur.Words, Word{Form: f[1], UPOS: f[3], XPOS: f[4], Head: head, Rel: f[7], SpaceAfter: spaceAfter, Token: tok})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// cycle returns the index of a word whose chain of heads never reaches
// the root, or -1 when the heads form a tree.
func cycle(ws []Word) int {
	for i := range ws {
		h, steps := ws[i].Head, 0
		for h != 0 && steps <= len(ws) {
			h = ws[h-1].Head
			steps++
		}
		if h != 0 {
			return i
		}
	}
	return -1
}
