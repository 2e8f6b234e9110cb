package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	nurl "net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/dyad-events/dyad/internal/doc"
)

// HTMLOptions is what the caller knows about the page.
type HTMLOptions struct {
	URL string // where the page was fetched; "" when unknown
}

// Errors HTML returns; callers can tell bad input from pages without text.
var (
	ErrHTMLEmpty  = fmt.Errorf("html: %w", ErrEmpty)
	ErrHTMLBinary = fmt.Errorf("html: %w", ErrBinary)
	ErrHTMLNoBody = errors.New("html: no article body found")
)

// maxHTMLParse bounds the bytes handed to the HTML parser. Real article
// pages are at most a few MB; the extractors' cost grows faster than
// linearly with tree size, so a larger input is cut rather than allowed to
// stall the pipeline.
const maxHTMLParse = 4 << 20

// maxElements bounds the elements handed to the extractors, whose cost
// grows with the tree. Article pages have a few thousand; elements past the
// limit are dropped.
const maxElements = 50000

// HTML extracts the main article from an HTML page: decoded to UTF-8, the
// body found by go-trafilatura and go-readability together (see
// chooseBody), and the title, canonical URL, date and language from the
// page's markup. ID stays empty: the caller computes it.
func HTML(raw []byte, opts HTMLOptions) (a doc.Article, diags []doc.Diagnostic, err error) {
	defer func() {
		// The extractors have their own guards; this one covers the rest,
		// so that no page can take the process down.
		if r := recover(); r != nil {
			a, err = doc.Article{}, fmt.Errorf("html: extraction failed: %v", r)
		}
	}()
	if len(bytes.TrimSpace(raw)) == 0 {
		return doc.Article{}, nil, ErrHTMLEmpty
	}
	if looksBinary(raw) {
		return doc.Article{}, nil, ErrHTMLBinary
	}
	if len(raw) > maxHTMLParse {
		// Cut before decoding, so an oversized page is never copied whole.
		cut := cutPoint(raw, maxHTMLParse)
		diags = append(diags, htmlDiag(doc.Warning, fmt.Sprintf(
			"page is %.1f MiB; only the first %.1f MiB were parsed", mib(len(raw)), mib(cut))))
		raw = raw[:cut]
	}
	src, warn := decodeHTML(raw)
	if warn != "" {
		diags = append(diags, htmlDiag(doc.Warning, warn))
	}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// x/net/html refuses pages nested more than 512 elements deep
		// (unclosed tags do that); read such a page as flat paragraphs.
		root, err = html.Parse(strings.NewReader(flatHTML(src)))
		if err != nil {
			return doc.Article{}, diags, fmt.Errorf("html: cannot parse page: %v", err)
		}
		diags = append(diags, htmlDiag(doc.Warning, "page nests elements too deeply; read as flat paragraphs"))
	}
	if pruneElements(root, maxElements) {
		diags = append(diags, htmlDiag(doc.Warning,
			fmt.Sprintf("page has more than %d elements; the rest were dropped", maxElements)))
	}

	meta := readMeta(root)
	pageURL := parseHTTPURL(opts.URL)
	traf, tmeta, terr := runTrafilatura(root, pageURL)
	read, rerr := runReadability(root, pageURL)
	for _, e := range []error{terr, rerr} {
		if e != nil {
			diags = append(diags, htmlDiag(doc.Info, e.Error()))
		}
	}

	a.URL = meta.canonical(pageURL)
	a.Title = meta.title
	a.Source = meta.site
	if t := cleanInline(tmeta.Title); t != "" {
		a.Title = t // trafilatura strips site names from <title>
	}
	a.Published = meta.published
	if a.Published.IsZero() {
		a.Published = urlDate(a.URL)
	}
	if t := tmeta.Date; a.Published.IsZero() && !t.IsZero() {
		// htmldate's guess from the page text, links and the like; it is
		// good to the day only, so keep the day, in UTC whatever the
		// local zone.
		a.Published = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	a.Lang = meta.lang
	if a.Lang == "" {
		a.Lang = isoLang(tmeta.Language)
	}
	// NFC, so that a letter and its accent written as two code points
	// compare and tokenize like the one-code-point letter.
	a.Title = norm.NFC.String(a.Title)
	a.Text = norm.NFC.String(dropTitle(chooseBody(traf, read), append(meta.titles, a.Title)))
	if a.Text == "" {
		return doc.Article{}, diags, ErrHTMLNoBody
	}
	return a, diags, nil
}

