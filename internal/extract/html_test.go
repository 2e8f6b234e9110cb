package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dyad-events/dyad/internal/doc"
)

// newsPage is a small news page with the furniture real pages have around
// the story: navigation, share bar, an advertisement slot, related links
// and a footer. None of that may reach the text.
const newsPage = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour workers end strike after pay deal | The Coastal Courier</title>
<meta property="og:title" content="Harbour workers end strike after pay deal">
<meta property="og:url" content="https://courier.example.com/news/og-url">
<link rel="canonical" href="/news/harbour-strike-ends">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<script>var slot = "top"; document.write("Advertisement");</script>
<style>.nav { color: red }</style>
</head>
<body>
<header class="site-header">
  <a href="/">The Coastal Courier</a>
  <nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/weather">Weather</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
</header>
<main>
<article>
  <h1>Harbour workers end strike after pay deal</h1>
  <p class="byline">By Mara Quint, Industry Correspondent</p>
  <div class="share-bar"><ul><li><a href="#">Share</a></li><li><a href="#">Facebook</a></li>
  <li><a href="#">Twitter</a></li><li><a href="#">Email</a></li></ul></div>
  <p>Dock workers at the port of Westhaven voted on Monday to end a three-week strike after union
  leaders and the harbour authority agreed a pay rise of 6.5&nbsp;per cent over two years.</p>
  <p>The stoppage had left more than forty container ships waiting offshore and, according to the
  regional chamber of commerce, cost local businesses an estimated £12 million a week.</p>
  <div class="ad-slot"><p>Advertisement</p></div>
  <p>“This is a fair settlement that recognises the skill and the risk of the job,” said Ilse Varga,
  the union’s regional secretary — adding that members had backed the offer by a large majority.</p>
  <p>The harbour authority said normal operations would resume on Wednesday morning, and that the
  backlog of vessels should be cleared   within ten days.</p>
  <p>Ministers had urged both sides to return to talks last week, warning that the dispute
  threatened supplies of fuel and medicine to the islands.</p>
  <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Ferry fares to rise in spring</a></li>
  <li><a href="/b">New crane arrives at container terminal</a></li></ul></aside>
