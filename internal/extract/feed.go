package extract

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"github.com/dyad-events/dyad/internal/doc"
)

// MaxFeedBytes bounds one feed document. gofeed holds the whole feed in
// memory, and real feeds are well under a megabyte.
const MaxFeedBytes = 64 << 20

var errFeedTooLarge = fmt.Errorf("feed larger than %d MiB", MaxFeedBytes>>20)

// Feed reads an RSS, Atom or JSON Feed document and calls fn with each of
// its items, in feed order. An item that cannot become an article is an
// Item with Err set; a document that cannot be parsed at all is the
// returned error.
func Feed(r io.Reader, origin string, fn func(Item) error) error {
	f, err := parseFeed(&capReader{r: r, left: MaxFeedBytes})
	if err != nil {
		return &InputError{origin, feedError(err)}
	}
	source := cleanInline(f.Title)
	lang := isoLang(f.Language)
	base := parseHTTPURL(f.Link)
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		item := feedItem(it, fmt.Sprintf("%s#%d", origin, i+1), base)
		if item.Err == nil {
			item.Article.Source = source
			if item.Article.Lang == "" {
				item.Article.Lang = lang
			}
		}
		if err := fn(item); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed runs gofeed; it parses arbitrary input, so a panic inside it
// becomes an error rather than taking the process down.
func parseFeed(r io.Reader) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("feed parser failed: %v", p)
		}
	}()
	return gofeed.NewParser().Parse(r)
}

// feedItem turns one feed entry into an article. pos names it in errors.
func feedItem(it *gofeed.Item, pos string, base *nurl.URL) Item {
	var diags []doc.Diagnostic
	warn := func(msg string) {
		diags = append(diags, doc.Diagnostic{Severity: doc.Warning, Stage: "extract", Origin: pos, Msg: "feed: " + msg})
	}
	title := cleanInline(it.Title)
	if hasMarkup(title) {
		title = cleanInline(fragmentText(title))
	}
	link := itemLink(it, base)
	if link == "" && strings.TrimSpace(it.Link) != "" {
		warn(fmt.Sprintf("item link %q is not a web address; ignored", clip(it.Link, 80)))
	}

	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	var a doc.Article
	if strings.TrimSpace(body) != "" {
		var d []doc.Diagnostic
		a, d = feedBody(body, title, link, pos)
		diags = append(diags, d...)
	}
	if a.Text == "" {
		msg := "item has no text and no link"
		if link != "" {
			msg = "item has no text, only a link to " + clip(link, 120)
		}
		return Item{Diagnostics: diags, Err: &InputError{pos, errors.New(msg)}, Link: link}
	}
	if title != "" {
		a.Title = title
	}
	a.URL = link
	a.Published = itemDate(it, warn)
	item := finish(pos, a, diags, nil)
	item.Link = link
	return item
}

// feedBody makes the article text of an item's content or description.
// Markup goes through the page extractor first, inside a minimal page so
// that a snippet of a few sentences still reads as an article; when the
// extractor refuses or keeps less than half of what the markup holds (it
// is tuned for whole pages, and a feed item has no page furniture to
// remove), the markup's own text is used.
func feedBody(body, title, link, pos string) (doc.Article, []doc.Diagnostic) {
	if !hasMarkup(body) {
		a, diags, err := Text([]byte(body), TextOptions{Origin: pos, Title: title})
		if err != nil {
			return doc.Article{}, diags
		}
		a.RawMap = doc.OffsetMap{} // offsets would point into the element, not the feed file
		return a, diags
	}
	plain := fragmentText(body)
	page := "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) +
		"</title></head><body><article>" + body + "</article></body></html>"
	ex, diags, err := HTML([]byte(page), HTMLOptions{URL: link})
	text := ex.Text
	if err != nil || len(text) < len(plain)/2 {
		text = plain
	}
	text = norm.NFC.String(dropTitle(text, []string{title}))
	return doc.Article{Text: text, Lang: ex.Lang}, diags
}

// markupRE finds a tag or an entity: feeds put HTML in descriptions both
// raw and escaped once, and plain-text descriptions have neither.
var markupRE = regexp.MustCompile(`<(?:/?[A-Za-z][A-Za-z0-9:-]*[\s/>]|!--)|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);`)

func hasMarkup(s string) bool { return markupRE.MatchString(s) }

// fragmentText is the text of an HTML snippet, one paragraph per block
// element, by the same rendering the page extractor uses.
func fragmentText(s string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		// Nesting past the parser's limit; read it as flat paragraphs.
		if nodes, err = html.ParseFragment(strings.NewReader(flatHTML(s)), ctx); err != nil {
			return ""
		}
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	for _, n := range nodes {
		if n.Parent == nil {
			body.AppendChild(n)
		}
	}
	return renderText(body)
}