func htmlDiag(sev doc.Severity, msg string) doc.Diagnostic {
	return doc.Diagnostic{Severity: sev, Stage: "extract", Msg: "html: " + msg}
}

func mib(n int) float64 { return float64(n) / (1 << 20) }

// runTrafilatura extracts the body with go-trafilatura in its default
// (balanced) mode without its own fallbacks: on the benchmark, its fallback
// to readability and DOM distiller lowered F1, and chooseBody combines the
// two extractors better. Panics become errors: the extractors walk
// arbitrary markup, and one bad page must not take the process down.
func runTrafilatura(root *html.Node, pageURL *nurl.URL) (text string, meta trafilatura.Metadata, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("trafilatura failed: %v", r)
		}
	}()
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		OriginalURL:     pageURL,
		ExcludeComments: true,
		// Dates come from readMeta first; htmldate's fast mode (no free-text
		// date parser) is the last resort and costs little. It must stay
		// fast: go.mod replaces that parser with a stand-in that finds
		// nothing (third_party/dateparser-stub), which saves every dyad
		// process 0.2 s of start-up.
		HtmlDateMode: trafilatura.Fast,
	})
	if err != nil {
		return "", meta, fmt.Errorf("trafilatura: %w", err)
	}
	return renderText(res.ContentNode), res.Metadata, nil
}

// runReadability extracts the body with go-readability (Mozilla's
// Readability.js algorithm), which on its own scores lower than
// trafilatura but disagrees with it on different pages.
func runReadability(root *html.Node, pageURL *nurl.URL) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("readability failed: %v", r)
		}
	}()
	art, err := readability.FromDocument(root, pageURL)
	if err != nil {
		return "", fmt.Errorf("readability: %w", err)
	}
	return renderText(art.Node), nil
}

// chooseBody picks between trafilatura's text t and readability's text r by
// how far each contains the other, measured on word 4-shingles. Measured
// on the scrapinghub article-extraction benchmark (181 pages): trafilatura
// alone F1 0.962, readability alone 0.952, this choice 0.974 (0.977 once
// dropTitle removes repeated headlines).
//
//   - r lies inside t and t has more: the two agree on r, and what only
//     trafilatura kept was most often page furniture (captions, bylines,
//     teasers, notices), so take r.
//   - t lies inside r and r is more than twice as long: trafilatura stopped
//     at the first block of an article split over several containers, so
//     take r, unless r repeats a short line three times or more, the mark
//     of a list of teasers each with its own share bar.
//   - otherwise trafilatura, the better extractor on its own.
func chooseBody(t, r string) string {
	if t == "" || r == "" {
		return t + r
	}
	ts, rs := shingleSet(t), shingleSet(r)
	rInT, tInR := contained(rs, ts), contained(ts, rs)
	switch {
	case rInT >= 0.99 && tInR < 1:
		return r
	case tInR >= 0.95 && len(r) > 2*len(t) && !repeatsShortParagraph(r, 3):
		return r
	}
	return t
}

// dropTitle removes leading paragraphs that repeat a headline: the title
// is its own field, not part of the text, and extractors that fall back to
// the whole page pick it up.
func dropTitle(text string, titles []string) string {
	for text != "" {
		first, rest, _ := strings.Cut(text, "\n\n")
		key := wordKey(first)
		match := false
		for _, t := range titles {
			if key != "" && wordKey(t) == key {
				match = true
				break
			}
		}
		if !match {
			return text
		}
		text = rest
	}
	return text
}

// wordKey is s's words, lower-cased, without punctuation: two headlines
// with the same key differ only in quotes, dashes or case.
func wordKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}), " ")
}

// shingleSet counts a text's runs of four consecutive words.
func shingleSet(s string) map[string]int {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r))
	})
	out := make(map[string]int, len(words))
	if len(words) < 4 {
		if len(words) > 0 {
			out[strings.Join(words, " ")]++
		}
		return out
	}
	for i := 0; i+4 <= len(words); i++ {
		out[strings.Join(words[i:i+4], " ")]++
	}
	return out
}

// contained is the share of a's shingles (with multiplicity) found in b.
func contained(a, b map[string]int) float64 {
	total, found := 0, 0
	for k, n := range a {
		total += n
		found += min(n, b[k])
	}
	if total == 0 {
		return 0
	}
	return float64(found) / float64(total)
}

