package extract

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

const rssFixture = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Harbor Gazette</title>
<link>https://gazette.example.org/</link>
<language>en-us</language>
<item>
<title>Council approves river bridge repairs</title>
<link>https://gazette.example.org/2024/03/05/bridge?utm_source=rss</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>
<description>A short teaser line.</description>
<content:encoded><![CDATA[<p>The town council of Lowmarsh voted on Monday to pay for repairs to the old river bridge.</p>
<p>Mayor Ada Brenn said the work would begin in April and take about six weeks.</p>]]></content:encoded>
</item>
<item>
<title>Dock workers end strike</title>
<link>/2024/03/06/strike</link>
<pubDate>Wed, 06 Mar 2024 14:00:00 GMT</pubDate>
<description>Dock workers in Port Selby went back to work after their union and the port authority agreed on new shift rules.</description>
</item>
</channel>
</rss>`

const atomFixture = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Northern Wire</title>
<link href="https://wire.example.com/"/>
<entry>
<title>Election board sets a date for the vote</title>
<link href="https://wire.example.com/a/1"/>
<updated>2024-05-01T08:00:00Z</updated>
<summary type="html">&lt;p&gt;The election board of Vardia said the national vote will be held on the second Sunday of June.&lt;/p&gt;</summary>
</entry>
<entry>
<title>Border talks resume</title>
<link href="https://wire.example.com/a/2"/>
<published>2024-05-02T10:15:00+02:00</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Envoys from Vardia and Olstan met again in Kessel to discuss the disputed river crossing.</p><p>Neither side spoke to reporters after the meeting.</p></div></content>
</entry>
</feed>`

const badItemFixture = `<rss version="2.0"><channel><title>Valley Post</title>
<item><title>Farmers protest grain prices</title><link>https://post.example.net/1</link>
<description>Hundreds of farmers drove tractors into the capital to protest low grain prices.</description></item>
<item><title>Only a headline here</title></item>
<item><title>Link but nothing else</title><link>https://post.example.net/3</link></item>
<item><title>Minister resigns</title><link>https://post.example.net/4</link>
<description>The transport minister stepped down on Friday after a row over rail contracts.</description></item>
</channel></rss>`

const jsonFeedFixture = `{"version": "https://jsonfeed.org/version/1.1", "title": "Lake Courier",
 "items": [{"id": "7", "url": "https://courier.example.com/7", "title": "Ferry service restored",
  "content_text": "The lake ferry resumed service on Tuesday after a week of storms.",
  "date_published": "2024-02-10T06:00:00Z"}]}`

func collectFeed(t *testing.T, src, origin string) ([]Item, error) {
	t.Helper()
	var items []Item
	err := Feed(strings.NewReader(src), origin, func(it Item) error {
		items = append(items, it)
		return nil
	})
	return items, err
}

func TestFeed(t *testing.T) {
	type want struct {
		origin, url, title, source, lang, contains, lacks string
		published                                         time.Time
		errContains                                       string
	}
	tests := []struct {
		name, src string
		want      []want
	}{
		{"rss content:encoded", rssFixture, []want{
			{origin: "f#1", url: "https://gazette.example.org/2024/03/05/bridge?utm_source=rss",
				title: "Council approves river bridge repairs", source: "Harbor Gazette", lang: "en",
				contains: "Mayor Ada Brenn said", lacks: "teaser",
				published: time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)},
			{origin: "f#2", url: "https://gazette.example.org/2024/03/06/strike", title: "Dock workers end strike",
				source: "Harbor Gazette", contains: "Port Selby went back to work",
				published: time.Date(2024, 3, 6, 14, 0, 0, 0, time.UTC)},
		}},
		{"atom", atomFixture, []want{
			{origin: "f#1", url: "https://wire.example.com/a/1", title: "Election board sets a date for the vote",
				source: "Northern Wire", contains: "second Sunday of June", lacks: "<p>",
				published: time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)},
			{origin: "f#2", url: "https://wire.example.com/a/2", title: "Border talks resume",
				source: "Northern Wire", contains: "Neither side spoke",
				published: time.Date(2024, 5, 2, 8, 15, 0, 0, time.UTC)},
		}},
		{"one bad item among good", badItemFixture, []want{
			{origin: "f#1", contains: "tractors into the capital", source: "Valley Post"},
			{origin: "f#2", errContains: "f#2: item has no text and no link"},
			{origin: "f#3", errContains: "only a link to https://post.example.net/3"},
			{origin: "f#4", contains: "transport minister stepped down"},
		}},
		{"json feed", jsonFeedFixture, []want{
			{origin: "f#1", url: "https://courier.example.com/7", title: "Ferry service restored", source: "Lake Courier",
				contains: "lake ferry resumed", published: time.Date(2024, 2, 10, 6, 0, 0, 0, time.UTC)},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, err := collectFeed(t, tc.src, "f")
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != len(tc.want) {
				t.Fatalf("got %d items, want %d", len(items), len(tc.want))
			}
			for i, w := range tc.want {
				it := items[i]
				if w.errContains != "" {
					if it.Err == nil || !strings.Contains(it.Err.Error(), w.errContains) {
						t.Errorf("item %d: err %v, want it to contain %q", i+1, it.Err, w.errContains)
					}
					var ie *InputError
					if !errors.As(it.Err, &ie) || ie.Origin != w.origin {
						t.Errorf("item %d: err %v is not an InputError at %s", i+1, it.Err, w.origin)
					}
					continue
				}
				if it.Err != nil {
					t.Fatalf("item %d: %v", i+1, it.Err)
				}
				a := it.Article
				check := func(field, got, want string) {
					if want != "" && got != want {
						t.Errorf("item %d %s = %q, want %q", i+1, field, got, want)
					}
				}
				check("Origin", a.Origin, w.origin)
				check("URL", a.URL, w.url)
				check("Title", a.Title, w.title)
				check("Source", a.Source, w.source)
				check("Lang", a.Lang, w.lang)
				if !strings.Contains(a.Text, w.contains) || (w.lacks != "" && strings.Contains(a.Text, w.lacks)) {
					t.Errorf("item %d Text = %q, want %q in it and not %q", i+1, a.Text, w.contains, w.lacks)
				}
				if !w.published.IsZero() && !a.Published.Equal(w.published) {
					t.Errorf("item %d Published = %v, want %v", i+1, a.Published, w.published)
				}
				if a.ID != ArticleID(a.URL, a.Text) {
					t.Errorf("item %d ID = %q, want ArticleID(URL, Text)", i+1, a.ID)
				}
			}
		})
	}
}

