package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An invented feed of two items with text.
const testFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><link>https://harbour.example/</link>
<item><title>Envoys meet on fishing rights</title><link>https://harbour.example/a/1</link>
<pubDate>Tue, 12 Jul 2016 08:00:00 GMT</pubDate>
<description>Norway's foreign minister met his Russian counterpart in Oslo on Monday to discuss fishing quotas in the Barents Sea.</description></item>
<item><title>Port strike ends</title><link>https://harbour.example/a/2</link>
<pubDate>Wed, 13 Jul 2016 08:00:00 GMT</pubDate>
<description>Dock workers in Bergen returned to work after the union accepted a new offer from the port authority.</description></item>
</channel></rss>`

// testPage is an invented article page.
func testPage(title, body string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>` + title + `</h1>` + body + `</article><footer>Share</footer></body></html>`
}

var warcPageBody = `<p>Kenya's president met the Ugandan president in Nairobi on Thursday to discuss a railway line between the two countries.</p>
<p>Officials said the leaders agreed to share the cost of a feasibility study, to be finished by the end of the year.</p>
<p>Opposition politicians in both countries have questioned whether the line can pay for itself.</p>`

// warcResponse is one WARC response record holding an HTML page.
func warcResponse(uri, page string) string {
	http := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(page), page)
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0d6c7a52-1111-4000-8000-%012d>\r\nWARC-Date: 2016-07-14T10:00:00Z\r\n"+
		"WARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		len(uri), uri, len(http), http)
}

// TestIngestReportsBadInputs ingests a directory where every kind of
// stream input has a damaged part: each damage is reported with its file
// and position, everything else is stored, and the exit status says some
// input could not be read.
func TestIngestReportsBadInputs(t *testing.T) {
	dir := t.TempDir()
	first := warcResponse("https://wire.example/rail", testPage("Leaders discuss railway", warcPageBody))
	second := warcResponse("https://wire.example/rail-2", testPage("Railway study agreed", warcPageBody))
	files := map[string]string{
		"news.rss":   testFeed,
		"broken.rss": testFeed[:len(testFeed)/2],
		// The second record is cut off in the middle of its page.
		"crawl.warc": first + second[:len(second)-200],
		"lines.jsonl": `{"url": "https://ledger.example/1", "published": "2016-07-14", "text": "Egypt's foreign minister met Israeli officials in Cairo on Sunday."}
{"url": "https://ledger.example/2", "text": 
{"url": "https://ledger.example/3", "published": "2016-07-14", "text": "Turkey accused Syria of shelling a border town on Saturday."}
{"url": "https://ledger.example/4", "text": ""}
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "events.db")
	code, _, stderr := runDyad(t, "", "ingest", "--store", db, "--quiet", dir)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d (some inputs unreadable): %s", code, exitPartial, stderr)
	}
	at := func(name string) string { return filepath.Join(dir, name) }
	for _, want := range []string{
		at("broken.rss") + ": ",
		at("crawl.warc") + "@" + fmt.Sprint(len(first)) + ": WARC record truncated",
		at("lines.jsonl") + ":2: ",
		at("lines.jsonl") + ":4: ",
		"5 stored", "4 unreadable",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if st := storeStats(t, db); st.Articles != 5 || st.Outlets == 0 {
		t.Errorf("stored %+v, want 5 articles (2 feed items, 1 archived page, 2 lines)", st)
	}
}

// TestIngestURLs fetches a feed and a page from a local server.
func TestIngestURLs(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, testFeed)
	})
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, testPage("Leaders discuss railway", warcPageBody))
	})
	mux.HandleFunc("/missing", http.NotFound)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "events.db")
	code, _, stderr := runDyad(t, "", "ingest", "--store", db, "--quiet", srv.URL+"/feed", srv.URL+"/story", srv.URL+"/missing")
	if code != exitPartial || !strings.Contains(stderr, "3 stored") || !strings.Contains(stderr, "404 Not Found") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runDyad(t, "", "query", "--store", db, "--format", "jsonl", "--text", "railway")
	if code != exitOK || !strings.Contains(stdout, srv.URL+"/story") {
		t.Errorf("the fetched page is not stored under its URL: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestDirectorySkipsReadme walks a corpus folder that describes itself in
// a README: the README is not an article.
func TestDirectorySkipsReadme(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "README.TXT"), []byte("About this corpus\n\nTwo thousand articles in five folders."), 0o644)
	os.WriteFile(filepath.Join(dir, "001.txt"), []byte("Envoys meet\n\nEnvoys from Chile and Peru met in Lima on Monday."), 0o644)
	code, stdout, stderr := runDyad(t, "", "code", dir)
	if code != exitOK || strings.Count(stdout, "\n") != 1 || strings.Contains(stdout, "About this corpus") {
		t.Errorf("exit %d, %d articles:\n%s%s", code, strings.Count(stdout, "\n"), stdout, stderr)
	}
}
