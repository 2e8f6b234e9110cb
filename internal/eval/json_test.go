package eval

import (
	"encoding/json"
	"regexp"
	"testing"
)

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// checkContract decodes one eval --json object and reports where it breaks
// the evaluation contract: kind, n, precision, recall and f1 at the top,
// the kind's extra top-level figures, snake_case names at every depth.
func checkContract(t *testing.T, raw []byte, kind string, extra ...string) map[string]any {
	t.Helper()
	var top map[string]any
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatalf("%s: %v\n%s", kind, err, raw)
	}
	if top["kind"] != kind {
		t.Errorf("kind = %v, want %q", top["kind"], kind)
	}
	for _, k := range append([]string{"n", "precision", "recall", "f1"}, extra...) {
		if _, ok := top[k].(float64); !ok {
			t.Errorf("%s: top-level %q is %v, want a number\n%s", kind, k, top[k], raw)
		}
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !snakeCase.MatchString(k) {
					t.Errorf("%s: key %s%q is not snake_case", kind, path, k)
				}
				walk(path+k+".", x)
			}
		case []any:
			for _, x := range v {
				walk(path, x)
			}
		}
	}
	walk("", top)
	return top
}

func TestReportJSON(t *testing.T) {
	s := Score{TP: 3, FP: 1, FN: 2, Precision: 0.75, Recall: 0.6, F1: 2 * 0.75 * 0.6 / 1.35}
	ev := EventReport{Records: 4, Exact: s, Root: Score{TP: 4, Precision: 1, Recall: 0.8, F1: 0.9},
		Confusion: map[[2]string]int{{"04", "04"}: 2, {"19", "-"}: 1}}
	evJSON := ev.JSON()
	evJSON.Split = "dev"
	tests := []struct {
		kind  string
		v     any
		extra []string
		n, f1 float64
	}{
		{"events", evJSON, []string{"root_f1"}, 4, s.F1},
		{"quotes", QuoteReport{Articles: 5, GoldQuotes: 5, PredQuotes: 4, Lenient: s, Strict: Score{F1: 0.1}, Speaker: Score{F1: 0.2}}.JSON(), nil, 5, s.F1},
		{"geo", GeoReport{Articles: 2, Toponyms: s, Resolved: 3, Within161: 2.0 / 3, MedianKm: 12}.JSON(), []string{"accuracy_161km"}, 2, s.F1},
	}
	for _, tt := range tests {
		raw, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatalf("%s: %v", tt.kind, err)
		}
		top := checkContract(t, raw, tt.kind, tt.extra...)
		if top["n"] != tt.n || top["f1"] != tt.f1 {
			t.Errorf("%s: n = %v, f1 = %v; want %v, %v", tt.kind, top["n"], top["f1"], tt.n, tt.f1)
		}
	}
	raw, _ := json.Marshal(evJSON)
	var back EventsJSON
	if err := json.Unmarshal(raw, &back); err != nil || back.RootF1 != 0.9 || back.Split != "dev" ||
		len(back.Confusion) != 2 || back.Confusion[0] != (ConfusionRow{"04", "04", 2}) {
		t.Errorf("events round trip: %+v, %v", back, err)
	}
}