// repeatsShortParagraph reports whether some paragraph of at most eight
// words occurs n times or more.
func repeatsShortParagraph(s string, n int) bool {
	seen := map[string]int{}
	for _, p := range strings.Split(s, "\n\n") {
		if len(strings.Fields(p)) > 8 {
			continue
		}
		seen[p]++
		if seen[p] >= n {
			return true
		}
	}
	return false
}

// --- decoding ---------------------------------------------------------------

// looksBinary reports input that is not markup in any text encoding:
// control bytes (other than whitespace) are rare in text, common in images
// and archives. UTF-16 is recognised by its byte order mark first.
func looksBinary(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return false
	}
	return controlShare(raw[:min(len(raw), 8<<10)]) > 0.05
}

// decodeHTML turns the page into UTF-8. Order: byte order mark, then the
// charset the page declares, then a guess. A page declared as one encoding
// but valid UTF-8 with non-ASCII text is taken as UTF-8: mislabelled pages
// are common, and legacy-encoded text is almost never valid UTF-8 by
// chance. warn is non-empty when bytes had to be replaced or the label was
// overridden.
func decodeHTML(raw []byte) (s, warn string) {
	bom := bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF})
	label := ""
	if !bom {
		label = declaredCharset(raw[:min(len(raw), 64<<10)])
		// Lookup follows the WHATWG table, so "iso-8859-1" and "latin1"
		// read as windows-1252, as browsers do.
		enc, name := charset.Lookup(label)
		// A meta tag cannot declare UTF-16: the bytes it was read from
		// were ASCII. Browsers then use UTF-8, and so do we.
		if enc != nil && name != "utf-8" && !strings.HasPrefix(name, "utf-16") {
			if utf8.Valid(raw) && hasNonASCII(raw) {
				return string(raw), fmt.Sprintf("page declares %s but is UTF-8; read as UTF-8", name)
			}
			return decodeWith(enc, raw)
		}
	}
	// No usable label: the same detection as plain text. Emptiness and
	// binary content are judged by HTML's own checks, so Decode's verdict
	// on those is not needed here.
	s, _, dec, _ := Decode(raw)
	switch {
	case dec == Windows1252 && label != "":
		warn = fmt.Sprintf("page declares %s but is not; read as windows-1252", label)
	case dec == Windows1252:
		warn = "page is not UTF-8; read as windows-1252"
	case strings.Contains(s, "\uFFFD") && !bytes.Contains(raw, []byte("\uFFFD")):
		warn = "invalid UTF-8 bytes replaced with U+FFFD"
	}
	return s, warn
}

func validUTF8(b []byte) (string, string) {
	if utf8.Valid(b) {
		return string(b), ""
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), "invalid UTF-8 bytes replaced with U+FFFD"
}

func decodeWith(enc encoding.Encoding, raw []byte) (string, string) {
	out, _, err := transform.Bytes(enc.NewDecoder(), raw)
	if err != nil {
		// Decoders replace bad input themselves; an error means the
		// transformer gave up, so keep what UTF-8 the page has.
		s, _ := validUTF8(raw)
		return s, fmt.Sprintf("could not decode: %v", err)
	}
	return validUTF8(out)
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// declaredCharset finds the encoding a page names in <meta charset> or
// <meta http-equiv="content-type">. It looks further than the HTML
// standard's 1024 bytes because real pages often put the tag after long
// scripts.
func declaredCharset(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
			default:
				continue
			}
			var cs, httpEquiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					httpEquiv = strings.ToLower(strings.TrimSpace(string(v)))
				case "content":
					content = string(v)
				}
			}
			if cs = strings.TrimSpace(cs); cs != "" {
				return cs
			}
			if httpEquiv == "content-type" {
				if i := strings.Index(strings.ToLower(content), "charset="); i >= 0 {
					v := strings.Trim(content[i+len("charset="):], ` "'`)
					if j := strings.IndexAny(v, `; "'`); j >= 0 {
						v = v[:j]
					}
					if v != "" {
						return v
					}
				}
			}
		}
	}
}

// cutPoint picks where to cut an oversized page: just before a tag near the
// limit when there is one, else on a UTF-8 character boundary; always on a
// code unit boundary for UTF-16.
func cutPoint(b []byte, limit int) int {
	cut := limit
	if i := bytes.LastIndexByte(b[:limit], '<'); i > limit/2 {
		cut = i
	} else {
		for cut > limit-utf8.UTFMax && cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
	}
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		cut &^= 1
	}
	return cut
}

