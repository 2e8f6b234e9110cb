package extract

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v2"

	"github.com/dyad-events/dyad/internal/doc"
)

// maxWARCRecord bounds the records handed to gowarc, which buffers each
// whole record (spilling to a temporary file past its memory limit): an
// HTML page of MaxInputBytes plus room for WARC and HTTP headers. Larger
// records (video, archives) are skipped without being read into memory.
const maxWARCRecord = MaxInputBytes + 1<<20

// WARC reads a web archive, plain or gzipped per record (or as a whole),
// and calls fn with the article of each HTML page fetched with status 200,
// in file order; other records are skipped. Items are named
// "origin@OFFSET", the record's byte offset in r. A damaged record is an
// Item with Err set and reading goes on with the next record gowarc can
// find; the returned error is fn's or one reading r.
func WARC(r io.Reader, origin string, fn func(Item) error) error {
	cr := &countReader{r: r}
	br := bufio.NewReaderSize(cr, 64<<10)
	w := &warcReader{origin: origin, fn: fn}
	pos := func() int64 { return cr.n - int64(br.Buffered()) }
	var gz *gzip.Reader
	for {
		skipBlank(br)
		off := pos()
		magic, _ := br.Peek(2)
		if len(magic) == 0 {
			if cr.err != nil {
				return &InputError{fmt.Sprintf("%s@%d", origin, off), cr.err}
			}
			return nil
		}
		if magic[0] != 0x1f || len(magic) < 2 || magic[1] != 0x8b {
			if err := w.next(br, pos, func(k int64) string { return fmt.Sprintf("%s@%d", origin, k) }); err != nil {
				return err
			}
			continue
		}
		// One gzip member: normally one record (.warc.gz), but a whole
		// file compressed at once is one member holding them all.
		var err error
		if gz == nil {
			gz, err = gzip.NewReader(br)
		} else {
			err = gz.Reset(br)
		}
		if err != nil {
			_, _ = br.Discard(2)
			if ferr := w.fail(fmt.Sprintf("%s@%d", origin, off), fmt.Errorf("damaged gzip member: %w", err)); ferr != nil {
				return ferr
			}
			continue
		}
		gz.Multistream(false)
		icr := &countReader{r: gz}
		ibr := bufio.NewReaderSize(icr, 64<<10)
		ipos := func() int64 { return icr.n - int64(ibr.Buffered()) }
		name := func(k int64) string {
			if k == 0 {
				return fmt.Sprintf("%s@%d", origin, off)
			}
			return fmt.Sprintf("%s@%d+%d", origin, off, k) // k bytes into the member's content
		}
		failed := w.failures
		for {
			skipBlank(ibr)
			if b, _ := ibr.Peek(1); len(b) == 0 {
				break
			}
			if err := w.next(ibr, ipos, name); err != nil {
				return err
			}
		}
		if icr.err != nil && w.failures == failed {
			// The damage lies outside any record, or between records.
			if err := w.fail(name(ipos()), fmt.Errorf("damaged gzip member: %w", icr.err)); err != nil {
				return err
			}
		}
		if cr.err != nil {
			return &InputError{fmt.Sprintf("%s@%d", origin, pos()), cr.err}
		}
	}
}

// LooksLikeWARC reports whether the first bytes are an uncompressed WARC
// record. Gzipped WARCs cannot be told from other gzip files by their
// first bytes; the caller goes by the file name for those.
func LooksLikeWARC(head []byte) bool {
	return bytes.HasPrefix(head, []byte("WARC/1.")) || bytes.HasPrefix(head, []byte("WARC/0."))
}

// warcReader reads records one at a time and reports them to fn.
type warcReader struct {
	origin   string
	fn       func(Item) error
	u        gowarc.Unmarshaler
	failures int // Items with Err emitted so far
}

func (w *warcReader) fail(pos string, err error) error {
	w.failures++
	return w.fn(Item{Err: &InputError{pos, err}})
}

// next reads one record from br, whose position in the input pos reports;
// name turns a position into an Item origin. Only fn's error is returned.
func (w *warcReader) next(br *bufio.Reader, pos func() int64, name func(int64) string) error {
	start := pos()
	if skipped, err := w.skipRecord(br, name(start)); skipped || err != nil {
		return err
	}
	rec, junk, val, err := w.unmarshal(br)
	if rec != nil {
		defer rec.Close()
	}
	off := start + junk
	if err != nil && rec == nil && errors.Is(err, io.EOF) {
		// The input ended before a whole record header; drop what is left
		// in one piece rather than byte by byte.
		rest, _ := io.Copy(io.Discard, br)
		if pos()-rest > off {
			return w.fail(name(off), errors.New("WARC record truncated: the input ends inside its header"))
		}
		return w.fail(name(start), fmt.Errorf("%d bytes at the end are not a WARC record", junk+rest))
	}
	if junk > 0 {
		if ferr := w.fail(name(start), fmt.Errorf("%d bytes that are not a WARC record skipped", junk)); ferr != nil {
			return ferr
		}
	}
	if err != nil {
		if pos() == start {
			_, _ = br.Discard(1) // make progress whatever gowarc did
		}
		return w.fail(name(off), fmt.Errorf("damaged WARC record: %w", err))
	}
	item, ok := w.article(rec, val, name(off))
	if !ok {
		return nil
	}
	if item.Err != nil {
		w.failures++
	}
	return w.fn(item)
}

