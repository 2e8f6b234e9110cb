package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// Item is one article read from a stream, or the error that stopped one
// record. Err never stops the records after it.
type Item struct {
	Article     doc.Article
	Diagnostics []doc.Diagnostic
	Err         error
	// Link is the page a feed item points to, set even when Err is: a
	// caller may fetch it for the whole article.
	Link string
}

// InputError ties an error to where it happened in the input.
type InputError struct {
	Origin string // "file.jsonl:12"
	Err    error
}

func (e *InputError) Error() string { return e.Origin + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// jsonlRecord is the JSONL input contract: one article per line.
type jsonlRecord struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	Source    string `json:"source"`
	Lang      string `json:"lang"`
}

// MaxLineBytes bounds one JSONL record; longer lines are reported and
// skipped rather than read into memory whole.
const MaxLineBytes = 32 << 20

// Lines calls fn with each non-blank line of r and its 1-based number. A
// line over MaxLineBytes is consumed but not kept: fn gets it with tooLong
// set. The line's bytes are only valid during the call. fn's error stops
// reading and is returned, as is an error reading r.
func Lines(r io.Reader, fn func(line []byte, num int, tooLong bool) error) error {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	var buf []byte
	for num := 1; ; num++ {
		line, tooLong, err := readLine(br, buf[:0])
		buf = line
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			if ferr := fn(line, num, tooLong); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", num, err)
		}
	}
}

// JSONL reads one article per line from r and calls fn with each, in order.
// A malformed line yields an Item with Err set and its line number; reading
// goes on.
func JSONL(r io.Reader, origin string, fn func(Item) error) error {
	return Lines(r, func(line []byte, num int, tooLong bool) error {
		return fn(Record(line, fmt.Sprintf("%s:%d", origin, num), tooLong))
	})
}

// readLine reads through the next newline. A line over MaxLineBytes is
// consumed but not kept.
func readLine(br *bufio.Reader, buf []byte) ([]byte, bool, error) {
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > MaxLineBytes {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, tooLong, err
	}
}

// Record reads one JSONL line; pos names it in errors ("file.jsonl:12").
func Record(line []byte, pos string, tooLong bool) Item {
	if tooLong {
		return Item{Err: &InputError{pos, fmt.Errorf("line longer than %d MiB, skipped", MaxLineBytes>>20)}}
	}
	var rec jsonlRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return Item{Err: &InputError{pos, fmt.Errorf("bad JSON: %v", err)}}
	}
	var a doc.Article
	var diags []doc.Diagnostic
	switch {
	case strings.TrimSpace(rec.HTML) != "":
		var err error
		a, diags, err = HTML([]byte(rec.HTML), HTMLOptions{URL: rec.URL})
		if err != nil {
			return Item{Diagnostics: diags, Err: &InputError{pos, err}}
		}
		if rec.Title != "" {
			a.Title = rec.Title
		}
	case strings.TrimSpace(rec.Text) != "":
		var err error
		a, diags, err = Text([]byte(rec.Text), TextOptions{Origin: pos, Title: rec.Title})
		if err != nil {
			return Item{Diagnostics: diags, Err: &InputError{pos, err}}
		}
	default:
		return Item{Err: &InputError{pos, errors.New(`record has neither "text" nor "html"`)}}
	}
	a.Origin = pos
	if rec.URL != "" {
		a.URL = rec.URL
	}
	if rec.Source != "" {
		a.Source = rec.Source
	}
	if rec.Lang != "" {
		a.Lang = rec.Lang
	}
	if rec.Published != "" {
		t, ok := ParseDate(rec.Published)
		if ok {
			a.Published = t
		} else {
			diags = append(diags, doc.Diagnostic{Severity: doc.Warning, Stage: "extract", Origin: pos,
				Msg: fmt.Sprintf("unreadable published date %q ignored", clip(rec.Published, 40))})
		}
	}
	a.ID = rec.ID
	if a.ID == "" {
		a.ID = ArticleID(a.URL, a.Text)
	}
	return Item{Article: a, Diagnostics: diags}
}
