package extract

import (
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/araddon/dateparse"
	"github.com/zeebo/xxh3"
)

// ArticleID is a stable identifier: a hash of the canonical URL when there
// is one, so the same story fetched twice gets one ID, else of the text.
func ArticleID(rawURL, text string) string {
	key := "text:" + text
	if c := CanonicalURL(rawURL); c != "" {
		key = "url:" + c
	}
	h := xxh3.HashString128(key).Bytes()
	return hex.EncodeToString(h[:])
}

// CanonicalURL normalises a URL for identity: lower-case scheme and host,
// no fragment, no tracking parameters, sorted query, no trailing slash.
// It returns "" for something that is not an absolute URL.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme == "http" {
		u.Scheme = "https" // the same page under both schemes is one article
	}
	u.Host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	u.Fragment, u.RawFragment, u.User = "", "", nil
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "ocid" || lk == "cmpid" || lk == "ref" {
			q.Del(k)
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range q[k] {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	u.RawQuery = strings.Join(parts, "&")
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u.String()
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"20060102",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006/01/02",
	"2006/01/02 15:04:05",
}

// ParseDate reads the date forms feeds, meta tags, JSON-LD and JSONL use. A
// date without a zone is taken as UTC. Other free-form dates go through
// dateparse in strict mode, which refuses ambiguous day/month orders rather
// than guessing; years outside 1900-2200 (placeholders such as 0001-01-01)
// are refused.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	t, ok := time.Time{}, false
	for _, layout := range dateLayouts {
		var err error
		if t, err = time.Parse(layout, s); err == nil {
			ok = true
			break
		}
	}
	if !ok {
		var err error
		t, err = dateparse.ParseStrict(s)
		ok = err == nil
	}
	if !ok || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}
