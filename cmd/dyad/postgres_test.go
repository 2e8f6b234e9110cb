package main

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad/internal/store/pgtest"
)

// TestIngestPostgresConcurrent runs two ingests of the same articles into
// one PostgreSQL store at once, one reading them in reverse order, as two
// machines sharing a store would: every article must be stored once and
// every event mention once, as one SQLite run stores them.
func TestIngestPostgresConcurrent(t *testing.T) {
	dsn := pgtest.DSN(t)
	if testing.Short() {
		t.Skip("codes eight hundred articles")
	}
	const n = 400
	in := writeSynth(t, n)
	lines := readLines(t, in)
	slices.Reverse(lines)
	reversed := filepath.Join(t.TempDir(), "reversed.jsonl")
	if err := os.WriteFile(reversed, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, file := range []string{in, reversed} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, _, stderr := runDyad(t, "", "ingest", "--store", dsn, "--batch", "25", "--quiet", file); code != exitOK {
				t.Errorf("ingest %s: exit %d: %s", filepath.Base(file), code, stderr)
			}
		}()
	}
	wg.Wait()
	clean := filepath.Join(t.TempDir(), "clean.db")
	if code, _, stderr := runDyad(t, "", "ingest", "--store", clean, "--quiet", in); code != exitOK {
		t.Fatalf("clean run: exit %d: %s", code, stderr)
	}
	got, want := storeStats(t, dsn), storeStats(t, clean)
	if got.Articles != n || got.EventMentions != want.EventMentions || got.Mentions != want.Mentions ||
		got.Quotes != want.Quotes || got.Places != want.Places || got.Events != want.Events {
		t.Errorf("two concurrent writers stored %+v; one SQLite run %+v", got, want)
	}
	t.Logf("concurrent: %+v; single: %+v", got, want)
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}