</article>
</main>
<footer><p>© 2024 The Coastal Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a>
<a href="/contact">Contact us</a></footer>
</body>
</html>`

const newsText = "Dock workers at the port of Westhaven voted on Monday to end a three-week strike after union leaders and the harbour authority agreed a pay rise of 6.5 per cent over two years." +
	"\n\nThe stoppage had left more than forty container ships waiting offshore and, according to the regional chamber of commerce, cost local businesses an estimated £12 million a week." +
	"\n\n“This is a fair settlement that recognises the skill and the risk of the job,” said Ilse Varga, the union’s regional secretary — adding that members had backed the offer by a large majority." +
	"\n\nThe harbour authority said normal operations would resume on Wednesday morning, and that the backlog of vessels should be cleared within ten days." +
	"\n\nMinisters had urged both sides to return to talks last week, warning that the dispute threatened supplies of fuel and medicine to the islands."

// storyParas is reporting long enough for the extractors to take it as an
// article; page() wraps it with whatever head a test needs.
var storyParas = []string{
	"The city council approved a new budget on Tuesday evening after a debate that lasted more than six hours and ended shortly before midnight.",
	"Council members said the plan would raise spending on public transport and road repairs while holding property taxes at last year's level.",
	"Opposition members argued that the projected revenue from parking fees was unrealistic and warned of a shortfall before the end of the year.",
	"The mayor is expected to sign the budget into law on Friday, and the first new bus routes could open as early as the summer.",
}

func page(head string, paras ...string) string {
	if len(paras) == 0 {
		paras = storyParas
	}
	return "<!DOCTYPE html><html><head>" + head + "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><p>" +
		strings.Join(paras, "</p>\n<p>") + "</p></article><footer>Contact us</footer></body></html>"
}

// checkArticleText holds Article.Text to its contract: paragraphs apart by exactly
// one blank line, single spaces, no surrounding white space, valid UTF-8.
func checkArticleText(t *testing.T, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("text is not valid UTF-8: %q", text)
	}
	if text != strings.TrimSpace(text) {
		t.Errorf("text has surrounding white space: %q", text)
	}
	for _, p := range strings.Split(text, "\n\n") {
		if p == "" || strings.ContainsAny(p, "\n\t\r\u00a0") || strings.Contains(p, "  ") || p != strings.TrimSpace(p) {
			t.Errorf("bad paragraph %q", p)
		}
	}
}

func TestHTMLNewsPage(t *testing.T) {
	a, diags, err := HTML([]byte(newsPage), HTMLOptions{URL: "https://courier.example.com/news/harbour-strike-ends?utm_source=rss"})
	if err != nil {
		t.Fatal(err)
	}
	checkArticleText(t, a.Text)
	if a.Text != newsText {
		t.Errorf("text:\n%s\n\nwant:\n%s", a.Text, newsText)
	}
	for _, junk := range []string{"Advertisement", "Share", "Facebook", "Related", "Ferry fares", "Weather", "rights reserved", "Privacy", "slot", "color"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("boilerplate %q in text", junk)
		}
	}
	if a.Title != "Harbour workers end strike after pay deal" {
		t.Errorf("title %q", a.Title)
	}
	if a.URL != "https://courier.example.com/news/harbour-strike-ends" {
		t.Errorf("URL %q", a.URL)
	}
	if want := time.Date(2024, 3, 5, 8, 30, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published %v, want %v", a.Published, want)
	}
	if a.Lang != "en" {
		t.Errorf("lang %q", a.Lang)
	}
	if a.ID != "" || len(a.RawMap) != 0 {
		t.Errorf("ID %q, RawMap %v: want both empty", a.ID, a.RawMap)
	}
	for _, d := range diags {
		if d.Severity >= doc.Warning {
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
}

func TestHTMLCharsets(t *testing.T) {
	// “Quoted” – café, in windows-1252 bytes.
	cp1252 := "\x93Quoted\x94 \x96 caf\xe9"
	want := "“Quoted” – café"
	body := func(s string) []string {
		return append([]string{storyParas[0] + " " + s}, storyParas[1:]...)
	}
	tests := []struct {
		name string
		raw  string
		warn bool // a diagnostic should say the bytes were not what they claimed
	}{
		{"meta charset", page(`<meta charset="windows-1252">`, body(cp1252)...), false},
		{"http-equiv latin-1", page(`<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`, body(cp1252)...), false},
		{"late meta", page(`<script>`+strings.Repeat("var x = 1;\n", 400)+`</script><meta charset=windows-1252>`, body(cp1252)...), false},
		{"undeclared legacy bytes", page("", body(cp1252)...), true},
		{"utf-8 bom", "\xef\xbb\xbf" + page("", body(want)...), false},
		{"utf-8 labelled latin-1", page(`<meta charset="iso-8859-1">`, body(want)...), true},
		{"utf-16le bom", utf16le(page(`<meta charset="utf-16">`, body(want)...)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, diags, err := HTML([]byte(tt.raw), HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkArticleText(t, a.Text)
			if !strings.Contains(a.Text, want) {
				t.Errorf("text lacks %q:\n%s", want, a.Text)
			}
			if warned := len(diags) > 0; warned != tt.warn {
				t.Errorf("diagnostics %v, want a warning: %v", diags, tt.warn)
			}
		})
	}
}

func utf16le(s string) string {
	var b strings.Builder
	b.WriteString("\xff\xfe")
	for _, r := range s {
		if r > 0xFFFF {
			panic("test text outside the BMP")
		}
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}

func TestHTMLInvalidUTF8(t *testing.T) {
	// Mostly UTF-8 with a stray byte: keep the UTF-8, replace the byte.
	raw := page("", append([]string{storyParas[0] + " Zürich \xff Genève."}, storyParas[1:]...)...)
	a, diags, err := HTML([]byte(raw), HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkArticleText(t, a.Text)
	if !strings.Contains(a.Text, "Zürich \uFFFD Genève.") {
		t.Errorf("text %q", a.Text)
	}
	if len(diags) == 0 {
		t.Error("no diagnostic for the replaced byte")
	}
}

func TestHTMLDates(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		head string
		body string // extra body markup before the story
		url  string
		want time.Time
	}{
		{"article:published_time", `<meta property="article:published_time" content="2023-07-01T12:00:00Z">`, "", "", time.Date(2023, 7, 1, 12, 0, 0, 0, time.UTC)},
		{"og published", `<meta property="og:published_time" content="2023-07-02">`, "", "", day(2023, 7, 2)},
		{"parsely", `<meta name="parsely-pub-date" content="2023-07-03T08:00:00.000+0000">`, "", "", time.Date(2023, 7, 3, 8, 0, 0, 0, time.UTC)},
		{"dc.date", `<meta name="DC.date.issued" content="2023-07-04">`, "", "", day(2023, 7, 4)},
		{"itemprop meta", `<meta itemprop="datePublished" content="2023-07-05">`, "", "", day(2023, 7, 5)},
		{"json-ld article", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"x","datePublished":"2023-07-06T10:00:00+02:00"}</script>`, "", "", time.Date(2023, 7, 6, 8, 0, 0, 0, time.UTC)},
		{"json-ld graph", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"WebPage","datePublished":"2001-01-01"},{"@type":["ReportageNewsArticle"],"datePublished":"2023-07-07"}]}</script>`, "", "", day(2023, 7, 7)},
		{"json-ld array", `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","datePublished":"2023-07-08"}]</script>`, "", "", day(2023, 7, 8)},
		{"json-ld beats meta", `<meta property="article:published_time" content="2020-01-01"><script type="application/ld+json">{"@type":"Article","datePublished":"2023-07-09"}</script>`, "", "", day(2023, 7, 9)},
		{"broken json-ld", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2023-07-10\",}</script>", "", "", day(2023, 7, 10)},
		{"time pubdate", "", `<time datetime="2023-07-11T06:00:00Z" pubdate>11 July</time>`, "", time.Date(2023, 7, 11, 6, 0, 0, 0, time.UTC)},
		{"time itemprop", "", `<span itemprop="datePublished" content="2023-07-12"></span>`, "", day(2023, 7, 12)},
		{"date in URL", "", "", "https://example.com/2023/07/13/council-budget", day(2023, 7, 13)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := strings.Replace(page(tt.head), "<article>", "<article>"+tt.body, 1)
			a, _, err := HTML([]byte(raw), HTMLOptions{URL: tt.url})
			if err != nil {
				t.Fatal(err)
			}
			if !a.Published.Equal(tt.want) {
				t.Errorf("published %v, want %v", a.Published, tt.want)
			}
		})
	}
}

