package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dyad-events/dyad/internal/doc"
)

// Format is a kind of input this package reads.
type Format uint8

const (
	FormatText Format = iota
	FormatHTML
	FormatJSONL
	FormatFeed // RSS, Atom or JSON Feed: one article per item
	FormatWARC // web archive: one article per HTML response record
)

var formatNames = [...]string{"text", "html", "jsonl", "feed", "warc"}

func (f Format) String() string { return formatNames[f] }

// FormatNames lists the formats' names, for help and error texts.
func FormatNames() []string { return slices.Clone(formatNames[:]) }

// ParseFormat reads a --format style name; "" and "auto" give ok=false.
func ParseFormat(s string) (Format, bool) {
	for i, n := range formatNames {
		if strings.EqualFold(s, n) {
			return Format(i), true
		}
	}
	return 0, false
}

// DetectFormat guesses the format from the file name, then from the first
// bytes: a WARC record, a feed, JSON objects one per line, or markup that
// opens like a web page. A name may be a URL; its query is ignored.
func DetectFormat(name string, head []byte) Format {
	switch nameExt(name) {
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".txt", ".text":
		return FormatText
	case ".warc":
		return FormatWARC
	case ".rss", ".atom":
		return FormatFeed
	}
	if LooksLikeWARC(head) {
		return FormatWARC
	}
	if LooksLikeFeed(head) {
		return FormatFeed
	}
	h := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	if len(h) > 0 && h[0] == '{' {
		return FormatJSONL
	}
	lower := bytes.ToLower(h[:min(len(h), 512)])
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<?xml"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return FormatHTML
		}
	}
	return FormatText
}

// nameExt is the lower-case extension of a file name or URL path, a
// trailing .gz aside.
func nameExt(name string) string {
	name = strings.ToLower(name)
	if i := strings.IndexAny(name, "?#"); i >= 0 && strings.Contains(name, "://") {
		name = name[:i]
	}
	return filepath.Ext(strings.TrimSuffix(name, ".gz"))
}

// MaxInputBytes bounds one text or HTML input. News articles are a few
// kilobytes; anything this large is a mistake or an attack, and is rejected
// with an error instead of exhausting memory.
const MaxInputBytes = 16 << 20

// Open prepares one input for reading: gzipped input is unpacked on the
// fly and, with auto set, the format is detected from the name and the
// first bytes. A gzipped WARC is left packed: WARC reads it one gzip
// member (one record) at a time, so a damaged record costs only itself.
func Open(name string, r io.Reader, f Format, auto bool) (*bufio.Reader, Format, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if auto && nameExt(name) == ".warc" || !auto && f == FormatWARC {
		return br, FormatWARC, nil
	}
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, f, fmt.Errorf("gzip: %w", err)
		}
		br = bufio.NewReaderSize(gzipErrors{zr}, 64<<10)
	}
	if auto {
		head, _ := br.Peek(512)
		f = DetectFormat(name, head)
	}
	return br, f, nil
}

// gzipErrors names gzip as the source of a damaged stream's read errors.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip: %w", err)
	}
	return n, err
}

// ReadAll reads a whole text or HTML input, refusing more than
// MaxInputBytes.
func ReadAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxInputBytes {
		return nil, fmt.Errorf("input larger than %d MiB; an article is never this big", MaxInputBytes>>20)
	}
	return data, nil
}

// Document extracts the article of one whole text or HTML input.
func Document(name string, data []byte, f Format) Item {
	var a doc.Article
	var diags []doc.Diagnostic
	var err error
	if f == FormatHTML {
		opts := HTMLOptions{}
		if parseHTTPURL(name) != nil {
			opts.URL = name // fetched: the page's own address
		}
		a, diags, err = HTML(data, opts)
	} else {
		a, diags, err = Text(data, TextOptions{Origin: name})
	}
	return finish(name, a, diags, err)
}

func finish(name string, a doc.Article, diags []doc.Diagnostic, err error) Item {
	if err != nil {
		return Item{Diagnostics: diags, Err: &InputError{name, err}}
	}
	a.Origin = name
	if a.ID == "" {
		a.ID = ArticleID(a.URL, a.Text)
	}
	return Item{Article: a, Diagnostics: diags}
}
