// Package golden compares test output with files under testdata and
// rewrites them when tests run with -update, as the standard library's
// golden tests do.
//
// It registers the -update flag, so every package whose tests import it
// accepts "go test ./... -update". Only tests import it; a package whose
// tests have no golden files imports it for the flag alone (see
// golden_flag_test.go files), and TestEveryPackageTakesUpdate checks that
// none is left out.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")

// Compare fails t when got differs from the file at path, showing a
// compact line diff; with -update it writes got to path instead. A
// difference does not stop the test, so that a caller comparing a
// readable form and then a raw one shows both.
func Compare(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	t.Errorf("%s differs from the output (- golden file, + output):\n%s(run with -update if the change is intended, and read the diff)",
		path, Diff(string(want), string(got)))
}

// Limits of a diff, so that one failure stays readable in a test log.
const (
	contextLines = 3    // unchanged lines shown around a change
	maxOutLines  = 40   // lines of diff shown in all
	maxLineBytes = 160  // longer lines are cut, around their first difference
	lineWindow   = 70   // bytes shown either side of that difference
	maxCells     = 4e6  // line pairs compared before falling back to one block
	ellipsis     = "…"  // marks cut text
	hunkHeader   = "@@" // starts each group of changes
)

type op struct {
	kind byte // ' ', '-' or '+'
	line int  // 1-based line number in want (' ', '-') or got ('+')
	text string
}

// Diff is a compact line diff from want to got: each changed stretch
// with a few unchanged lines around it, "-" lines from want and "+" lines
// from got, at most maxOutLines lines. A long line (JSON on one line) is
// cut to a window around its first difference from the line it replaces,
// with the byte offset, so that the change itself is on screen. It
// returns "" when want and got are equal.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	ops := lineOps(lines(want), lines(got))
	var b strings.Builder
	shown, omitted := 0, 0
	emit := func(s string) {
		if shown < maxOutLines {
			b.WriteString(s)
			shown++
		} else {
			omitted++
		}
	}
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from contextLines before this change to contextLines
		// after the last change that is no more than 2*contextLines
		// unchanged lines from the next.
		start := max(0, i-contextLines)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
			} else if j-end > 2*contextLines {
				break
			}
		}
		end = min(len(ops), end+contextLines+1)
		emit(fmt.Sprintf("%s line %d %s\n", hunkHeader, firstLine(ops[start:end]), hunkHeader))
		for k := start; k < end; k++ {
			emit(string(ops[k].kind) + " " + showLine(ops, k) + "\n")
		}
		i = end
	}
	if omitted > 0 {
		fmt.Fprintf(&b, "%s %d more diff lines not shown\n", ellipsis, omitted)
	}
	return b.String()
}

// lines splits s after each newline.
func lines(s string) []string {
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}

// firstLine is the want line number where a hunk starts.
func firstLine(h []op) int {
	for _, o := range h {
		if o.kind != '+' {
			return o.line
		}
	}
	return h[0].line
}

// lineOps aligns two line lists on a longest common subsequence, after
// setting aside the common head and tail; a middle too large to align is
// shown as all removed, then all added.
func lineOps(a, b []string) []op {
	var ops []op
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		ops = append(ops, op{' ', head + 1, a[head]})
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	ma, mb := a[head:len(a)-tail], b[head:len(b)-tail]
	if float64(len(ma))*float64(len(mb)) > maxCells {
		for i, s := range ma {
			ops = append(ops, op{'-', head + i + 1, s})
		}
		for i, s := range mb {
			ops = append(ops, op{'+', head + i + 1, s})
		}
	} else {
		// lcs[i][j] is the common-subsequence length of ma[i:] and mb[j:].
		lcs := make([][]int32, len(ma)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(mb)+1)
		}
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) || j < len(mb) {
			switch {
			case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
				ops = append(ops, op{' ', head + i + 1, ma[i]})
				i, j = i+1, j+1
			case j == len(mb) || (i < len(ma) && lcs[i+1][j] >= lcs[i][j+1]):
				ops = append(ops, op{'-', head + i + 1, ma[i]})
				i++
			default:
				ops = append(ops, op{'+', head + j + 1, mb[j]})
				j++
			}
		}
	}
	for k := len(a) - tail; k < len(a); k++ {
		ops = append(ops, op{' ', k + 1, a[k]})
	}
	return ops
}

// showLine renders ops[k]'s text for the diff. A long changed line is
// cut around its first difference from its partner: the line at the same
// place in the neighbouring run of the other kind (the n-th "-" of a
// change pairs with its n-th "+").
func showLine(ops []op, k int) string {
	o := ops[k]
	s := strings.TrimSuffix(o.text, "\n")
	if o.text != "" && !strings.HasSuffix(o.text, "\n") && o.kind != ' ' {
		s += " (no newline at end)"
	}
	if len(s) <= maxLineBytes {
		return s
	}
	if p, ok := partner(ops, k); ok {
		other := strings.TrimSuffix(p, "\n")
		at := 0
		for at < len(s) && at < len(other) && s[at] == other[at] {
			at++
		}
		return fmt.Sprintf("[line %d, byte %d of %d] %s", o.line, at, len(s), window(s, at))
	}
	return window(s, 0)
}

// partner finds the line a changed line replaces or is replaced by: the
// n-th line of a run of "-" pairs with the n-th of the "+" run after it.
func partner(ops []op, k int) (string, bool) {
	kind := ops[k].kind
	start := k
	for start > 0 && ops[start-1].kind == kind {
		start--
	}
	n := k - start
	switch kind {
	case '-':
		i := k
		for i < len(ops) && ops[i].kind == '-' {
			i++
		}
		for ; n >= 0 && i < len(ops) && ops[i].kind == '+'; n, i = n-1, i+1 {
			if n == 0 {
				return ops[i].text, true
			}
		}
	case '+':
		i := start
		for i > 0 && ops[i-1].kind == '-' {
			i--
		}
		if i+n < start {
			return ops[i+n].text, true
		}
	}
	return "", false
}

// window is s cut to lineWindow bytes either side of byte at, on rune
// boundaries, with ellipses where it was cut.
func window(s string, at int) string {
	from, to := max(0, at-lineWindow), min(len(s), at+lineWindow)
	if at == 0 {
		to = min(len(s), maxLineBytes)
	}
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	out := s[from:to]
	if from > 0 {
		out = ellipsis + out
	}
	if to < len(s) {
		out += ellipsis
	}
	return out
}
