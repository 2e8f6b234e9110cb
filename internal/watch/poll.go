package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Defaults used when the corresponding Poller field is zero or negative.
const (
	DefaultInterval   = 15 * time.Minute
	DefaultMaxBackoff = 6 * time.Hour
	DefaultMaxBody    = 16 << 20
	DefaultTimeout    = time.Minute

	// minBackoff is the smallest delay after a failure.
	minBackoff = time.Minute
	// maxRetryAfter bounds how far a server's Retry-After can push a poll.
	maxRetryAfter = 7 * 24 * time.Hour
	// drainLimit is how much of an unwanted body is read so the
	// connection can be reused.
	drainLimit = 64 << 10
)

// projectURL is appended to the User-Agent so feed operators can find us.
const projectURL = "https://github.com/dyad-events/dyad"

// acceptHeader prefers syndication formats but takes anything.
const acceptHeader = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, " +
	"application/json;q=0.8, text/html;q=0.5, */*;q=0.1"

// ErrBodyTooLarge is wrapped by the error Poll returns when a response body
// exceeds Poller.MaxBody.
var ErrBodyTooLarge = errors.New("response body too large")

// FeedState is what the caller keeps about one feed between polls. Poll
// reads the validators from it and writes the outcome back.
type FeedState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Failures     int       `json:"failures"`
	NextPoll     time.Time `json:"next_poll"`
	LastStatus   int       `json:"last_status,omitempty"`
	LastError    string    `json:"last_error,omitempty"`
	// Fetched lists the item pages already fetched, oldest first, at most
	// MaxFetched of them; see Remember.
	Fetched []string `json:"fetched,omitempty"`
}

// MaxFetched bounds FeedState.Fetched: several times what a feed lists at
// once, so a page leaves the list long after it left the feed.
const MaxFetched = 2000

// HasFetched reports whether link is in Fetched.
func (st *FeedState) HasFetched(link string) bool {
	return slices.Contains(st.Fetched, link)
}

// Remember adds link to Fetched, forgetting the oldest beyond MaxFetched.
func (st *FeedState) Remember(link string) {
	if st.HasFetched(link) {
		return
	}
	st.Fetched = append(st.Fetched, link)
	if n := len(st.Fetched) - MaxFetched; n > 0 {
		st.Fetched = append(st.Fetched[:0:0], st.Fetched[n:]...)
	}
}

// Fetch is the result of one successful poll.
type Fetch struct {
	// Body is the response body; nil when NotModified.
	Body []byte
	// NotModified reports a 304 answer: the feed has not changed.
	NotModified bool
	// Status is the HTTP status code.
	Status int
	// ContentType is the response's Content-Type header.
	ContentType string
	// FinalURL is the URL that answered, after redirects.
	FinalURL string
}

// StatusError is returned by Poll when the server answers with a status
// that is neither success nor 304.
type StatusError struct {
	URL        string        // request URL, credentials redacted
	StatusCode int           // HTTP status code
	Status     string        // status line, e.g. "503 Service Unavailable"
	RetryIn    time.Duration // delay until the next scheduled poll
}

func (e *StatusError) Error() string {
	note := ""
	switch {
	case e.StatusCode == http.StatusGone:
		note = " (feed is gone)"
	case e.StatusCode == http.StatusNotFound:
		note = " (feed not found)"
	case e.StatusCode == http.StatusTooManyRequests:
		note = " (rate limited)"
	case e.StatusCode >= 400 && e.StatusCode < 500:
		note = " (request refused)"
	}
	return fmt.Sprintf("GET %s: %s%s; retry in %s", e.URL, e.Status, note, e.RetryIn)
}

// Gone reports whether the server said the feed does not exist (404 or
// 410), as opposed to a transient failure.
func (e *StatusError) Gone() bool {
	return e.StatusCode == http.StatusNotFound || e.StatusCode == http.StatusGone
}

// Temporary reports whether the status is one that is expected to clear by
// itself (5xx or 429).
func (e *StatusError) Temporary() bool {
	return e.StatusCode >= 500 || e.StatusCode == http.StatusTooManyRequests
}

