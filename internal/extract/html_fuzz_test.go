package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHTML feeds arbitrary bytes to HTML: it must never panic, and a page
// it accepts must come back as valid text in dyad's paragraph form.
func FuzzHTML(f *testing.F) {
	seeds := []string{
		newsPage,
		page(""),
		page(`<meta charset="windows-1252">`, "\x93Quoted\x94 caf\xe9 \x96 done. "+storyParas[0]),
		page(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2020-02-02"}]}</script>`),
		page(`<script type="application/ld+json">{"datePublished": [1, {"x": null}], "@type": 7}</script>`),
		page(`<meta http-equiv="content-type" content="charset=utf-16"><link rel=canonical href="::bad::">`),
		"\xef\xbb\xbf<p>BOM page with one short paragraph.</p>",
		"\xff\xfe<\x00p\x00>\x00h\x00i\x00",
		"<html><body><p>Truncated mid-tag <a hre",
		"<p>" + strings.Repeat("<b>x ", 600),
		strings.Repeat("<div>", 600) + "deep" + strings.Repeat("</div>", 3),
		"<table><tr><td>cell<td>cell<tr><th>head</table><br><br>after",
		"plain text with no markup at all, which is not a page",
		"<title>Only a title</title>",
		"\x00\x01\x02\x03\x04\x05binary",
		"<html lang='zz-\xff'><meta name=date content='2020-13-45'><p>x\u2028y\u00a0z\u00ad</p>",
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, diags, err := HTML(raw, HTMLOptions{URL: "https://example.com/2020/01/02/story"})
		for _, d := range diags {
			if d.Stage != "extract" || d.Msg == "" {
				t.Errorf("bad diagnostic %+v", d)
			}
		}
		if err != nil {
			if a.Text != "" {
				t.Errorf("error %v with text %q", err, a.Text)
			}
			return
		}
		if a.Text == "" || a.ID != "" {
			t.Fatalf("accepted page with text %q, ID %q", a.Text, a.ID)
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Fatalf("invalid UTF-8: %q / %q", a.Text, a.Title)
		}
		if a.Text != strings.TrimSpace(a.Text) {
			t.Fatalf("text has surrounding space: %q", a.Text)
		}
		for _, p := range strings.Split(a.Text, "\n\n") {
			if p == "" || strings.ContainsAny(p, "\n\r\t") || strings.Contains(p, "  ") || p != strings.TrimSpace(p) {
				t.Fatalf("bad paragraph %q in %q", p, a.Text)
			}
		}
	})
}
