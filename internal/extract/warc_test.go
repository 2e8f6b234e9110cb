package extract

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"
	"time"
)

// warcPage is an invented article page with no date and no canonical link.
const warcPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Flood barriers hold in Rennick</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Flood barriers hold in Rennick</h1>
<p>The new flood barriers along the Ost river held through three days of heavy rain, city engineers in Rennick said on Thursday.</p>
<p>Water rose to within a metre of the top of the walls on Wednesday night, but no streets in the old quarter were flooded.</p>
<p>The regional governor, Tomas Wirth, thanked the crews who worked in shifts to pump water from the lower districts.</p>
<p>Residents who left their homes on Tuesday were told they could return once the river falls below the warning level.</p>
</article><footer>Copyright Rennick Daily</footer></body></html>`

// canonicalPage names its own address and date, which win over the WARC's.
const canonicalPage = `<html><head><title>Wage talks stall</title>
<link rel="canonical" href="https://daily.example.org/news/wage-talks">
<meta property="article:published_time" content="2023-11-20T07:00:00Z"></head><body><article>
<p>Talks between the nurses' union and the health ministry of Calvaria broke off on Monday without a deal on pay.</p>
<p>Union leaders said they would ask members next week whether to hold a one-day strike before the end of the year.</p>
<p>The ministry said its latest offer was the most it could afford under the current budget and urged a return to talks.</p>
</article></body></html>`

const warcDate = "2024-06-01T12:00:00Z"

var recordSeq int

// record builds one WARC record with a correct Content-Length.
func record(typ, uri, ctype, block string) string {
	recordSeq++
	var b strings.Builder
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:6f1c0000-0000-4000-8000-%012d>\r\nWARC-Date: %s\r\n", typ, recordSeq, warcDate)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", ctype, len(block), block)
	return b.String()
}

func httpResponse(status, ctype, extra, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s", status, ctype, extra, len(body), body)
}

func response(uri, status, ctype, extra, body string) string {
	return record("response", uri, "application/http; msgtype=response", httpResponse(status, ctype, extra, body))
}

func gz(parts ...string) string {
	var b bytes.Buffer
	for _, p := range parts {
		w := gzip.NewWriter(&b)
		w.Write([]byte(p))
		w.Close()
	}
	return b.String()
}

func chunked(s string, size int) string {
	var b strings.Builder
	for len(s) > 0 {
		n := min(size, len(s))
		fmt.Fprintf(&b, "%x\r\n%s\r\n", n, s[:n])
		s = s[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

var (
	warcInfo = record("warcinfo", "", "application/warc-fields", "software: handmade\r\nformat: WARC File Format 1.1\r\n")
	request  = record("request", "https://news.example.com/rennick-flood", "application/http; msgtype=request",
		"GET /rennick-flood HTTP/1.1\r\nHost: news.example.com\r\n\r\n")
	pageResp = response("https://news.example.com/rennick-flood", "200 OK", "text/html; charset=utf-8", "", warcPage)
	image    = response("https://news.example.com/logo.png", "200 OK", "image/png", "", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	notFound = response("https://news.example.com/missing", "404 Not Found", "text/html", "", warcPage)
	metadata = record("metadata", "https://news.example.com/rennick-flood", "application/warc-fields", "outlink: https://news.example.com/world\r\n")
	canonRsp = response("https://daily.example.org/news/wage-talks?utm_source=x", "200 OK", "application/xhtml+xml", "", canonicalPage)
	encoded  = response("https://news.example.com/encoded", "200 OK", "text/html",
		"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", chunked(gz(warcPage), 100))
)

type warcWant struct {
	origin, url, contains, errContains string
	published                          time.Time
}

func collectWARC(t *testing.T, src, origin string) ([]Item, error) {
	t.Helper()
	var items []Item
	err := WARC(strings.NewReader(src), origin, func(it Item) error {
		items = append(items, it)
		return nil
	})
	return items, err
}

func TestWARC(t *testing.T) {
	fetched, _ := time.Parse(time.RFC3339, warcDate)
	at := func(parts ...string) string { // offset of the record after parts
		return fmt.Sprint(len(strings.Join(parts, "")))
	}
	flood := warcWant{url: "https://news.example.com/rennick-flood", contains: "Tomas Wirth", published: fetched}
	with := func(w warcWant, origin string) warcWant { w.origin = origin; return w }
	plain := warcInfo + request + pageResp + image + metadata
	truncated := pageResp + canonRsp + pageResp[:len(pageResp)-300]
	tests := []struct {
		name, src string
		want      []warcWant
	}{
		{"request, page, image: one article", plain,
			[]warcWant{with(flood, "c@"+at(warcInfo, request))}},
		{"404 skipped, canonical link and page date win", notFound + canonRsp,
			[]warcWant{{origin: "c@" + at(notFound), url: "https://daily.example.org/news/wage-talks",
				contains: "one-day strike", published: time.Date(2023, 11, 20, 7, 0, 0, 0, time.UTC)}}},
		{"chunked gzip payload", encoded,
			[]warcWant{{origin: "c@0", url: "https://news.example.com/encoded", contains: "Tomas Wirth"}}},
		{"gzip per record", gz(warcInfo, request, pageResp, image, canonRsp),
			[]warcWant{with(flood, "c@"+at(gz(warcInfo, request))), {origin: "c@" + at(gz(warcInfo, request, pageResp, image)), contains: "one-day strike"}}},
		{"whole file gzipped", gz(warcInfo + request + pageResp),
			[]warcWant{with(flood, "c@0+"+at(warcInfo, request))}},
		{"truncated final record", truncated, []warcWant{
			with(flood, "c@0"), {origin: "c@" + at(pageResp), contains: "one-day strike"},
			{errContains: "c@" + at(pageResp, canonRsp) + ": WARC record truncated"}}},
		{"truncated final gzip record", gz(pageResp, canonRsp) + gz(pageResp)[:400], []warcWant{
			with(flood, "c@0"), {contains: "one-day strike"},
			{errContains: "c@" + at(gz(pageResp, canonRsp)) + ": damaged WARC record"}}},
		{"truncated skipped record", pageResp + image[:len(image)-10], []warcWant{
			with(flood, "c@0"), {errContains: "c@" + at(pageResp) + ": WARC record truncated"}}},
		{"truncated header", pageResp + "WARC/1.1\r\nWARC-Type: resp", []warcWant{
			with(flood, "c@0"), {errContains: "c@" + at(pageResp) + ": WARC record truncated"}}},
		{"junk between records", pageResp + "this is not a record at all" + canonRsp, []warcWant{
			with(flood, "c@0"), {errContains: "c@" + at(pageResp) + ": 27 bytes that are not a WARC record"},
			{contains: "one-day strike"}}},
		{"trailing junk", pageResp + "xyz", []warcWant{
			with(flood, "c@0"), {errContains: "c@" + at(pageResp) + ": 3 bytes at the end"}}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, err := collectWARC(t, tc.src, "c")
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != len(tc.want) {
				for _, it := range items {
					t.Logf("%s %v", it.Article.Origin, it.Err)
				}
				t.Fatalf("got %d items, want %d", len(items), len(tc.want))
			}
			for i, w := range tc.want {
				it := items[i]
				if w.errContains != "" {
					if it.Err == nil || !strings.Contains(it.Err.Error(), w.errContains) {
						t.Errorf("item %d: err %v, want %q", i+1, it.Err, w.errContains)
					}
					continue
				}
				if it.Err != nil {
					t.Fatalf("item %d: %v", i+1, it.Err)
				}
				a := it.Article
				if w.origin != "" && a.Origin != w.origin {
					t.Errorf("item %d Origin = %q, want %q", i+1, a.Origin, w.origin)
				}
				if w.url != "" && a.URL != w.url {
					t.Errorf("item %d URL = %q, want %q", i+1, a.URL, w.url)
				}
				if !strings.Contains(a.Text, w.contains) || strings.Contains(a.Text, "Copyright") {
					t.Errorf("item %d Text = %q, want %q in it", i+1, a.Text, w.contains)
				}
				if !w.published.IsZero() && !a.Published.Equal(w.published) {
					t.Errorf("item %d Published = %v, want %v", i+1, a.Published, w.published)
				}
				if a.ID == "" || a.ID != ArticleID(a.URL, a.Text) {
					t.Errorf("item %d ID = %q", i+1, a.ID)
				}
			}
		})
	}
}

func TestLooksLikeWARC(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{warcInfo, true},
		{"WARC/1.0\r\n", true},
		{gz(warcInfo), false},
		{"<html>", false},
		{"WARC", false},
	} {
		if got := LooksLikeWARC([]byte(tc.head)); got != tc.want {
			t.Errorf("LooksLikeWARC(%.20q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

func FuzzWARC(f *testing.F) {
	for _, s := range []string{warcInfo + request + pageResp + image + metadata, encoded,
		gz(warcInfo, pageResp), gz(request + image), pageResp[:len(pageResp)-50], "WARC/1.1\r\n\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		LooksLikeWARC(data)
		_ = WARC(bytes.NewReader(data), "fuzz", func(it Item) error {
			checkItem(t, it)
			return nil
		})
	})
}
