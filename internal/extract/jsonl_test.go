package extract

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func readJSONL(t *testing.T, in string) []Item {
	t.Helper()
	var items []Item
	if err := JSONL(strings.NewReader(in), "in.jsonl", func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return items
}

func TestJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a1","url":"https://news.example/a1","title":"Envoys meet","published":"2016-07-14","text":"Envoys met in Geneva.\n\nAdvertisement\n\nThey agreed to meet again.","source":"Example"}`,
		``,
		`{"url":"https://news.example/a2?utm_source=x","text":"No id here.","published":"Thu, 14 Jul 2016 10:00:00 +0000"}`,
		`{"text": 12}`,
		`not json at all`,
		`{"title":"nothing to read"}`,
		`{"text":"Bad date kept as a warning.","published":"last Tuesday"}`,
		`{"html":"<html><body><article><p>The minister resigned on Monday after a week of protests over the budget, which critics said cut pensions and health care too deeply.</p><p>Her successor will be named by parliament on Friday, the speaker said.</p></article></body></html>","title":"Minister resigns"}`,
	}, "\n")
	items := readJSONL(t, in)
	if len(items) != 7 {
		t.Fatalf("got %d items, want 7 (blank lines skipped)", len(items))
	}
	a := items[0].Article
	if items[0].Err != nil || a.ID != "a1" || a.Title != "Envoys meet" || a.Source != "Example" ||
		a.Text != "Envoys met in Geneva.\n\nThey agreed to meet again." ||
		!a.Published.Equal(time.Date(2016, 7, 14, 0, 0, 0, 0, time.UTC)) || a.Origin != "in.jsonl:1" {
		t.Errorf("first record read wrong: %+v, err %v", a, items[0].Err)
	}
	b := items[1].Article
	if items[1].Err != nil || b.ID != ArticleID("https://news.example/a2", "") || b.Published.IsZero() {
		t.Errorf("second record: id %q published %v err %v", b.ID, b.Published, items[1].Err)
	}
	for i, wantLine := range map[int]string{2: "in.jsonl:4", 3: "in.jsonl:5", 4: "in.jsonl:6"} {
		var ie *InputError
		if !errors.As(items[i].Err, &ie) || ie.Origin != wantLine {
			t.Errorf("item %d: err %v, want an InputError at %s", i, items[i].Err, wantLine)
		}
	}
	if items[5].Err != nil || len(items[5].Diagnostics) != 1 || !items[5].Article.Published.IsZero() {
		t.Errorf("bad date: err %v diags %v", items[5].Err, items[5].Diagnostics)
	}
	if items[6].Err != nil || !strings.Contains(items[6].Article.Text, "minister resigned") || items[6].Article.Title != "Minister resigns" {
		t.Errorf("html record: %q err %v", items[6].Article.Text, items[6].Err)
	}
}

func TestJSONLLongLine(t *testing.T) {
	long := `{"text":"` + strings.Repeat("x", MaxLineBytes) + `"}`
	in := long + "\n" + `{"text":"After the long line."}` + "\n"
	items := readJSONL(t, in)
	if len(items) != 2 || items[0].Err == nil || items[1].Err != nil || items[1].Article.Origin != "in.jsonl:2" {
		t.Fatalf("long line not skipped cleanly: %d items, first err %v", len(items), items[0].Err)
	}
}

func TestArticleIDStable(t *testing.T) {
	a := ArticleID("http://www.News.example/story/1/?utm_medium=rss#top", "text A")
	b := ArticleID("https://news.example/story/1", "text B")
	if a != b {
		t.Errorf("same story under two URLs got IDs %s and %s", a, b)
	}
	if ArticleID("", "one text") == ArticleID("", "another text") {
		t.Error("different texts without URLs share an ID")
	}
	if len(a) != 32 {
		t.Errorf("ID %q is not 32 hex digits", a)
	}
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"x","text":"Hello there.","published":"2016-07-14"}`,
		"{\"text\":\"a\"}\n\n{bad\n{\"html\":\"<p>x</p>\"}",
		`{"text":"\u0000\u0001"}`,
		"\xff\xfe{}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n := 0
		err := JSONL(strings.NewReader(in), "f.jsonl", func(it Item) error {
			n++
			if it.Err == nil && it.Article.Text == "" {
				t.Fatal("article without error has no text")
			}
			return nil
		})
		if err != nil {
			t.Fatalf("reading from memory failed: %v", err)
		}
		if lines := strings.Count(in, "\n") + 1; n > lines {
			t.Fatalf("%d items from %d lines", n, lines)
		}
	})
}
