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
		code, _, stderr := runDyad(t, "", "watch", "--store", db, "--once", "--interval", "1ms", url)
		time.Sleep(5 * time.Millisecond)
		return code, stderr
	}

	code, stderr := watchOnce()
	if code != exitOK || !strings.Contains(stderr, "2 items, 2 new stored") {
		t.Fatalf("first poll: exit %d: %s", code, stderr)
	}
	code, stderr = watchOnce()
	if code != exitOK || !strings.Contains(stderr, "not modified") {
		t.Fatalf("unchanged feed: exit %d: %s", code, stderr)
	}
	feed.set(strings.Replace(testFeed, "</channel>", thirdItem, 1), `"v2"`)
	code, stderr = watchOnce()
	if code != exitOK || !strings.Contains(stderr, "3 items, 1 new stored") {
		t.Fatalf("changed feed: exit %d: %s", code, stderr)
	}
	if req, cond := feed.counts(); req != 3 || cond != 2 {
		t.Errorf("%d requests, %d conditional; want 3 and 2 (the saved ETag is sent)", req, cond)
	}
	if st := storeStats(t, db); st.Articles != 3 {
		t.Errorf("store holds %d articles, want 3", st.Articles)
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
		done <- run(ctx, e, []string{"watch", "--store", filepath.Join(dir, "events.db"), "--interval", "10ms", opml})
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