// warcOptions make gowarc keep each record as it is in the file, so that
// a truncated record shows as one, and buffer pages in memory.
var warcOptions = []gowarc.WarcRecordOption{
	gowarc.WithFixContentLength(false),
	gowarc.WithFixDigest(false),
	gowarc.WithFixSyntaxErrors(false),
	gowarc.WithAddMissingDigest(false),
	gowarc.WithAddMissingRecordId(false),
	gowarc.WithBufferMaxMemBytes(maxWARCRecord),
}

// unmarshal runs gowarc on the next record; gowarc parses arbitrary input,
// so a panic inside it becomes an error.
func (w *warcReader) unmarshal(br *bufio.Reader) (rec gowarc.WarcRecord, junk int64, val *gowarc.Validation, err error) {
	defer func() {
		if p := recover(); p != nil {
			w.u = nil // its state is unknown now
			rec, err = nil, fmt.Errorf("WARC parser failed: %v", p)
		}
	}()
	if w.u == nil {
		w.u = gowarc.NewUnmarshaler(warcOptions...)
	}
	return w.u.Unmarshal(br)
}

// skipRecord passes over a record that cannot hold an article without
// handing it to gowarc, which would buffer and hash all of it: most of a
// crawl is images, scripts and video. It reads the record's header from
// what is buffered and leaves anything unclear to gowarc.
func (w *warcReader) skipRecord(br *bufio.Reader, pos string) (bool, error) {
	head, _ := br.Peek(32 << 10)
	if !bytes.HasPrefix(head, []byte("WARC/")) {
		return false, nil
	}
	end := bytes.Index(head, []byte("\r\n\r\n"))
	if end < 0 {
		return false, nil
	}
	var typ, ctype string
	length := int64(-1)
	for _, line := range strings.Split(string(head[:end]), "\r\n")[1:] {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return false, nil
		}
		v = strings.TrimSpace(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "warc-type":
			typ = strings.ToLower(v)
		case "content-type":
			ctype = strings.ToLower(v)
		case "content-length":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return false, nil
			}
			length = n
		}
	}
	if typ == "" || length < 0 {
		return false, nil
	}
	isResponse := typ == "response" && strings.HasPrefix(ctype, "application/http")
	if isResponse && length <= maxWARCRecord {
		return false, nil
	}
	httpHead := head[end+4:]
	if i := bytes.Index(httpHead, []byte("\r\n\r\n")); i >= 0 {
		httpHead = httpHead[:i]
	}
	bigPage := isResponse && bytes.Contains(bytes.ToLower(httpHead), []byte("html")) // before Discard reuses head
	total := int64(end) + 4 + length
	for left := total; left > 0; {
		n, err := br.Discard(int(min(left, 1<<30)))
		left -= int64(n)
		if err != nil {
			return true, w.fail(pos, fmt.Errorf("WARC record truncated: header promises %d bytes of content, the input ends %d bytes short", length, left))
		}
	}
	if bigPage {
		return true, w.fail(pos, fmt.Errorf("page of %d bytes is larger than %d MiB; skipped", length, MaxInputBytes>>20))
	}
	return true, nil
}

