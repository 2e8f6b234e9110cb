package cameo

import (
	"errors"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func TestParse(t *testing.T) {
	const good = "# a comment\n04\t1.0\tCONSULT\tConsult\n043\t2.8\tCONSULT:host\tHost a visit  # trailing\n0431\t2.8\t-\tSub-code\n"
	cb, err := Parse(strings.NewReader(good), "good")
	if err != nil {
		t.Fatal(err)
	}
	e, ok := cb.Lookup("043")
	if !ok || e.Name != "Host a visit" || e.Goldstein != 2.8 || e.PLOVER != "CONSULT" || e.Mode != "host" || e.Root() != "04" || e.QuadClass() != doc.VerbalCooperation {
		t.Errorf("043 = %+v, %v", e, ok)
	}
	if e, _ := cb.Lookup("0431"); e.PLOVER != "" {
		t.Errorf("0431 PLOVER = %q, want none", e.PLOVER)
	}
	if _, ok := cb.Lookup("43"); ok {
		t.Error(`"43" found: codes must be written with their leading zero`)
	}

	bad := []struct{ src, want string }{
		{"04\t1.0\tCONSULT\n", "want 4 tab-separated fields"},
		{"4x\t1.0\tCONSULT\tX\n", "bad CAMEO code"},
		{"21\t1.0\tCONSULT\tX\n", "bad CAMEO code"},
		{"04\tone\tCONSULT\tX\n", "bad Goldstein"},
		{"04\t11\tCONSULT\tX\n", "bad Goldstein"},
		{"04\t1.0\tCHAT\tX\n", "unknown PLOVER category"},
		{"04\t1.0\tCONSULT\t\n", "has no name"},
		{"04\t1.0\tCONSULT\tX\n04\t1.0\tCONSULT\tX\n", "listed twice"},
		{"043\t1.0\tCONSULT\tX\n", "has no parent 04"},
	}
	for _, tt := range bad {
		_, err := Parse(strings.NewReader(tt.src), "bad")
		var list doc.ErrorList
		if !errors.As(err, &list) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an ErrorList with %q", tt.src, err, tt.want)
		}
	}
}

func TestQuadClassOf(t *testing.T) {
	for code, want := range map[string]doc.QuadClass{
		"010": doc.VerbalCooperation, "057": doc.VerbalCooperation, "06": doc.MaterialCooperation,
		"0874": doc.MaterialCooperation, "111": doc.VerbalConflict, "138": doc.VerbalConflict,
		"145": doc.MaterialConflict, "195": doc.MaterialConflict, "204": doc.MaterialConflict,
		"": doc.QuadNone, "00": doc.QuadNone, "21": doc.QuadNone, "x1": doc.QuadNone,
	} {
		if got := QuadClassOf(code); got != want {
			t.Errorf("QuadClassOf(%q) = %v, want %v", code, got, want)
		}
	}
}

// TestBuiltin checks the embedded table is whole and holds some well-known
// facts of the CAMEO codebook and the Goldstein scale.
func TestBuiltin(t *testing.T) {
	cb, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 20; r++ {
		root := string([]byte{byte('0' + r/10), byte('0' + r%10)})
		if _, ok := cb.Lookup(root); !ok {
			t.Errorf("root %s missing", root)
		}
		if _, ok := cb.Lookup(root + "0"); !ok {
			t.Errorf("code %s0 missing", root)
		}
	}
	if len(cb.Entries) < 250 {
		t.Errorf("%d codes, want the whole codebook (about 300)", len(cb.Entries))
	}
	facts := []struct {
		code      string
		goldstein float32
		plover    string
	}{
		{"010", 0, ""},
		{"042", 1.9, "CONSULT"},
		{"043", 2.8, "CONSULT"},
		{"046", 7.0, "CONSULT"},
		{"190", -10, "ASSAULT"},
		{"195", -10, "ASSAULT"},
	}
	for _, f := range facts {
		e, ok := cb.Lookup(f.code)
		if !ok {
			t.Errorf("%s missing", f.code)
			continue
		}
		if e.Goldstein != f.goldstein || e.PLOVER != f.plover {
			t.Errorf("%s = Goldstein %v PLOVER %q, want %v %q", f.code, e.Goldstein, e.PLOVER, f.goldstein, f.plover)
		}
	}
}