// pruneElements drops everything after the limit-th element in document
// order, keeping the page's beginning, where headline and article start.
func pruneElements(root *html.Node, limit int) bool {
	count := 0
	for x := root; x != nil; x = nextInOrder(x) {
		if x.Type != html.ElementNode {
			continue
		}
		if count++; count <= limit {
			continue
		}
		parent := x.Parent
		removeFollowing(x)
		parent.RemoveChild(x)
		for y := parent; y != nil && y.Parent != nil; y = y.Parent {
			removeFollowing(y)
		}
		return true
	}
	return false
}

// nextInOrder is the node after x in document order, without recursion.
func nextInOrder(x *html.Node) *html.Node {
	if x.FirstChild != nil {
		return x.FirstChild
	}
	for ; x != nil; x = x.Parent {
		if x.NextSibling != nil {
			return x.NextSibling
		}
	}
	return nil
}

func removeFollowing(x *html.Node) {
	for s := x.NextSibling; s != nil; s = x.NextSibling {
		x.Parent.RemoveChild(s)
	}
}

// flatHTML rewrites a page the parser cannot take into one it can: head
// elements kept as they are, the text between block tags as one <p> each.
// Only for pages nested too deep to parse; structure is lost.
func flatHTML(src string) string {
	var b strings.Builder
	b.WriteString("<html><head>")
	var para strings.Builder
	var body strings.Builder
	endPara := func() {
		if t := strings.TrimSpace(para.String()); t != "" {
			body.WriteString("<p>")
			body.WriteString(html.EscapeString(t))
			body.WriteString("</p>")
		}
		para.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(src))
	var skip atom.Atom // inside a script or style whose text is not reading text
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			if skip == 0 {
				para.WriteString(tok.Data)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.DataAtom {
			case atom.Meta, atom.Link:
				b.WriteString(tok.String())
			case atom.Title:
				b.WriteString("<title>")
				if z.Next() == html.TextToken {
					b.WriteString(html.EscapeString(string(z.Text())))
				}
				b.WriteString("</title>")
			case atom.Script, atom.Style:
				if tok.DataAtom == atom.Script && strings.EqualFold(attrOf(tok, "type"), "application/ld+json") {
					b.WriteString(tok.String())
					if z.Next() == html.TextToken {
						b.Write(z.Raw())
					}
					b.WriteString("</script>")
					continue
				}
				if tt == html.StartTagToken {
					skip = tok.DataAtom
				}
			default:
				if blockTags[tok.DataAtom] || tok.DataAtom == atom.Br {
					endPara()
				}
			}
		case html.EndTagToken:
			if tok.DataAtom == skip {
				skip = 0
			} else if blockTags[tok.DataAtom] {
				endPara()
			}
		}
	}
	endPara()
	b.WriteString("</head><body>")
	b.WriteString(body.String())
	b.WriteString("</body></html>")
	return b.String()
}

func attrOf(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textContent joins the text under n, iteratively, leaving out scripts and
// styles below n.
func textContent(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
			continue
		}
		if x != n && x.Type == html.ElementNode && (x.DataAtom == atom.Script || x.DataAtom == atom.Style) {
			continue // code inside n is not its text; n itself may be a script
		}
		// Push children last-first so they pop in document order.
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

// --- text rendering ----------------------------------------------------------

// blockTags start and end a paragraph of their own.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Ul: true, atom.Caption: true,
	atom.Body: true, atom.Html: true,
}

// skipTags hold no reading text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Button: true, atom.Textarea: true,
}

// renderText turns an extracted subtree into dyad's text form: one
// paragraph per block element or <br>-separated run, whitespace collapsed
// to single spaces, paragraphs joined by a blank line.
func renderText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		p := cleanInline(cur.String())
		cur.Reset()
		if p == "" || isBoilerplate(p) {
			return
		}
		paras = append(paras, p)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
			switch {
			case n.DataAtom == atom.Br || n.Data == "lb":
				flush()
				return
			case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
				// Cells of one row stay one paragraph, apart by a space.
				cur.WriteByte(' ')
				defer cur.WriteByte(' ')
			case blockTags[n.DataAtom] || !isInlineTag(n):
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	flush()
	return strings.Join(paras, "\n\n")
}

