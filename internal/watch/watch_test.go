package watch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// t0 is the fixed clock used by every test poller.
var t0 = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// testPoller returns a deterministic poller: fixed clock, no jitter.
func testPoller() *Poller {
	return &Poller{
		Interval:   20 * time.Minute, // backoff base 5m
		MaxBackoff: 30 * time.Minute,
		Now:        func() time.Time { return t0 },
		Jitter:     func(time.Duration) time.Duration { return 0 },
	}
}

// recorder keeps the headers of requests seen by a test server.
type recorder struct {
	mu   sync.Mutex
	reqs []http.Header
}

func (r *recorder) add(h http.Header) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, h.Clone())
}

func (r *recorder) last() http.Header {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[len(r.reqs)-1]
}

// reply describes one canned response.
type reply struct {
	status int
	header map[string]string
	body   string
}

// scripted serves replies in order, repeating the last one.
func scripted(t *testing.T, replies ...reply) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.add(r.Header)
		mu.Lock()
		rp := replies[min(n, len(replies)-1)]
		n++
		mu.Unlock()
		for k, v := range rp.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rp.status)
		fmt.Fprint(w, rp.body)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

const lastMod = "Fri, 01 Mar 2024 10:00:00 GMT"

func TestPollConditionalGet(t *testing.T) {
	srv, rec := scripted(t,
		reply{200, map[string]string{"ETag": `"v1"`, "Last-Modified": lastMod, "Content-Type": "application/rss+xml"}, "<rss/>"},
		reply{304, nil, ""},
	)
	p := testPoller()
	st := &FeedState{URL: srv.URL + "/feed"}

	f, err := p.Poll(context.Background(), st)
	if err != nil {
		t.Fatalf("first poll: %v", err)
	}
	if string(f.Body) != "<rss/>" || f.NotModified || f.Status != 200 {
		t.Errorf("first fetch = %+v", f)
	}
	if f.ContentType != "application/rss+xml" || f.FinalURL != srv.URL+"/feed" {
		t.Errorf("content type %q, final URL %q", f.ContentType, f.FinalURL)
	}
	if st.ETag != `"v1"` || st.LastModified != lastMod {
		t.Errorf("validators not stored: %+v", st)
	}
	if st.Failures != 0 || st.LastStatus != 200 || !st.NextPoll.Equal(t0.Add(20*time.Minute)) {
		t.Errorf("state after 200 = %+v", st)
	}
	h := rec.last()
	if h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("first request sent validators: %v", h)
	}
	if ua := h.Get("User-Agent"); !strings.HasPrefix(ua, "dyad/") || !strings.Contains(ua, "github.com/dyad-events/dyad") {
		t.Errorf("User-Agent = %q", ua)
	}
	if !strings.Contains(h.Get("Accept"), "application/rss+xml") {
		t.Errorf("Accept = %q", h.Get("Accept"))
	}

	st.Failures = 2 // a 304 also clears earlier failures
	f, err = p.Poll(context.Background(), st)
	if err != nil {
		t.Fatalf("second poll: %v", err)
	}
	if !f.NotModified || f.Body != nil || f.Status != 304 {
		t.Errorf("second fetch = %+v", f)
	}
	h = rec.last()
	if h.Get("If-None-Match") != `"v1"` || h.Get("If-Modified-Since") != lastMod {
		t.Errorf("conditional headers = %q, %q", h.Get("If-None-Match"), h.Get("If-Modified-Since"))
	}
	if st.Failures != 0 || st.LastStatus != 304 || st.ETag != `"v1"` || st.LastModified != lastMod {
		t.Errorf("state after 304 = %+v", st)
	}
}

