package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/store"
)

// TestMain lets a test run this binary as dyad itself, so that the crash
// test can kill a real ingest process.
func TestMain(m *testing.M) {
	if args := os.Getenv("DYAD_TEST_RUN"); args != "" {
		var argv []string
		if err := json.Unmarshal([]byte(args), &argv); err != nil {
			panic(err)
		}
		e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
		os.Exit(run(context.Background(), e, argv))
	}
	os.Exit(m.Run())
}

func writeSynth(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := synthArticles(f, n, 1); err != nil {
		t.Fatal(err)
	}
	return path
}

func storeStats(t *testing.T, dsn string) store.Stats {
	t.Helper()
	s, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestIngestIsIdempotent(t *testing.T) {
	in := writeSynth(t, 60)
	db := filepath.Join(t.TempDir(), "events.db")
	code, _, stderr := runDyad(t, "", "ingest", "--store", db, in)
	if code != exitOK || !strings.Contains(stderr, "60 stored (6 near-duplicates") {
		t.Fatalf("first ingest: exit %d: %s", code, stderr)
	}
	first := storeStats(t, db)
	code, _, stderr = runDyad(t, "", "ingest", "--store", "sqlite://"+db, in)
	if code != exitOK || !strings.Contains(stderr, "0 stored") || !strings.Contains(stderr, "60 already in") {
		t.Fatalf("second ingest: exit %d: %s", code, stderr)
	}
	if again := storeStats(t, db); again != first {
		t.Errorf("re-ingest changed the store: %+v → %+v", first, again)
	}
	if first.Articles != 60 || first.Stories != 54 || first.Events == 0 || first.Quotes == 0 {
		t.Errorf("stats %+v", first)
	}
}

// TestIngestResumesAfterKill kills an ingest process mid-run with SIGKILL,
// runs the same command again, and checks that the store then holds what
// one uninterrupted run stores: every article exactly once.
func TestIngestResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("codes three thousand articles")
	}
	const n = 1500
	in := writeSynth(t, n)
	db := filepath.Join(t.TempDir(), "killed.db")
	args, _ := json.Marshal([]string{"ingest", "--store", db, "--batch", "20", "--quiet", in})
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "DYAD_TEST_RUN="+string(args))
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	stored := 0
	deadline := time.Now().Add(60 * time.Second)
poll:
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("ingest finished before it could be killed (%v, %d stored); the test needs a bigger input", err, stored)
		case <-time.After(20 * time.Millisecond):
		}
		stored = countArticles(db)
		if stored >= 100 {
			break poll
		}
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	killedAt := countArticles(db)
	if killedAt >= n {
		t.Fatalf("all %d articles were stored before the kill", n)
	}
	code, _, stderr := runDyad(t, "", "ingest", "--store", db, "--quiet", in)
	if code != exitOK {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	t.Logf("killed with %d of %d stored; resume: %s", killedAt, n, strings.TrimSpace(stderr))

	clean := filepath.Join(t.TempDir(), "clean.db")
	if code, _, stderr := runDyad(t, "", "ingest", "--store", clean, "--quiet", in); code != exitOK {
		t.Fatalf("clean run: exit %d: %s", code, stderr)
	}
	got, want := storeStats(t, db), storeStats(t, clean)
	if got != want || got.Articles != n {
		t.Errorf("after kill and resume %+v, one clean run %+v", got, want)
	}
}

// countArticles reads the article count of a store another process is
// writing, 0 while it cannot be read yet.
func countArticles(path string) int {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		return 0
	}
	return n
}

// BenchmarkIngest runs dyad ingest end to end (read JSONL, code, dedup,
// write SQLite) on 10,000 articles and reports articles per second and the
// process's peak resident memory:
//
//	go test ./cmd/dyad -run '^$' -bench Ingest -benchtime 1x
//
// The articles are mixed from the paragraphs of the BBC corpus in
// ../shared when it is there, so that they read like news; otherwise they
// come from synthArticles' templates.
func BenchmarkIngest(b *testing.B) {
	const n = 10000
	in := filepath.Join(b.TempDir(), "articles.jsonl")
	f, err := os.Create(in)
	if err != nil {
		b.Fatal(err)
	}
	kind := "BBC-derived"
	if err := mixBBC(f, n, "../../../shared/corpus/bbc"); err != nil {
		kind = "generated"
		if err := f.Truncate(0); err != nil {
			b.Fatal(err)
		}
		f.Seek(0, 0)
		if err := synthArticles(f, n, 1); err != nil {
			b.Fatal(err)
		}
	}
	f.Close()
	var e env
	e.stdout, e.stderr = discard{}, discard{}
	start := time.Now()
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "bench.db")
		if code := run(context.Background(), &e, []string{"ingest", "--store", db, "--quiet", in}); code != exitOK {
			b.Fatalf("ingest exit %d", code)
		}
	}
	b.Logf("%d %s articles", n, kind)
	b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "articles/s")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}

// mixBBC writes n articles built from the BBC corpus's sentences: each
// has the title of one BBC article and five paragraphs of three or four
// sentences drawn from all over the corpus, so that no two share more than
// chance allows; every tenth is a copy of an earlier one under another URL
// and outlet. It fails when the corpus is absent.
func mixBBC(w io.Writer, n int, dir string) error {
	var titles, sents []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".txt" || strings.HasPrefix(d.Name(), "README") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		title, body, _ := strings.Cut(string(b), "\n")
		titles = append(titles, strings.TrimSpace(title))
		for _, p := range strings.Split(body, "\n") {
			for _, s := range strings.SplitAfter(strings.TrimSpace(p), ". ") {
				if s = strings.TrimSpace(s); len(s) > 20 {
					sents = append(sents, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(titles) < 100 {
		return fmt.Errorf("%s: only %d articles", dir, len(titles))
	}
	r := rand.New(rand.NewPCG(3, 5))
	enc := json.NewEncoder(w)
	var texts []string
	for i := range n {
		rec := map[string]string{"url": fmt.Sprintf("https://mix.example/%d", i), "source": fmt.Sprintf("Outlet %d", r.IntN(12)),
			"published": fmt.Sprintf("2005-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)), "title": titles[r.IntN(len(titles))]}
		if i%10 == 9 {
			rec["text"] = texts[r.IntN(len(texts))]
		} else {
			paras := make([]string, 5)
			for p := range paras {
				var b strings.Builder
				for k := range 3 + r.IntN(2) {
					if k > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(sents[r.IntN(len(sents))])
				}
				paras[p] = b.String()
			}
			rec["text"] = strings.Join(paras, "\n\n")
			texts = append(texts, rec["text"])
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
