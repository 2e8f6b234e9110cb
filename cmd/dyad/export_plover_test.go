package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ploverArticle is written for this test: a meeting (CONSULT), an attack
// (ASSAULT) and a denial, a CAMEO statement (016) with no PLOVER
// category, as the coder coded them when this was written.
const ploverArticle = `Envoys meet in Valletta

Greek Foreign Minister Nikos Dendias met Turkish Foreign Minister Mevlut Cavusoglu in Valletta on Monday to discuss maritime borders.

Turkish troops attacked Kurdish rebels near the border on Sunday, officials said.

Turkey denied responsibility for the attack on the ferry.
`

func TestExportPLOVER(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "valletta.txt")
	if err := os.WriteFile(in, []byte(ploverArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "events.db")
	if code, _, stderr := runDyad(t, "", "ingest", "--quiet", "--store", db, in); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}

	// The aggregated JSONL export is the reference: every event with a
	// PLOVER category must come out as one PLOVER record, the rest be
	// counted as left out.
	code, stdout, stderr := runDyad(t, "", "export", "--store", db, "--format", "jsonl")
	if code != exitOK {
		t.Fatalf("export jsonl: exit %d: %s", code, stderr)
	}
	type ref struct{ plover, mode string }
	want := map[string]ref{}
	unplovered := 0
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var ev struct {
			ID     string `json:"id"`
			PLOVER string `json:"plover"`
			Mode   string `json:"plover_mode"`
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("jsonl line %q: %v", line, err)
		}
		if ev.PLOVER == "" {
			unplovered++
			continue
		}
		want[ev.ID] = ref{ev.PLOVER, ev.Mode}
	}

	code, stdout, stderr = runDyad(t, "", "export", "--store", db, "--format", "plover")
	if code != exitOK {
		t.Fatalf("export plover: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if wantMsg := fmt.Sprintf("wrote %d PLOVER events; left out %d with no PLOVER category", len(want), unplovered); !strings.Contains(stderr, wantMsg) {
		t.Errorf("stderr %q lacks %q", stderr, wantMsg)
	}
	if len(lines) != len(want) {
		t.Fatalf("%d PLOVER records, want %d:\n%s", len(lines), len(want), stdout)
	}
	types := map[string]bool{}
	for _, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("record %q is not JSON: %v", line, err)
		}
		id, _ := rec["id"].(string)
		typ, _ := rec["event_type"].(string)
		w, ok := want[id]
		if !ok || typ != w.plover {
			t.Errorf("record %s has event_type %q; the jsonl export says %q", id, typ, w.plover)
		}
		mode, _ := rec["mode"].(string)
		if mode != w.mode {
			t.Errorf("record %s has mode %q, want %q", id, mode, w.mode)
		}
		for _, k := range []string{"event_date", "source", "source_code", "target", "target_code", "event_text", "place", "cameo_code", "goldstein", "negated", "hypothetical", "article_id", "title", "sentence"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("record %s lacks %s", id, k)
			}
		}
		if rec["title"] != "Envoys meet in Valletta" || rec["event_text"] == nil || rec["source_code"] == nil {
			t.Errorf("record %s: title %v event_text %v source_code %v", id, rec["title"], rec["event_text"], rec["source_code"])
		}
		types[typ] = true
	}
	// The meeting is the one event this test counts on: what else the
	// coder finds is the event coder's tests' business.
	if !types["CONSULT"] {
		t.Errorf("no CONSULT record among %v:\n%s", types, stdout)
	}
}