// Poller fetches feeds. The zero value is ready to use; zero fields take
// the defaults documented on each. A Poller is not modified by Poll and may
// be shared by goroutines polling different feeds.
type Poller struct {
	// Client sends the requests; nil means a client with DefaultTimeout
	// and the default transport.
	Client *http.Client
	// UserAgent identifies dyad to servers; empty means
	// "dyad/VERSION (+https://github.com/dyad-events/dyad)".
	UserAgent string
	// Interval is the normal period between polls of a healthy feed.
	Interval time.Duration
	// MaxBackoff caps the delay after repeated failures; it is also the
	// delay after a 410 Gone.
	MaxBackoff time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Jitter returns an extra delay to add to a scheduled delay d, so
	// feeds do not all fall due together. Nil means a random delay of up
	// to 10% of d. Negative results count as zero.
	Jitter func(d time.Duration) time.Duration
	// MaxBody is the largest body accepted, in bytes.
	MaxBody int64
}

func (p *Poller) interval() time.Duration {
	if p.Interval > 0 {
		return p.Interval
	}
	return DefaultInterval
}

func (p *Poller) maxBackoff() time.Duration {
	if p.MaxBackoff > 0 {
		return p.MaxBackoff
	}
	return DefaultMaxBackoff
}

func (p *Poller) maxBody() int64 {
	if p.MaxBody > 0 {
		return p.MaxBody
	}
	return DefaultMaxBody
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poller) client() *http.Client {
	if p.Client != nil {
		return p.Client
	}
	return &http.Client{Timeout: DefaultTimeout}
}

func (p *Poller) userAgent() string {
	if p.UserAgent != "" {
		return p.UserAgent
	}
	return UserAgent()
}

// UserAgent is how dyad names itself to the servers it fetches from:
// "dyad/VERSION (+https://github.com/dyad-events/dyad)".
func UserAgent() string {
	version := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
	}
	return "dyad/" + version + " (+" + projectURL + ")"
}

// jittered returns d plus the configured jitter, never less than d.
func (p *Poller) jittered(d time.Duration) time.Duration {
	var j time.Duration
	if p.Jitter != nil {
		j = p.Jitter(d)
	} else if d > 0 {
		j = time.Duration(rand.Int64N(int64(d/10) + 1))
	}
	if j < 0 {
		j = 0
	}
	return d + j
}