// isInlineTag reports phrasing elements, which continue the current
// paragraph. go-trafilatura's output uses HTML names plus a few of its own
// (hi, ref, lb), which are inline too.
func isInlineTag(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data,
		atom.Del, atom.Dfn, atom.Em, atom.I, atom.Img, atom.Ins, atom.Kbd, atom.Label,
		atom.Mark, atom.Q, atom.Rp, atom.Rt, atom.Ruby, atom.S, atom.Samp, atom.Small,
		atom.Span, atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Var, atom.Wbr,
		atom.Font, atom.Big, atom.Tt, atom.Strike, atom.Nobr, atom.Picture, atom.Source:
		return true
	}
	switch n.Data {
	case "hi", "ref", "graphic":
		return true
	}
	return false
}

// cleanInline collapses every run of white space (NBSP included) to one
// space, drops invisible soft hyphens and stray BOMs, and trims the ends.
func cleanInline(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u00AD' || r == '\uFEFF':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// --- metadata ----------------------------------------------------------------

// pageMeta is what the page's markup says about the article.
type pageMeta struct {
	title     string
	titles    []string // every headline candidate, for dropTitle
	urls      []string // canonical link first, then og:url
	published time.Time
	lang      string
	site      string // the outlet's name, for Article.Source
}

// Meta keys that name the publication date, best first. Keys are
// lower-cased name, property or itemprop values.
var dateMetaKeys = []string{
	"article:published_time", "og:article:published_time", "og:published_time",
	"article:published", "parsely-pub-date", "sailthru.date", "datepublished",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
	"dc.date.created", "citation_publication_date", "citation_date", "pubdate",
	"publishdate", "publish-date", "publish_date", "publication_date", "date",
	"article.published", "originalpublicationdate", "og:updated_time",
}

// readMeta collects title, URLs, date and language from head and body in
// one pass over the tree.
func readMeta(root *html.Node) pageMeta {
	var (
		m         pageMeta
		metas     = map[string]string{}
		canonical string
		htmlLang  string
		docTitle  string
		h1        string
		timePub   string // <time pubdate> or itemprop=datePublished
		timeFirst string
		jsonLD    []string
		inArticle int
	)
	type item struct {
		n     *html.Node
		leave bool
	}
	stack := []item{{n: root}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		if it.leave {
			inArticle--
			continue
		}
		if n.Type != html.ElementNode {
			for c := n.LastChild; c != nil; c = c.PrevSibling {
				stack = append(stack, item{n: c})
			}
			continue
		}
		switch n.DataAtom {
		case atom.Html:
			htmlLang = attr(n, "lang")
			if htmlLang == "" {
				htmlLang = attr(n, "xml:lang")
			}
		case atom.Meta:
			content := attr(n, "content")
			for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
				key := strings.ToLower(strings.TrimSpace(attr(n, k)))
				if key != "" && content != "" {
					if _, seen := metas[key]; !seen {
						metas[key] = content
					}
				}
			}
		case atom.Link:
			if canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				canonical = attr(n, "href")
			}
		case atom.Title:
			if docTitle == "" {
				docTitle = textContent(n)
			}
			continue
		case atom.H1:
			if h1 == "" {
				h1 = textContent(n)
			}
		case atom.Time:
			dt := attr(n, "datetime")
			if dt != "" && timePub == "" && (hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datepublished")) {
				timePub = dt
			}
			if dt != "" && timeFirst == "" && inArticle > 0 {
				timeFirst = dt
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				jsonLD = append(jsonLD, textContent(n))
			}
			continue
		case atom.Svg, atom.Style, atom.Template:
			continue // their <title>s and text are not the page's
		case atom.Article, atom.Main:
			inArticle++
			stack = append(stack, item{n: n, leave: true})
		}
		if timePub == "" && n.DataAtom != atom.Meta && strings.EqualFold(attr(n, "itemprop"), "datepublished") {
			if v := attr(n, "content"); v != "" {
				timePub = v
			} else if v := attr(n, "datetime"); v != "" {
				timePub = v
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, item{n: c})
		}
	}

	for _, t := range []string{metas["og:title"], metas["twitter:title"], h1, docTitle} {
		if t = cleanInline(t); t != "" {
			if m.title == "" {
				m.title = t
			}
			m.titles = append(m.titles, t)
		}
	}
	if canonical != "" {
		m.urls = append(m.urls, canonical)
	}
	if u := metas["og:url"]; u != "" {
		m.urls = append(m.urls, u)
	}
	for _, n := range []string{metas["og:site_name"], metas["application-name"], metas["publisher"]} {
		if m.site = cleanInline(n); m.site != "" {
			break
		}
	}
	for _, l := range []string{htmlLang, metas["content-language"], metas["language"], metas["dc.language"], metas["og:locale"]} {
		if m.lang = isoLang(l); m.lang != "" {
			break
		}
	}

	ldArticle, ldAny := jsonLDDates(jsonLD)
	cands := []string{ldArticle}
	for _, k := range dateMetaKeys {
		cands = append(cands, metas[k])
	}
	cands = append(cands, timePub, ldAny, timeFirst)
	for _, c := range cands {
		if t, ok := ParseDate(c); ok {
			m.published = t
			break
		}
	}
	return m
}