// itemLink is the item's web address: its link, else a GUID that is one,
// made absolute against the feed's own link.
func itemLink(it *gofeed.Item, base *nurl.URL) string {
	for _, raw := range []string{it.Link, it.GUID} {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		u, err := nurl.Parse(raw)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

// itemDate is when the item was published, else last updated. gofeed's
// own parse is tried first (it knows feed-specific forms), then ParseDate.
func itemDate(it *gofeed.Item, warn func(string)) time.Time {
	for _, c := range []struct {
		parsed *time.Time
		raw    string
	}{{it.PublishedParsed, it.Published}, {it.UpdatedParsed, it.Updated}} {
		if c.parsed != nil && c.parsed.Year() >= 1900 && c.parsed.Year() <= 2200 {
			return *c.parsed
		}
		if t, ok := ParseDate(c.raw); ok {
			return t
		}
		if strings.TrimSpace(c.raw) != "" {
			warn(fmt.Sprintf("unreadable date %q ignored", clip(c.raw, 40)))
		}
	}
	return time.Time{}
}

// feedError says where a feed broke, in the terms of its syntax.
func feedError(err error) error {
	var xe *xml.SyntaxError
	var je *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return &detailError{"not an RSS, Atom or JSON feed", err}
	case errors.As(err, &xe):
		return &detailError{fmt.Sprintf("line %d: XML syntax error: %s", xe.Line, xe.Msg), err}
	case errors.As(err, &je):
		return &detailError{fmt.Sprintf("byte %d: JSON syntax error: %s", je.Offset, je.Error()), err}
	case errors.As(err, &te):
		return &detailError{fmt.Sprintf("byte %d: JSON feed field %s has the wrong type", te.Offset, te.Field), err}
	}
	return err
}

// detailError rewords an error from a library while keeping it for
// errors.Is and errors.As.
type detailError struct {
	msg string
	err error
}

func (e *detailError) Error() string { return e.msg }
func (e *detailError) Unwrap() error { return e.err }

// capReader fails, rather than silently stopping, once more than left
// bytes have been read: a cut feed would parse as a shorter one.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errFeedTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// ParseOPML returns the feed address (xmlUrl) of every outline in an OPML
// subscription list, nested outlines included, in document order.
func ParseOPML(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
	// Subscription lists are exported by many tools and often not quite
	// XML: HTML entities and unclosed tags are tolerated.
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	var urls []string
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var xe *xml.SyntaxError
			if errors.As(err, &xe) {
				return nil, fmt.Errorf("opml: line %d: XML syntax error: %s", xe.Line, xe.Msg)
			}
			return nil, fmt.Errorf("opml: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
			if !strings.EqualFold(root, "opml") {
				return nil, fmt.Errorf("not an OPML document: root element is <%s>", clip(root, 40))
			}
			continue
		}
		if !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		for _, at := range se.Attr {
			if strings.EqualFold(at.Name.Local, "xmlUrl") {
				if u := strings.TrimSpace(at.Value); u != "" {
					urls = append(urls, u)
				}
			}
		}
	}
	if root == "" {
		return nil, errors.New("not an OPML document: no root element")
	}
	return urls, nil
}

// jsonFeedRE is the version key every JSON Feed carries.
var jsonFeedRE = regexp.MustCompile(`"version"\s*:\s*"https?://jsonfeed\.org/`)

// LooksLikeFeed reports whether the first bytes of an input are an RSS,
// RDF or Atom document or a JSON Feed, after any byte order mark, XML
// declaration, comments and doctype.
func LooksLikeFeed(head []byte) bool {
	h := head
	if bytes.HasPrefix(h, []byte{0xFF, 0xFE}) || bytes.HasPrefix(h, []byte{0xFE, 0xFF}) {
		h = asciiOfUTF16(h[2:], h[0] == 0xFE)
	}
	h = bytes.TrimPrefix(h, []byte("\xef\xbb\xbf"))
	for {
		h = bytes.TrimLeft(h, " \t\r\n")
		var end []byte
		switch {
		case bytes.HasPrefix(h, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(h, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(h, []byte("<!")):
			end = []byte(">")
		}
		if end == nil {
			break
		}
		i := bytes.Index(h[2:], end)
		if i < 0 {
			return false
		}
		h = h[2+i+len(end):]
	}
	switch {
	case len(h) == 0:
		return false
	case h[0] == '{':
		return jsonFeedRE.Match(h)
	case h[0] != '<':
		return false
	}
	name := h[1:]
	if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:] // <rdf:RDF>, <atom:feed>
	}
	switch strings.ToLower(string(name)) {
	case "rss", "feed", "rdf":
		return true
	}
	return false
}

// asciiOfUTF16 keeps the low byte of each UTF-16 code unit: enough to
// recognise markup, which is ASCII.
func asciiOfUTF16(b []byte, bigEndian bool) []byte {
	out := make([]byte, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		hi, lo := b[i+1], b[i]
		if bigEndian {
			hi, lo = lo, hi
		}
		if hi != 0 {
			lo = 0x80
		}
		out = append(out, lo)
	}
	return out
}
