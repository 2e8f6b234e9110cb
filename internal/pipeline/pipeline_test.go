package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/extract"
	"github.com/dyad-events/dyad/internal/golden"
	"github.com/dyad-events/dyad/internal/output"
)

const examplesDir = "../../examples"

func newCoder(t testing.TB) *Coder {
	t.Helper()
	c, err := NewCoder(Options{Date: time.Date(2016, 7, 14, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fileInputs(t testing.TB, paths ...string) []Input {
	t.Helper()
	var ins []Input
	for _, p := range paths {
		ins = append(ins, Input{Name: filepath.ToSlash(p), Open: func() (io.ReadCloser, error) { return os.Open(p) }})
	}
	return ins
}

func memInput(name, data string) Input {
	return Input{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(data)), nil }}
}

func runAll(t testing.TB, c *Coder, ins []Input, workers int) []Outcome {
	t.Helper()
	var outs []Outcome
	err := Run(context.Background(), c, ins, RunOptions{Auto: true, Workers: workers}, func(o Outcome) error {
		outs = append(outs, o)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

// TestGolden codes every example article and compares the whole output,
// in the JSON contract and in the pretty form with tokens and tags, with
// the files under testdata/golden. Run with -update to rewrite them after
// a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(examplesDir, "*.*"))
	if err != nil || len(paths) < 5 {
		t.Fatalf("want at least 5 examples in %s, found %d (%v)", examplesDir, len(paths), err)
	}
	c := newCoder(t)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			outs := runAll(t, c, fileInputs(t, p), 1)
			var js, pretty bytes.Buffer
			for _, o := range outs {
				if o.Err != nil {
					t.Fatalf("example failed: %v", o.Err)
				}
				if err := output.JSONL(&js, o.Result, output.Options{}); err != nil {
					t.Fatal(err)
				}
				if err := output.Pretty(&pretty, o.Result, output.Options{Tokens: true}); err != nil {
					t.Fatal(err)
				}
			}
			base := filepath.Join("../../testdata/golden", filepath.Base(p))
			// The readable form first: a change shows there as a line diff,
			// and the JSON diff after it points at the first differing byte.
			golden.Compare(t, base+".pretty", pretty.Bytes())
			golden.Compare(t, base+".jsonl", js.Bytes())
		})
	}
}

// Sentences and tokens must index the text exactly, on every example.
func TestSpansExact(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(examplesDir, "*.*"))
	c := newCoder(t)
	for _, o := range runAll(t, c, fileInputs(t, paths...), 2) {
		text := o.Result.Article.Text
		for _, s := range o.Result.Sentences {
			if s.Span.In(text) == "" || strings.Contains(s.Span.In(text), "\n") {
				t.Errorf("%s: sentence %v empty or across a paragraph break", o.Result.Article.Origin, s.Span)
			}
			for _, tok := range s.Tokens {
				w := tok.Span.In(text)
				if w == "" || strings.TrimSpace(w) != w || tok.Tag == "" {
					t.Errorf("%s: token %v %q tag %q", o.Result.Article.Origin, tok.Span, w, tok.Tag)
				}
			}
		}
	}
}

func TestRunKeepsOrderAcrossWorkers(t *testing.T) {
	var ins []Input
	for i := range 200 {
		ins = append(ins, memInput(fmt.Sprintf("doc%03d.txt", i),
			fmt.Sprintf("Story %d\n\nThe envoy met officials %d times. %s", i, i, strings.Repeat("They talked. ", i%17))))
	}
	outs := runAll(t, newCoder(t), ins, 4)
	if len(outs) != len(ins) {
		t.Fatalf("%d outcomes for %d inputs", len(outs), len(ins))
	}
	for i, o := range outs {
		if want := fmt.Sprintf("Story %d", i); o.Err != nil || o.Result.Article.Title != want {
			t.Fatalf("outcome %d: title %q err %v, want %q", i, o.Result.Article.Title, o.Err, want)
		}
	}
}