// canonical is the article's URL: the page's own canonical link, else
// og:url, else where it was fetched. Relative links resolve against the
// fetch URL; anything that is not http(s) is ignored.
func (m pageMeta) canonical(page *nurl.URL) string {
	for _, raw := range m.urls {
		u, err := nurl.Parse(strings.TrimSpace(raw))
		if err != nil {
			continue
		}
		if page != nil {
			u = page.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	if page != nil {
		return page.String()
	}
	return ""
}

// parseHTTPURL parses an absolute http(s) URL, or returns nil.
func parseHTTPURL(s string) *nurl.URL {
	u, err := nurl.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// isoLang reduces a language tag ("en-US", "pt_BR", "EN") to its ISO 639-1
// code, or "" when it has none.
func isoLang(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, ",;"); i >= 0 {
		tag = tag[:i]
	}
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 {
		return ""
	}
	tag = strings.ToLower(tag)
	if tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

// ldDateRE finds datePublished in JSON-LD that does not parse as JSON
// (trailing commas, raw newlines in strings are common).
var ldDateRE = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{4,64})"`)

// jsonLDDates returns the datePublished of the first article-typed object
// in the page's JSON-LD blocks, and the first datePublished of any type.
func jsonLDDates(blocks []string) (article, anyType string) {
	for _, b := range blocks {
		b = strings.TrimSpace(b)
		// Some CMSs wrap the JSON in CDATA or comment markers.
		b = strings.TrimPrefix(strings.TrimPrefix(b, "//<![CDATA["), "/*<![CDATA[*/")
		b = strings.TrimSuffix(strings.TrimSuffix(b, "//]]>"), "/*]]>*/")
		var v any
		if err := json.Unmarshal([]byte(b), &v); err != nil {
			if anyType == "" {
				if m := ldDateRE.FindStringSubmatch(b); m != nil {
					anyType = m[1]
				}
			}
			continue
		}
		walkLD(v, 0, &article, &anyType)
		if article != "" {
			return article, anyType
		}
	}
	return article, anyType
}

// walkLD visits JSON-LD objects, @graph arrays and nested values; depth is
// bounded because the JSON comes from the page.
func walkLD(v any, depth int, article, anyType *string) {
	if depth > 32 || *article != "" {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkLD(e, depth+1, article, anyType)
		}
	case map[string]any:
		if d, ok := x["datePublished"].(string); ok && d != "" {
			if isArticleType(x["@type"]) {
				*article = d
				return
			}
			if *anyType == "" {
				*anyType = d
			}
		}
		for _, e := range x {
			walkLD(e, depth+1, article, anyType)
		}
	}
}

// isArticleType reports schema.org types for written articles: Article and
// its subtypes (NewsArticle, ReportageNewsArticle, …), blog and social posts.
func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		x = strings.TrimPrefix(strings.TrimPrefix(x, "http://schema.org/"), "https://schema.org/")
		return strings.HasSuffix(x, "Article") || strings.HasSuffix(x, "Posting") || x == "Report"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// urlDateRE finds /yyyy/mm/dd/ in an article URL, a common CMS pattern.
var urlDateRE = regexp.MustCompile(`/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?:/|$)`)

// urlDate reads the publication day from the article's URL path.
func urlDate(u string) time.Time {
	m := urlDateRE.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}
	}
	t, err := time.Parse("2006/1/2", m[1]+"/"+m[2]+"/"+m[3])
	if err != nil {
		return time.Time{}
	}
	return t
}