func TestHTMLURLAndLang(t *testing.T) {
	tests := []struct {
		name, head, url string
		wantURL         string
		wantLang        string
	}{
		{"canonical", `<link rel="canonical" href="https://news.example.org/a/1"><meta http-equiv="content-language" content="fr">`, "https://m.example.org/x", "https://news.example.org/a/1", "fr"},
		{"relative canonical", `<link rel="canonical" href="../a/2"><meta name="language" content="de-AT">`, "https://news.example.org/b/c/page", "https://news.example.org/b/a/2", "de"},
		{"og:url", `<meta property="og:url" content="https://news.example.org/a/3"><meta property="og:locale" content="pt_BR">`, "", "https://news.example.org/a/3", "pt"},
		{"fetch URL", `<link rel="canonical" href="javascript:void(0)">`, "https://news.example.org/a/4", "https://news.example.org/a/4", "en"},
		{"none", "", "", "", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := HTML([]byte(page(tt.head)), HTMLOptions{URL: tt.url})
			if err != nil {
				t.Fatal(err)
			}
			if a.URL != tt.wantURL {
				t.Errorf("URL %q, want %q", a.URL, tt.wantURL)
			}
			// Without a declared language the detector's guess stands.
			if a.Lang != tt.wantLang {
				t.Errorf("lang %q, want %q", a.Lang, tt.wantLang)
			}
		})
	}
	a, _, err := HTML([]byte(strings.Replace(page(""), "<html>", `<html lang="es-419">`, 1)), HTMLOptions{})
	if err != nil || a.Lang != "es" {
		t.Errorf("html lang: got %q, %v", a.Lang, err)
	}
}