// Backoff returns the delay before the next poll of a feed that has failed
// the given number of times in a row: max(Interval/4, 1m), doubled for
// each failure after the first, capped at MaxBackoff. It does not include
// jitter.
func (p *Poller) Backoff(failures int) time.Duration {
	limit := p.maxBackoff()
	d := max(p.interval()/4, minBackoff)
	for i := 1; i < failures && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// Poll fetches st.URL once and updates st with the outcome.
//
// Success (2xx) returns the body, stores the response's ETag and
// Last-Modified, resets Failures and schedules the next poll one Interval
// (plus jitter) away. A 304 does the same but returns NotModified and no
// body.
//
// Any other outcome returns an error and increments Failures. Network
// errors, oversized bodies, 5xx and 429 schedule the next poll after
// Backoff(Failures); 404 and other 4xx do too, and 410 Gone waits
// MaxBackoff. A Retry-After header (seconds or HTTP date) on an error
// response is honoured when it asks for a longer wait, up to seven days.
// HTTP status failures are reported as *StatusError.
//
// If ctx is cancelled or expires, Poll returns the context's error and
// leaves st unchanged: the caller gave up, the feed did not fail.
func (p *Poller) Poll(ctx context.Context, st *FeedState) (Fetch, error) {
	if st == nil {
		return Fetch{}, errors.New("watch: nil FeedState")
	}
	shown := redact(st.URL)

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, st.URL, nil)
	if err != nil {
		return Fetch{}, p.fail(st, 0, fmt.Errorf("GET %s: %w", shown, err))
	}
	req.Header.Set("User-Agent", p.userAgent())
	req.Header.Set("Accept", acceptHeader)
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}

	resp, err := p.client().Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return Fetch{}, fmt.Errorf("GET %s: %w", shown, ctx.Err())
		}
		return Fetch{}, p.fail(st, 0, fmt.Errorf("GET %s: %w", shown, unwrapURLError(err)))
	}
	defer resp.Body.Close()

	fetch := Fetch{
		Status:      resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		FinalURL:    resp.Request.URL.String(),
	}

	switch {
	case resp.StatusCode == http.StatusNotModified:
		drain(resp.Body)
		if v := resp.Header.Get("ETag"); v != "" {
			st.ETag = v
		}
		if v := resp.Header.Get("Last-Modified"); v != "" {
			st.LastModified = v
		}
		fetch.NotModified = true
		p.succeed(st, resp.StatusCode)
		return fetch, nil

	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		body, err := p.readBody(resp)
		if err != nil {
			if ctx.Err() != nil {
				return Fetch{}, fmt.Errorf("GET %s: %w", shown, ctx.Err())
			}
			return Fetch{}, p.fail(st, resp.StatusCode, fmt.Errorf("GET %s: %w", shown, err))
		}
		st.ETag = resp.Header.Get("ETag")
		st.LastModified = resp.Header.Get("Last-Modified")
		fetch.Body = body
		p.succeed(st, resp.StatusCode)
		return fetch, nil
	}

	drain(resp.Body)
	now := p.now()
	st.Failures++
	delay := p.Backoff(st.Failures)
	if resp.StatusCode == http.StatusGone {
		delay = p.maxBackoff()
	}
	delay = p.jittered(delay)
	if ra, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok && ra > delay {
		delay = ra
	}
	serr := &StatusError{
		URL:        shown,
		StatusCode: resp.StatusCode,
		Status:     statusLine(resp),
		RetryIn:    delay,
	}
	st.NextPoll = now.Add(delay)
	st.LastStatus = resp.StatusCode
	st.LastError = serr.Error()
	return Fetch{}, serr
}

// succeed records a successful poll.
func (p *Poller) succeed(st *FeedState, status int) {
	st.Failures = 0
	st.LastStatus = status
	st.LastError = ""
	st.NextPoll = p.now().Add(p.jittered(p.interval()))
}

// fail records a failed poll whose cause is err and returns the error the
// caller sees, which names the delay before the next attempt.
func (p *Poller) fail(st *FeedState, status int, err error) error {
	st.Failures++
	delay := p.jittered(p.Backoff(st.Failures))
	err = fmt.Errorf("%w; retry in %s", err, delay)
	st.NextPoll = p.now().Add(delay)
	st.LastStatus = status
	st.LastError = err.Error()
	return err
}

// readBody reads the whole body, refusing anything over MaxBody.
func (p *Poller) readBody(resp *http.Response) ([]byte, error) {
	limit := p.maxBody()
	if resp.ContentLength > limit {
		drain(resp.Body)
		return nil, fmt.Errorf("%w: %d bytes declared, limit %d", ErrBodyTooLarge, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrBodyTooLarge, limit)
	}
	return body, nil
}

// retryAfter parses a Retry-After value, either delta-seconds or an HTTP
// date, into a delay from now. It reports false for absent or unusable
// values.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	if d <= 0 {
		return 0, false
	}
	return min(d, maxRetryAfter), true
}

// statusLine renders the response status as "code text".
func statusLine(resp *http.Response) string {
	if text := http.StatusText(resp.StatusCode); text != "" {
		return strconv.Itoa(resp.StatusCode) + " " + text
	}
	if resp.Status != "" {
		return resp.Status
	}
	return strconv.Itoa(resp.StatusCode)
}

// drain reads a little of an unwanted body so the connection can be
// reused; the caller still closes it.
func drain(r io.Reader) {
	_, _ = io.Copy(io.Discard, io.LimitReader(r, drainLimit))
}

// redact hides any password in a URL before it goes into an error.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}

// unwrapURLError strips the *url.Error wrapper, whose message repeats the
// method and URL that our own message already gives.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