// article extracts the page of one response record; ok is false for a
// record that is not an HTML page fetched with status 200.
func (w *warcReader) article(rec gowarc.WarcRecord, val *gowarc.Validation, pos string) (it Item, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			it, ok = Item{Err: &InputError{pos, fmt.Errorf("WARC record unreadable: %v", p)}}, true
		}
	}()
	h := rec.WarcHeader()
	// gowarc reads a damaged record as best it can and lists what is wrong
	// as warnings; these two are the damage that loses content.
	want, err := h.GetInt64(gowarc.ContentLength)
	switch {
	case err != nil || !h.Has(gowarc.ContentLength):
		return Item{Err: &InputError{pos, errors.New("WARC record truncated or damaged: it has no valid Content-Length")}}, true
	case rec.Block().Size() < want:
		return Item{Err: &InputError{pos, fmt.Errorf("WARC record truncated: header promises %d bytes of content, the input has %d",
			want, rec.Block().Size())}}, true
	}
	if rec.Type() != gowarc.Response {
		return Item{}, false
	}
	blk, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
	if !isHTTP || blk.HttpStatusCode() != http.StatusOK || blk.HttpHeader() == nil {
		return Item{}, false
	}
	hdr := blk.HttpHeader().Clone()
	mt, _, _ := mime.ParseMediaType(hdr.Get("Content-Type"))
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return Item{}, false
	}
	var diags []doc.Diagnostic
	warn := func(msg string) {
		diags = append(diags, doc.Diagnostic{Severity: doc.Warning, Stage: "extract", Origin: pos, Msg: "warc: " + msg})
	}
	if val != nil {
		for _, e := range *val {
			warn(e.Error())
		}
	}
	if headerHas(blk.ProtocolHeaderBytes(), "transfer-encoding", "chunked") {
		// net/http moves this header out of the map gowarc gives.
		hdr.Set("Transfer-Encoding", "chunked")
	}
	payload, err := blk.PayloadBytes()
	if err != nil {
		return Item{Diagnostics: diags, Err: &InputError{pos, err}}, true
	}
	body, err := httpBody(payload, hdr, warn)
	if err != nil {
		return Item{Diagnostics: diags, Err: &InputError{pos, err}}, true
	}
	target := strings.Trim(strings.TrimSpace(h.Get(gowarc.WarcTargetURI)), "<>")
	a, d, err := HTML(body, HTMLOptions{URL: target})
	diags = append(diags, d...)
	if err == nil && a.Published.IsZero() {
		if t, terr := h.GetTime(gowarc.WarcDate); terr == nil && t.Year() >= 1900 && t.Year() <= 2200 {
			a.Published = t // a page fetched then was published by then
		}
	}
	return finish(pos, a, diags, err), true
}

// httpBody undoes the transfer and content encodings the archive kept as
// they came over the wire. A body labelled chunked or gzip that is not (some
// crawlers decode but keep the headers) is used as it is.
func httpBody(payload io.Reader, hdr http.Header, warn func(string)) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(payload, MaxInputBytes))
	if err != nil {
		return nil, fmt.Errorf("reading HTTP payload: %w", err)
	}
	for _, te := range hdr.Values("Transfer-Encoding") {
		if strings.Contains(strings.ToLower(te), "chunked") {
			out, err := io.ReadAll(io.LimitReader(httputil.NewChunkedReader(bytes.NewReader(raw)), MaxInputBytes))
			switch {
			case err == nil:
				raw = out
			case len(out) > 0:
				warn(fmt.Sprintf("chunked body damaged (%v); kept the first %d bytes", err, len(out)))
				raw = out
			}
		}
	}
	var codings []string
	for _, v := range hdr.Values("Content-Encoding") {
		for _, c := range strings.Split(v, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	// Codings are listed in the order applied, so undo them last first.
	for i := len(codings) - 1; i >= 0; i-- {
		var zr io.Reader
		var err error
		switch codings[i] {
		case "gzip", "x-gzip":
			zr, err = gzip.NewReader(bytes.NewReader(raw))
		case "deflate":
			// Servers send both zlib-wrapped and bare deflate under this name.
			if zr, err = zlib.NewReader(bytes.NewReader(raw)); err != nil {
				zr, err = flate.NewReader(bytes.NewReader(raw)), nil
			}
		default:
			return nil, fmt.Errorf("HTTP Content-Encoding %q not supported", clip(codings[i], 20))
		}
		if err != nil {
			warn(fmt.Sprintf("body labelled %s is not; read as it is", codings[i]))
			continue
		}
		out, err := io.ReadAll(io.LimitReader(zr, MaxInputBytes))
		if err != nil && len(out) == 0 {
			return nil, fmt.Errorf("HTTP body (%s): %w", codings[i], err)
		}
		if err != nil {
			warn(fmt.Sprintf("%s body damaged (%v); kept the first %d bytes", codings[i], err, len(out)))
		}
		raw = out
	}
	return raw, nil
}

// headerHas reports whether a raw HTTP header has a field name whose value
// mentions token.
func headerHas(raw []byte, name, token string) bool {
	for _, line := range strings.Split(string(raw), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) && strings.Contains(strings.ToLower(v), token) {
			return true
		}
	}
	return false
}

// skipBlank passes over line ends and spaces between records, which some
// writers add beyond the two CRLFs the format asks for.
func skipBlank(br *bufio.Reader) {
	for {
		b, err := br.Peek(1)
		if err != nil || (b[0] != '\r' && b[0] != '\n' && b[0] != ' ' && b[0] != '\t') {
			return
		}
		_, _ = br.Discard(1)
	}
}

// countReader counts the bytes read from r and keeps its first error other
// than io.EOF, to tell a failing input from damaged content.
type countReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	return n, err
}