func TestHTMLErrors(t *testing.T) {
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i * 7 % 256)
	}
	tests := []struct {
		name string
		raw  string
		want error
	}{
		{"empty", "", ErrHTMLEmpty},
		{"white space", " \n\t\r\n ", ErrHTMLEmpty},
		{"binary", "\x89PNG\r\n\x1a\n" + string(junk), ErrHTMLBinary},
		{"nul bytes", strings.Repeat("<p>\x00\x00\x00\x00</p>", 200), ErrHTMLBinary},
		{"no body", `<html><head><title>Nothing here</title><script>var a = 1;</script></head><body></body></html>`, ErrHTMLNoBody},
		{"only markup", `<html><body><div><span></span><img src="a.png"></div></body></html>`, ErrHTMLNoBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := HTML([]byte(tt.raw), HTMLOptions{})
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v (text %q)", err, tt.want, a.Text)
			}
		})
	}
}

func TestHTMLTruncated(t *testing.T) {
	full := page("<title>Council passes budget</title>")
	cut := full[:strings.Index(full, storyParas[3])+40] // mid-sentence, tags left open
	a, _, err := HTML([]byte(cut), HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkArticleText(t, a.Text)
	for _, p := range storyParas[:3] {
		if !strings.Contains(a.Text, p) {
			t.Errorf("text lacks %q:\n%s", p, a.Text)
		}
	}
}

func TestHTMLHugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB input skipped in -short mode")
	}
	// One 50 MB line: a page that never closes its paragraph.
	raw := []byte("<html><body><p>" + strings.Repeat("word ", 10<<20))
	start := time.Now()
	a, diags, err := HTML(raw, HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("took %v", d)
	}
	if len(a.Text) > maxHTMLParse {
		t.Errorf("text of %d bytes from a capped parse", len(a.Text))
	}
	if !hasDiag(diags, "only the first") {
		t.Errorf("no diagnostic about the cut: %v", diags)
	}
}

func TestHTMLPathologicalTrees(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		diag string
	}{
		// Deeper than x/net/html will build.
		{"deep nesting", strings.Repeat("<div>", 5000) + strings.Join(storyParas, " ") + strings.Repeat("</div>", 5000), "too deeply"},
		{"unclosed inline tags", "<p>" + strings.Repeat("<b>"+storyParas[0]+" ", 2000), "too deeply"},
		{"many elements", "<ul>" + strings.Repeat("<li>Item", maxElements+10) + "</ul>", "elements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, diags, err := HTML([]byte(tt.raw), HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkArticleText(t, a.Text)
			if !hasDiag(diags, tt.diag) {
				t.Errorf("diagnostics %v lack %q", diags, tt.diag)
			}
		})
	}
}

func hasDiag(diags []doc.Diagnostic, part string) bool {
	for _, d := range diags {
		if d.Stage == "extract" && strings.Contains(d.Msg, part) {
			return true
		}
	}
	return false
}