func TestPollCustomUserAgent(t *testing.T) {
	srv, rec := scripted(t, reply{200, nil, "x"})
	p := testPoller()
	p.UserAgent = "dyad/1.2.3 (+test)"
	if _, err := p.Poll(context.Background(), &FeedState{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if got := rec.last().Get("User-Agent"); got != "dyad/1.2.3 (+test)" {
		t.Errorf("User-Agent = %q", got)
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		interval, maxBackoff time.Duration
		failures             int
		want                 time.Duration
	}{
		{20 * time.Minute, time.Hour, 1, 5 * time.Minute},
		{20 * time.Minute, time.Hour, 2, 10 * time.Minute},
		{20 * time.Minute, time.Hour, 3, 20 * time.Minute},
		{20 * time.Minute, time.Hour, 4, 40 * time.Minute},
		{20 * time.Minute, time.Hour, 5, time.Hour},
		{20 * time.Minute, time.Hour, 1000, time.Hour},
		{2 * time.Minute, time.Hour, 1, time.Minute}, // one-minute floor
		{2 * time.Minute, time.Hour, 3, 4 * time.Minute},
		{0, 0, 1, DefaultInterval / 4}, // defaults
		{0, 0, 100, DefaultMaxBackoff},
		{time.Hour, 5 * time.Minute, 1, 5 * time.Minute}, // cap below base
	}
	for _, tt := range tests {
		p := &Poller{Interval: tt.interval, MaxBackoff: tt.maxBackoff}
		if got := p.Backoff(tt.failures); got != tt.want {
			t.Errorf("Backoff(%d) with interval %v, max %v = %v, want %v",
				tt.failures, tt.interval, tt.maxBackoff, got, tt.want)
		}
	}
}

func TestPollServerErrorBacksOff(t *testing.T) {
	srv, _ := scripted(t, reply{503, nil, "down"})
	p := testPoller()
	st := &FeedState{URL: srv.URL}
	for i, want := range []time.Duration{5 * time.Minute, 10 * time.Minute, 20 * time.Minute, 30 * time.Minute, 30 * time.Minute} {
		_, err := p.Poll(context.Background(), st)
		if err == nil {
			t.Fatalf("poll %d: no error", i+1)
		}
		if st.Failures != i+1 {
			t.Errorf("poll %d: Failures = %d", i+1, st.Failures)
		}
		if !st.NextPoll.Equal(t0.Add(want)) {
			t.Errorf("poll %d: NextPoll = now+%v, want now+%v", i+1, st.NextPoll.Sub(t0), want)
		}
		wantMsg := fmt.Sprintf("GET %s: 503 Service Unavailable; retry in %s", srv.URL, want)
		if err.Error() != wantMsg || st.LastError != wantMsg {
			t.Errorf("poll %d: error %q, LastError %q, want %q", i+1, err, st.LastError, wantMsg)
		}
		var se *StatusError
		if !errors.As(err, &se) || se.StatusCode != 503 || !se.Temporary() || se.Gone() || se.RetryIn != want {
			t.Errorf("poll %d: StatusError = %+v", i+1, se)
		}
		if st.LastStatus != 503 {
			t.Errorf("poll %d: LastStatus = %d", i+1, st.LastStatus)
		}
	}
}

func TestPollRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter string
		want       time.Duration // delay after the first failure
	}{
		{"503 no header", 503, "", 5 * time.Minute},
		{"503 seconds larger", 503, "600", 10 * time.Minute},
		{"503 seconds smaller", 503, "30", 5 * time.Minute},
		{"503 date larger", 503, t0.Add(2 * time.Hour).Format(http.TimeFormat), 2 * time.Hour},
		{"503 date in past", 503, t0.Add(-time.Hour).Format(http.TimeFormat), 5 * time.Minute},
		{"503 garbage", 503, "soon", 5 * time.Minute},
		{"503 beyond a week", 503, "99999999999", 7 * 24 * time.Hour},
		{"429 no header", 429, "", 5 * time.Minute},
		{"429 seconds", 429, "3600", time.Hour},
		{"429 date", 429, t0.Add(90 * time.Minute).Format(http.TimeFormat), 90 * time.Minute},
		{"500", 500, "", 5 * time.Minute},
		{"502 seconds", 502, "900", 15 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := map[string]string{}
			if tt.retryAfter != "" {
				hdr["Retry-After"] = tt.retryAfter
			}
			srv, _ := scripted(t, reply{tt.status, hdr, ""})
			st := &FeedState{URL: srv.URL}
			_, err := testPoller().Poll(context.Background(), st)
			if err == nil {
				t.Fatal("no error")
			}
			if st.Failures != 1 {
				t.Errorf("Failures = %d", st.Failures)
			}
			if got := st.NextPoll.Sub(t0); got != tt.want {
				t.Errorf("delay = %v, want %v", got, tt.want)
			}
			if !strings.HasSuffix(err.Error(), "; retry in "+tt.want.String()) {
				t.Errorf("error %q does not name the delay", err)
			}
			if tt.status == 429 && !strings.Contains(err.Error(), "429 Too Many Requests") {
				t.Errorf("error %q", err)
			}
		})
	}
}

func TestPollClientErrors(t *testing.T) {
	tests := []struct {
		status   int
		want     time.Duration
		wantText string
		gone     bool
	}{
		{410, 30 * time.Minute, "410 Gone (feed is gone)", true},
		{404, 5 * time.Minute, "404 Not Found (feed not found)", true},
		{403, 5 * time.Minute, "403 Forbidden (request refused)", false},
		{400, 5 * time.Minute, "400 Bad Request (request refused)", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			srv, _ := scripted(t, reply{tt.status, nil, "no"})
			st := &FeedState{URL: srv.URL, ETag: `"old"`}
			f, err := testPoller().Poll(context.Background(), st)
			if err == nil {
				t.Fatal("no error")
			}
			if f.Body != nil {
				t.Errorf("body returned on error: %q", f.Body)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q lacks %q", err, tt.wantText)
			}
			var se *StatusError
			if !errors.As(err, &se) || se.Gone() != tt.gone || se.Temporary() {
				t.Errorf("StatusError = %+v", se)
			}
			if st.Failures != 1 || st.NextPoll.Sub(t0) != tt.want || st.LastStatus != tt.status {
				t.Errorf("state = %+v, want delay %v", st, tt.want)
			}
			if st.ETag != `"old"` {
				t.Errorf("validators changed on error: %+v", st)
			}
		})
	}
}