// Bad input of every kind the issue names ends as an error on that input,
// never a panic, and the inputs around it are still coded.
func TestBadInputs(t *testing.T) {
	bad := []Input{
		memInput("junk.bin", "\x00\x01\x02\x7f\x00PK\x03\x04\x00\x00\x00\x00\x00\x10\x11\x12\x00\x00"),
		memInput("empty.txt", ""),
		memInput("huge.txt", strings.Repeat("a", extract.MaxInputBytes+10)),
		memInput("invalid-utf8.txt", "Caf\xc3 \xff\xfe\xfd bytes\n\nThe talks \xe2\x80 went on."),
		memInput("truncated.html", "<html><head><title>Cut</title></head><body><article><p>The mayor resigned on Friday after weeks of protests over the water crisis that left thousands of homes without supply.</p><p>The council will meet"),
		memInput("bad.jsonl", "{\"text\":\"Fine record.\"}\n{broken\n{\"text\":\"Another fine one.\"}\n"),
		memInput("bad.gz", "\x1f\x8b\x08\x00garbage"),
	}
	good := memInput("good.txt", "Talks go on\n\nThe talks went on.")
	ins := append([]Input{good}, bad...)
	ins = append(ins, good)
	outs := runAll(t, newCoder(t), ins, 2)
	var errs []string
	okCount := 0
	for _, o := range outs {
		if o.Err != nil {
			var ie *extract.InputError
			if !errors.As(o.Err, &ie) || ie.Origin == "" {
				t.Errorf("error without an origin: %v", o.Err)
			}
			errs = append(errs, o.Err.Error())
			continue
		}
		okCount++
	}
	// good twice, the invalid-utf8 text, the truncated page, two JSONL records
	if okCount != 6 {
		t.Errorf("%d articles coded, want 6; errors: %q", okCount, errs)
	}
	for _, want := range []string{"junk.bin", "empty.txt", "huge.txt", "bad.jsonl:2", "bad.gz"} {
		found := false
		for _, e := range errs {
			found = found || strings.HasPrefix(e, want+":")
		}
		if !found {
			t.Errorf("no error for %s in %q", want, errs)
		}
	}
}

func TestRunStopsOnEmitError(t *testing.T) {
	var ins []Input
	for i := range 50 {
		ins = append(ins, memInput(fmt.Sprintf("d%d.txt", i), "Title\n\nSome text here."))
	}
	stop := errors.New("stop")
	n := 0
	err := Run(context.Background(), newCoder(t), ins, RunOptions{Auto: true, Workers: 3}, func(Outcome) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 5 {
		t.Fatalf("err %v after %d outcomes, want stop after 5", err, n)
	}
}

// On the seed article from ../shared (when present) every paragraph is one
// sentence: the check that nothing splits inside "U.S." or "U.S-supported"
// and nothing is glued across paragraphs.
func TestSeedSentences(t *testing.T) {
	const path = "../../../shared/seeds/000_e3ffeffa01896273.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed article not present (%v); skipping", err)
	}
	outs := runAll(t, newCoder(t), fileInputs(t, path), 1)
	if len(outs) != 1 || outs[0].Err != nil {
		t.Fatalf("seed not coded: %+v", outs)
	}
	r := outs[0].Result
	paras := strings.Split(r.Article.Text, "\n\n")
	if len(r.Sentences) != len(paras) {
		for _, s := range r.Sentences {
			t.Logf("%q", s.Span.In(r.Article.Text))
		}
		t.Fatalf("%d sentences in %d one-sentence paragraphs", len(r.Sentences), len(paras))
	}
	for i, s := range r.Sentences {
		if s.Span.In(r.Article.Text) != paras[i] {
			t.Errorf("sentence %d is %q, want the whole paragraph", i, s.Span.In(r.Article.Text))
		}
	}
}