// TestFeedLinks checks that every item names its page, even one that is
// an error for want of text, so a caller can fetch the whole article.
func TestFeedLinks(t *testing.T) {
	items, err := collectFeed(t, badItemFixture, "f")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Link)
	}
	want := []string{"https://post.example.net/1", "", "https://post.example.net/3", "https://post.example.net/4"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links %q, want %q", got, want)
	}
}

func TestFeedShortSnippetKeepsText(t *testing.T) {
	src := `<rss version="2.0"><channel><title>T</title><item><title>Quiet night</title>
<description>&lt;p&gt;Police in Dunmore reported no incidents. The curfew ends at dawn.&lt;/p&gt;</description>
</item></channel></rss>`
	items, err := collectFeed(t, src, "s")
	if err != nil || len(items) != 1 || items[0].Err != nil {
		t.Fatalf("items %v, err %v", items, err)
	}
	if got, want := items[0].Article.Text, "Police in Dunmore reported no incidents. The curfew ends at dawn."; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestFeedErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"malformed xml", "<rss version=\"2.0\"><channel><title>X</title>\n<item><title>a</title>\n<description>b</description></item>\n<item><link>",
			"bad.xml: line 4: XML syntax error"},
		{"not a feed", "just some words", "bad.xml: not an RSS, Atom or JSON feed"},
		{"bad json feed", `{"version": "https://jsonfeed.org/version/1", "items": [ {"id": 1,} ]}`, "bad.xml: byte "},
		{"empty", "", "bad.xml: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			err := Feed(strings.NewReader(tc.src), "bad.xml", func(Item) error { n++; return nil })
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want prefix %q", err, tc.want)
			}
			if n != 0 {
				t.Errorf("%d items from a broken feed", n)
			}
		})
	}
}

func TestFeedStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Feed(strings.NewReader(rssFixture), "f", func(Item) error { n++; return stop })
	if err != stop || n != 1 {
		t.Fatalf("err %v after %d items; want stop after 1", err, n)
	}
}

func TestParseOPML(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		err       string
	}{
		{"nested", `<?xml version="1.0"?>
<opml version="2.0"><head><title>My subscriptions</title></head><body>
<outline text="World">
  <outline text="Gazette" type="rss" xmlUrl="https://gazette.example.org/feed"/>
  <outline text="Regional"><outline text="Wire" xmlUrl=" https://wire.example.com/atom "/></outline>
</outline>
<outline text="No feed here" htmlUrl="https://example.com/"/>
<outline text="Post" xmlurl="https://post.example.net/rss"/>
</body></opml>`, []string{"https://gazette.example.org/feed", "https://wire.example.com/atom", "https://post.example.net/rss"}, ""},
		{"rss is not opml", rssFixture, nil, "not an OPML document: root element is <rss>"},
		{"plain text", "hello there", nil, "not an OPML document"},
		{"broken", "<opml><body><outline xmlUrl=\"a\"", nil, "opml: line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseOPML(strings.NewReader(tc.src))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestLooksLikeFeed(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{rssFixture, true},
		{atomFixture, true},
		{jsonFeedFixture, true},
		{"\xef\xbb\xbf  <?xml version='1.0'?>\n<!-- made by hand -->\n<?xml-stylesheet href='x.xsl'?><rss>", true},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, true},
		{"<!DOCTYPE feed><feed>", true},
		{"\xff\xfe<\x00r\x00s\x00s\x00>\x00", true},
		{"<html><head><title>feed</title>", false},
		{"<feedback/>", false},
		{`{"version": "1.0", "items": []}`, false},
		{`{"id": 1}`, false},
		{"<!-- never closed", false},
		{"", false},
		{"rss", false},
	}
	for _, tc := range tests {
		if got := LooksLikeFeed([]byte(tc.head)); got != tc.want {
			t.Errorf("LooksLikeFeed(%.40q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

// checkItem is the invariant every reader keeps: an article with an ID and
// text, or an error.
func checkItem(t *testing.T, it Item) {
	t.Helper()
	if it.Err == nil && (it.Article.ID == "" || strings.TrimSpace(it.Article.Text) == "") {
		t.Fatalf("item without error has ID %q, text %q", it.Article.ID, it.Article.Text)
	}
}

func FuzzFeed(f *testing.F) {
	for _, s := range []string{rssFixture, atomFixture, badItemFixture, jsonFeedFixture,
		"<rss><channel><item><description>&lt;b&gt;x</description></item></channel></rss>",
		"<opml><body><outline xmlUrl='u'/></body></opml>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		LooksLikeFeed(data)
		_, _ = ParseOPML(strings.NewReader(string(data)))
		_ = Feed(strings.NewReader(string(data)), "fuzz", func(it Item) error {
			checkItem(t, it)
			return nil
		})
	})
}