func TestPollRecovery(t *testing.T) {
	srv, _ := scripted(t,
		reply{503, nil, ""},
		reply{503, nil, ""},
		reply{200, map[string]string{"ETag": `"v2"`}, "<feed/>"},
	)
	p := testPoller()
	st := &FeedState{URL: srv.URL}
	for range 2 {
		if _, err := p.Poll(context.Background(), st); err == nil {
			t.Fatal("expected failure")
		}
	}
	if st.Failures != 2 || st.LastError == "" {
		t.Fatalf("after failures: %+v", st)
	}
	f, err := p.Poll(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if string(f.Body) != "<feed/>" {
		t.Errorf("body = %q", f.Body)
	}
	want := FeedState{URL: srv.URL, ETag: `"v2"`, NextPoll: t0.Add(20 * time.Minute), LastStatus: 200}
	if !reflect.DeepEqual(*st, want) {
		t.Errorf("state = %+v, want %+v", *st, want)
	}
}

func TestPollBodyLimit(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		chunked bool
		tooBig  bool
	}{
		{"at limit", "0123456789", false, false},
		{"over limit", "0123456789A", false, true},
		{"at limit chunked", "0123456789", true, false},
		{"over limit chunked", strings.Repeat("x", 5000), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !tt.chunked {
					w.Header().Set("Content-Length", fmt.Sprint(len(tt.body)))
				}
				w.WriteHeader(200)
				if tt.chunked {
					w.(http.Flusher).Flush()
				}
				fmt.Fprint(w, tt.body)
			}))
			defer srv.Close()
			p := testPoller()
			p.MaxBody = 10
			st := &FeedState{URL: srv.URL}
			f, err := p.Poll(context.Background(), st)
			if !tt.tooBig {
				if err != nil || string(f.Body) != tt.body {
					t.Fatalf("got %q, %v", f.Body, err)
				}
				return
			}
			if !errors.Is(err, ErrBodyTooLarge) {
				t.Fatalf("error = %v, want ErrBodyTooLarge", err)
			}
			if f.Body != nil {
				t.Errorf("body returned with error")
			}
			if st.Failures != 1 || st.NextPoll.Sub(t0) != 5*time.Minute || !strings.Contains(err.Error(), "retry in 5m0s") {
				t.Errorf("state = %+v, err %q", st, err)
			}
		})
	}
}

func TestPollContextCancel(t *testing.T) {
	started := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-r.Context().Done()
	}))
	defer srv.Close()

	prev := t0.Add(-time.Minute)
	st := &FeedState{URL: srv.URL, Failures: 1, NextPoll: prev, ETag: `"e"`}
	before := *st
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	_, err := testPoller().Poll(ctx, st)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if !reflect.DeepEqual(*st, before) {
		t.Errorf("state changed on cancel: %+v", st)
	}

	// Already cancelled before the request is sent.
	_, err = testPoller().Poll(ctx, st)
	if !errors.Is(err, context.Canceled) || !reflect.DeepEqual(*st, before) {
		t.Errorf("pre-cancelled: err %v, state %+v", err, st)
	}
}

func TestPollNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens now
	st := &FeedState{URL: url, LastStatus: 200}
	_, err := testPoller().Poll(context.Background(), st)
	if err == nil {
		t.Fatal("no error")
	}
	if st.Failures != 1 || st.LastStatus != 0 || st.NextPoll.Sub(t0) != 5*time.Minute {
		t.Errorf("state = %+v", st)
	}
	if !strings.HasPrefix(err.Error(), "GET "+url+": ") || !strings.HasSuffix(err.Error(), "; retry in 5m0s") {
		t.Errorf("error = %q", err)
	}
	var se *StatusError
	if errors.As(err, &se) {
		t.Errorf("network error reported as status: %v", se)
	}
}

func TestPollBadURL(t *testing.T) {
	st := &FeedState{URL: "://nope"}
	if _, err := testPoller().Poll(context.Background(), st); err == nil || st.Failures != 1 {
		t.Errorf("err %v, state %+v", err, st)
	}
	if _, err := testPoller().Poll(context.Background(), nil); err == nil {
		t.Error("nil state accepted")
	}
}

