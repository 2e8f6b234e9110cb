package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// feedServer serves one feed with an ETag and counts the requests and the
// conditional ones among them.
type feedServer struct {
	mu          sync.Mutex
	body, etag  string
	requests    int
	conditional int
}

func (f *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if r.Header.Get("If-None-Match") != "" {
		f.conditional++
		if r.Header.Get("If-None-Match") == f.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("ETag", f.etag)
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, f.body)
}

func (f *feedServer) set(body, etag string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.body, f.etag = body, etag
}

func (f *feedServer) counts() (int, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests, f.conditional
}

// A third item, added to testFeed between polls.
const thirdItem = `<item><title>Ministers sign water accord</title><link>https://harbour.example/a/3</link>
<pubDate>Thu, 14 Jul 2016 08:00:00 GMT</pubDate>
<description>Egypt and Sudan signed an accord on Thursday on sharing the waters of the Nile.</description></item>
</channel>`

func TestWatchOnce(t *testing.T) {
	feed := &feedServer{}
	feed.set(testFeed, `"v1"`)
	srv := httptest.NewServer(feed)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "events.db")
	url := srv.URL + "/rss"
	watchOnce := func() (int, string) {
		// A tiny interval makes the feed due again by the next run.
		code, _, stderr := runDyad(t, "", "watch", "--store", db, "--once", "--follow=false", "--interval", "1ms", url)
		time.Sleep(5 * time.Millisecond)
		return code, stderr
	}

	code, stderr := watchOnce()
	if code != exitOK || !strings.Contains(stderr, "2 items, 0 pages fetched, 2 new stored") {
		t.Fatalf("first poll: exit %d: %s", code, stderr)
	}
	code, stderr = watchOnce()
	if code != exitOK || !strings.Contains(stderr, "not modified") {
		t.Fatalf("unchanged feed: exit %d: %s", code, stderr)
	}
	feed.set(strings.Replace(testFeed, "</channel>", thirdItem, 1), `"v2"`)
	code, stderr = watchOnce()
	if code != exitOK || !strings.Contains(stderr, "3 items, 0 pages fetched, 1 new stored") {
		t.Fatalf("changed feed: exit %d: %s", code, stderr)
	}
	if req, cond := feed.counts(); req != 3 || cond != 2 {
		t.Errorf("%d requests, %d conditional; want 3 and 2 (the saved ETag is sent)", req, cond)
	}
	if st := storeStats(t, db); st.Articles != 3 {
		t.Errorf("store holds %d articles, want 3", st.Articles)
	}
}

// TestWatchFollowsLinks serves a feed whose items are teasers with links
// to whole pages: the pages are fetched and coded, once; a page that fails
// is fetched again when the feed changes.
func TestWatchFollowsLinks(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	brokenUntil := 1 // the second page fails on its first request
	mux := http.NewServeMux()
	feed := &feedServer{}
	mux.Handle("/rss", feed)
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		n := hits[r.URL.Path]
		mu.Unlock()
		if r.URL.Path == "/a/2" && n <= brokenUntil {
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, testPage("Leaders discuss railway "+r.URL.Path, warcPageBody+"<p>Filed under "+r.URL.Path+".</p>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	item := func(n int) string {
		return fmt.Sprintf(`<item><title>Story %d</title><link>%s/a/%d</link><description>A teaser.</description></item>`, n, srv.URL, n)
	}
	rss := func(items ...string) string {
		return `<rss version="2.0"><channel><title>Wire</title>` + strings.Join(items, "") + `</channel></rss>`
	}
	feed.set(rss(item(1), item(2)), `"v1"`)
	db := filepath.Join(t.TempDir(), "events.db")
	poll := func() string {
		code, _, stderr := runDyad(t, "", "watch", "--store", db, "--once", "--interval", "1ms", srv.URL+"/rss")
		time.Sleep(5 * time.Millisecond)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		return stderr
	}
	if out := poll(); !strings.Contains(out, "2 items, 1 pages fetched, 1 new stored") || !strings.Contains(out, "503") {
		t.Fatalf("first poll: %s", out)
	}
	feed.set(rss(item(1), item(2), item(3)), `"v2"`)
	if out := poll(); !strings.Contains(out, "3 items, 2 pages fetched, 2 new stored") {
		t.Fatalf("second poll: %s", out)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/a/1"] != 1 || hits["/a/2"] != 2 || hits["/a/3"] != 1 {
		t.Errorf("page requests %v; want each page fetched once, the failed one twice", hits)
	}
	if st := storeStats(t, db); st.Articles != 3 {
		t.Errorf("store holds %d articles, want the 3 pages", st.Articles)
	}
}

func TestWatchFailingFeed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "events.db")
	code, _, stderr := runDyad(t, "", "watch", "--store", db, "--once", srv.URL+"/feed")
	if code != exitPartial || !strings.Contains(stderr, "503 Service Unavailable") || !strings.Contains(stderr, "retry in") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The failure is remembered: the next run finds nothing due.
	code, _, stderr = runDyad(t, "", "watch", "--store", db, "--once", srv.URL+"/feed")
	if code != exitOK || strings.Contains(stderr, "503") {
		t.Errorf("backed-off feed was polled again: exit %d: %s", code, stderr)
	}
}

// TestWatchLoop runs watch until the feed has been polled several times,
// then interrupts it as Ctrl-C would.
func TestWatchLoop(t *testing.T) {
	feed := &feedServer{}
	feed.set(testFeed, `"v1"`)
	srv := httptest.NewServer(feed)
	defer srv.Close()
	dir := t.TempDir()
	opml := filepath.Join(dir, "subs.opml")
	list := `<opml version="2.0"><body><outline text="News"><outline type="rss" text="Harbour" xmlUrl="` + srv.URL + `/rss"/></outline></body></opml>`
	if err := os.WriteFile(opml, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var errb strings.Builder
	go func() {
		e := &env{stdin: strings.NewReader(""), stdout: discard{}, stderr: &syncWriter{w: &errb}}
		done <- run(ctx, e, []string{"watch", "--store", filepath.Join(dir, "events.db"), "--follow=false", "--interval", "10ms", opml})
	}()
	deadline := time.Now().Add(20 * time.Second)
	for req, _ := feed.counts(); req < 2 && time.Now().Before(deadline); req, _ = feed.counts() {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d after interrupt", code)
	}
	if req, cond := feed.counts(); req < 2 || cond < 1 {
		t.Errorf("%d requests, %d conditional, want the feed polled again with its ETag", req, cond)
	}
}

func TestWatchRefuses(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.opml")
	os.WriteFile(empty, []byte(`<opml><body></body></opml>`), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "at least one FEED_URL"},
		{[]string{"--interval", "0s", "https://x.example/rss"}, "--interval must be positive"},
		{[]string{filepath.Join(dir, "nope.opml")}, "cannot read"},
		{[]string{empty}, "lists no feeds"},
	} {
		code, _, stderr := runDyad(t, "", append([]string{"watch", "--store", filepath.Join(dir, "x.db")}, tc.args...)...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want usage error with %q", tc.args, code, stderr, tc.want)
		}
	}
}

// syncWriter lets a running command and the test share a buffer.
type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
