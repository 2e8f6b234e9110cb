package event

import "testing"

// TestChainCodes pins the parallel CAMEO codes a governing verb gives an
// inner act: the same sub-code under the intent, appeal, demand, reject
// and threat roots, the root's own code where CAMEO has no parallel.
func TestChainCodes(t *testing.T) {
	tests := []struct {
		name  string
		code  func(string) string
		inner string
		want  string
	}{
		{"intent to meet", func(c string) string { r, _ := intentCode(c); return r }, "040", "036"},
		{"intent to mediate", func(c string) string { r, _ := intentCode(c); return r }, "045", "039"},
		{"intent to give economic aid", func(c string) string { r, _ := intentCode(c); return r }, "071", "0331"},
		{"intent to de-escalate", func(c string) string { r, _ := intentCode(c); return r }, "0871", "0356"},
		{"intent to attack is a threat", func(c string) string { r, _ := intentCode(c); return r }, "190", "138"},
		{"intent already", func(c string) string { r, _ := intentCode(c); return r }, "036", "036"},
		{"refuse to meet", rejectCode, "040", "125"},
		{"refuse to release", rejectCode, "084", "1243"},
		{"refuse to praise", rejectCode, "051", "120"},
		{"urge to negotiate", appealCode, "046", "026"},
		{"urge to give aid", appealCode, "073", "0233"},
		{"demand withdrawal", demandCode, "087", "1056"},
		{"demand political reform", demandCode, "083", "104"},
		{"threaten sanctions", threatCode, "163", "1312"},
		{"threaten a curfew", threatCode, "1723", "132"},
		{"threaten with a threat", threatCode, "138", "138"},
	}
	for _, tt := range tests {
		if got := tt.code(tt.inner); got != tt.want {
			t.Errorf("%s: %s → %s, want %s", tt.name, tt.inner, got, tt.want)
		}
	}
	if _, ok := intentCode("010"); ok {
		t.Error("a statement has no intent code")
	}
}