func TestRenderText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>One  two\n three</p><p>Four</p>", "One two three\n\nFour"},
		{"<div>Line one<br>Line two<br><br>Line three</div>", "Line one\n\nLine two\n\nLine three"},
		{"<p>in<b>line</b> <i>stays</i>, to<span>gether</span></p>", "inline stays, together"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>", "a b\n\nc d"},
		{"<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"},
		{"<p>soft\u00adhyphen and\u00a0nbsp</p><script>x()</script>", "softhyphen and nbsp"},
		{"<p>Advertisement</p><p>Body text.</p><p>Share this article</p>", "Body text."},
	}
	for _, tt := range tests {
		n, err := parseFragment(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := renderText(n); got != tt.want {
			t.Errorf("renderText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChooseBody(t *testing.T) {
	story := strings.Join(storyParas, "\n\n")
	extra := "Photo: a crowd outside the town hall, taken by our staff photographer on Tuesday night"
	teaser := "Read our other coverage of the city council and its long-running budget disputes here"
	tests := []struct {
		name, traf, read, want string
	}{
		{"agree", story, story, story},
		{"one empty", "", story, story},
		{"readability inside trafilatura", story + "\n\n" + extra, story, story},
		{"trafilatura inside a much longer readability", storyParas[0], story, story},
		{"longer readability is a teaser list", storyParas[0],
			story + strings.Repeat("\n\nShare on WhatsApp\n\n"+teaser, 3), storyParas[0]},
		{"disagree", story + "\n\n" + extra, storyParas[0] + "\n\n" + teaser, story + "\n\n" + extra},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chooseBody(tt.traf, tt.read); got != tt.want {
				t.Errorf("chooseBody = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsoLang(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "EN-us": "en", "pt_BR": "pt", "de, en": "de", " fr ": "fr",
		"": "", "eng": "", "x-klingon": "", "zh-Hant-TW": "zh", "1a": "",
	} {
		if got := isoLang(in); got != want {
			t.Errorf("isoLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseHTMLDate(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2019-11-19T08:03:00.000Z":        time.Date(2019, 11, 19, 8, 3, 0, 0, time.UTC),
		"2019-11-19T08:03:00+0000":        time.Date(2019, 11, 19, 8, 3, 0, 0, time.UTC),
		"2019-11-19 08:03:00":             time.Date(2019, 11, 19, 8, 3, 0, 0, time.UTC),
		"2019/11/19":                      time.Date(2019, 11, 19, 0, 0, 0, 0, time.UTC),
		"Tue, 19 Nov 2019 08:03:00 +0000": time.Date(2019, 11, 19, 8, 3, 0, 0, time.UTC),
		"November 19, 2019":               time.Date(2019, 11, 19, 0, 0, 0, 0, time.UTC),
	} {
		got, ok := ParseDate(in)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "yesterday", "0001-01-01T00:00:00Z", "05/06/2019", strings.Repeat("2019", 40)} {
		if got, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %v, want no date", in, got)
		}
	}
}

func TestDecodeHTMLNoPanicOnGarbage(t *testing.T) {
	for _, raw := range [][]byte{
		{0xff, 0xfe, 0x00}, {0xfe, 0xff, 0xd8}, {0xef, 0xbb, 0xbf, 0xff},
		[]byte(`<meta charset="no-such-charset">caf` + "\xe9"),
		[]byte(`<meta http-equiv="content-type" content="text/html; charset=">` + "\x93x\x94"),
		bytes.Repeat([]byte{0xc3}, 100),
	} {
		s, _ := decodeHTML(raw)
		if !utf8.ValidString(s) {
			t.Errorf("decodeHTML(%q) = %q: not UTF-8", raw, s)
		}
	}
}

// parseFragment parses markup as the body of a page and returns the body.
func parseFragment(s string) (*html.Node, error) {
	root, err := html.Parse(strings.NewReader("<html><body>" + s + "</body></html>"))
	if err != nil {
		return nil, err
	}
	for n := root; n != nil; n = nextInOrder(n) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n, nil
		}
	}
	return nil, errors.New("no body")
}

func TestHTMLSource(t *testing.T) {
	page := `<html><head><meta property="og:site_name" content=" Harbour  Gazette "></head><body><article>` +
		`<p>The port authority said on Monday that the strike by dock workers had ended after three weeks of talks with the shipping companies.</p>` +
		`<p>Unions said their members would return to work on Wednesday.</p></article></body></html>`
	a, _, err := HTML([]byte(page), HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "Harbour Gazette" {
		t.Errorf("source %q, want %q", a.Source, "Harbour Gazette")
	}
}