func TestPollRedirect(t *testing.T) {
	final, _ := scripted(t, reply{200, nil, "moved"})
	start := httptest.NewServer(http.RedirectHandler(final.URL+"/new", http.StatusMovedPermanently))
	defer start.Close()
	st := &FeedState{URL: start.URL}
	f, err := testPoller().Poll(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if f.FinalURL != final.URL+"/new" || string(f.Body) != "moved" {
		t.Errorf("fetch = %+v", f)
	}
	if st.URL != start.URL {
		t.Errorf("Poll rewrote the feed URL to %q", st.URL)
	}
}

func TestPollRedactsPassword(t *testing.T) {
	srv, _ := scripted(t, reply{500, nil, ""})
	u := strings.Replace(srv.URL, "http://", "http://user:secret@", 1)
	st := &FeedState{URL: u}
	_, err := testPoller().Poll(context.Background(), st)
	if err == nil || strings.Contains(err.Error(), "secret") || strings.Contains(st.LastError, "secret") {
		t.Errorf("password leaked: %v", err)
	}
}

func TestJitter(t *testing.T) {
	srv, _ := scripted(t, reply{200, nil, ""})
	tests := []struct {
		name     string
		jitter   func(time.Duration) time.Duration
		min, max time.Duration
	}{
		{"fixed", func(d time.Duration) time.Duration { return d / 2 }, 30 * time.Minute, 30 * time.Minute},
		{"negative clamps", func(time.Duration) time.Duration { return -time.Hour }, 20 * time.Minute, 20 * time.Minute},
		{"default", nil, 20 * time.Minute, 22 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPoller()
			p.Jitter = tt.jitter
			for range 20 {
				st := &FeedState{URL: srv.URL}
				if _, err := p.Poll(context.Background(), st); err != nil {
					t.Fatal(err)
				}
				if d := st.NextPoll.Sub(t0); d < tt.min || d > tt.max {
					t.Fatalf("delay %v outside [%v, %v]", d, tt.min, tt.max)
				}
			}
		})
	}
}

func TestDueAndNextWake(t *testing.T) {
	now := t0
	states := []FeedState{
		{URL: "a", NextPoll: now.Add(time.Minute)},   // not yet
		{URL: "b", NextPoll: now.Add(-time.Minute)},  // due
		{URL: "c", NextPoll: now},                    // due exactly now
		{URL: "d"},                                   // never polled
		{URL: "e", NextPoll: now.Add(-time.Hour)},    // due, waiting longest of the polled
		{URL: "f", NextPoll: now.Add(-time.Minute)},  // ties with b
		{URL: "g", NextPoll: now.Add(2 * time.Hour)}, // not yet
	}
	if got, want := Due(states, now), []int{3, 4, 1, 5, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("Due = %v, want %v", got, want)
	}
	if got := NextWake(states); !got.IsZero() {
		t.Errorf("NextWake with unpolled feed = %v, want zero", got)
	}
	if got := NextWake(states[:1]); !got.Equal(now.Add(time.Minute)) {
		t.Errorf("NextWake = %v", got)
	}
	future := []FeedState{states[6], states[0]}
	if got := Due(future, now); len(got) != 0 {
		t.Errorf("Due(future) = %v", got)
	}
	if got := NextWake(future); !got.Equal(now.Add(time.Minute)) {
		t.Errorf("NextWake(future) = %v", got)
	}
	if got := NextWake(nil); !got.IsZero() {
		t.Errorf("NextWake(nil) = %v", got)
	}
	if got := Due(nil, now); len(got) != 0 {
		t.Errorf("Due(nil) = %v", got)
	}
}

func TestFeedStateJSON(t *testing.T) {
	st := FeedState{URL: "u", ETag: "e", LastModified: "m", Failures: 2, NextPoll: t0, LastStatus: 503, LastError: "x", Fetched: []string{"https://news.example/1"}}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"url"`, `"etag"`, `"last_modified"`, `"failures"`, `"next_poll"`, `"last_status"`, `"last_error"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON %s lacks %s", b, key)
		}
	}
	var back FeedState
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, st) {
		t.Errorf("round trip = %+v, %v", back, err)
	}
}

func TestRemember(t *testing.T) {
	var st FeedState
	for i := range MaxFetched + 10 {
		st.Remember(fmt.Sprintf("https://news.example/%d", i))
	}
	st.Remember("https://news.example/20") // already there: no change
	if len(st.Fetched) != MaxFetched {
		t.Fatalf("%d links kept, want %d", len(st.Fetched), MaxFetched)
	}
	if st.HasFetched("https://news.example/9") || !st.HasFetched("https://news.example/10") || !st.HasFetched(fmt.Sprintf("https://news.example/%d", MaxFetched+9)) {
		t.Errorf("kept %q … %q; want the newest %d", st.Fetched[0], st.Fetched[len(st.Fetched)-1], MaxFetched)
	}
}
