package golden

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func numbered(n int, change map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if s, ok := change[i]; ok {
			b.WriteString(s)
			continue
		}
		fmt.Fprintf(&b, "line %d\n", i)
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	long := strings.Repeat(`{"code":"040","source":"RUS"},`, 200) // 6,000 bytes on one line
	longChanged := long[:4000] + "X" + long[4001:]
	tests := []struct {
		name       string
		want, got  string
		contains   []string
		notContain []string
		maxLen     int
	}{
		{name: "equal", want: "a\nb\n", got: "a\nb\n", maxLen: 0},
		{
			name: "one line changed", want: numbered(30, nil), got: numbered(30, map[int]string{15: "line fifteen\n"}),
			contains:   []string{"@@ line 12 @@", "  line 12\n", "- line 15\n", "+ line fifteen\n", "  line 18\n"},
			notContain: []string{"line 11\n", "line 19\n"},
			maxLen:     200,
		},
		{
			name: "lines added and removed", want: "a\nb\nc\nd\n", got: "a\nc\nd\ne\n",
			contains: []string{"- b\n", "  c\n", "+ e\n"},
			maxLen:   100,
		},
		{
			name: "two distant changes are two hunks", want: numbered(40, nil),
			got:        numbered(40, map[int]string{5: "five\n", 35: "thirty-five\n"}),
			contains:   []string{"@@ line 2 @@", "- line 5\n", "+ five\n", "@@ line 32 @@", "+ thirty-five\n"},
			notContain: []string{"line 20\n"},
			maxLen:     400,
		},
		{
			name: "long line cut at its first difference", want: "head\n" + long + "\n", got: "head\n" + longChanged + "\n",
			contains: []string{"[line 2, byte 4000 of 6000]", "X", "…"},
			maxLen:   600,
		},
		{
			name: "bounded", want: numbered(200, nil), got: strings.ReplaceAll(numbered(200, nil), "line", "LINE"),
			contains: []string{"more diff lines not shown"},
			maxLen:   50 * 20,
		},
		{
			name: "missing final newline", want: "a\nb\n", got: "a\nb",
			contains: []string{"- b\n", "+ b (no newline at end)\n"},
			maxLen:   100,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Diff(tt.want, tt.got)
			for _, s := range tt.contains {
				if !strings.Contains(d, s) {
					t.Errorf("diff lacks %q:\n%s", s, d)
				}
			}
			for _, s := range tt.notContain {
				if strings.Contains(d, s) {
					t.Errorf("diff has %q, too far from the change:\n%s", s, d)
				}
			}
			if len(d) > tt.maxLen {
				t.Errorf("diff is %d bytes, want at most %d:\n%s", len(d), tt.maxLen, d)
			}
		})
	}
}

// recorder stands in for *testing.T to see what Compare reports.
type recorder struct {
	testing.TB
	msgs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func TestCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Compare(r, path, []byte("a\nb\nc\n"))
	if len(r.msgs) != 0 {
		t.Errorf("equal output reported: %q", r.msgs)
	}
	Compare(r, path, []byte("a\nB\nc\n"))
	if len(r.msgs) != 1 || !strings.Contains(r.msgs[0], path) || !strings.Contains(r.msgs[0], "- b\n+ B\n") ||
		!strings.Contains(r.msgs[0], "-update") {
		t.Errorf("report = %q", r.msgs)
	}
}

// go test ./... -update passes -update to every test binary, and one that
// does not define it fails; so every package with tests must import this
// one (golden_flag_test.go does it where there are no golden files).
func TestEveryPackageTakesUpdate(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Skipf("module root not at %s: %v", root, err)
	}
	const self = "github.com/dyad-events/dyad/internal/golden"
	imports := map[string]bool{} // directory with tests → imports golden
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != root {
				return filepath.SkipDir // another module: not in ./...
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		imports[dir] = imports[dir] || false
		for _, im := range f.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); p == self {
				imports[dir] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for dir, ok := range imports {
		rel, _ := filepath.Rel(root, dir)
		if !ok && filepath.ToSlash(rel) != "internal/golden" {
			t.Errorf("%s: its tests do not import internal/golden, so go test ./... -update fails there; add a golden_flag_test.go like internal/eval's", rel)
		}
	}
	if len(imports) < 5 {
		t.Errorf("found only %d packages with tests under %s", len(imports), root)
	}
}
