package event

import (
	"strings"

	"github.com/dyad-events/dyad/internal/lexicon"
)

// Clause chains: a verb that governs another ("refused to meet", "urged
// Y to withdraw", "will support") changes what the inner act means, and
// CAMEO has codes for the combinations: intents (03), appeals (02),
// demands (10), rejections (12) and threats (13). The tables below map an
// inner act's code to them, following the CAMEO codebook's parallel
// sub-codes (meet → 036 intent to meet, 026 appeal to meet, 106 demand
// to meet, 125 reject a proposal to meet).

// govClass is what a governing word does to the act under it.
type govClass uint8

const (
	govNone     govClass = iota
	govIntent            // plans to, offered to, is ready to, agreed to
	govRefuse            // refused to, declined to
	govFail              // failed to
	govDeny              // denied (doing)
	govAccuse            // accused Y of (doing)
	govAppeal            // urged Y to, called on Y to
	govDemand            // demanded that Y, ordered Y to
	govThreaten          // threatened to
)

// classOf is the class of a governing word, from the shared lexicon.
func classOf(w string) govClass {
	switch c := lexicon.Classes(w); {
	case c&lexicon.Accusation != 0:
		return govAccuse
	case c&lexicon.Denial != 0:
		return govDeny
	case c&lexicon.Failure != 0:
		return govFail
	case c&lexicon.Refusal != 0:
		return govRefuse
	case c&lexicon.Threat != 0:
		return govThreaten
	case c&lexicon.Appeal != 0:
		return govAppeal
	case c&lexicon.Demand != 0:
		return govDemand
	case c&lexicon.Intent != 0:
		return govIntent
	}
	return govNone
}

// conflictual says a code is one of CAMEO's conflict roots (11–20).
func conflictual(code string) bool { return len(code) >= 2 && code[:2] >= "11" && code[:2] <= "20" }

// cooperative says a code is a cooperative act whose intent CAMEO codes
// under 03: consult, diplomatic and material cooperation, aid, yield.
func cooperative(code string) bool { return len(code) >= 2 && code[:2] >= "03" && code[:2] <= "08" }

// parallel maps an inner code through a table keyed by the inner code's
// most specific prefix: the table's longest key the code starts with.
func parallel(code string, table map[string]string, fallback string) string {
	best, bestLen := fallback, 0
	for k, v := range table {
		if len(k) > bestLen && strings.HasPrefix(code, k) {
			best, bestLen = v, len(k)
		}
	}
	return best
}

// intentCode is CAMEO's "express intent to" code for a cooperative act
// (03), or a threat (13) for a conflictual one; ok false when the act has
// no such counterpart.
func intentCode(code string) (string, bool) {
	switch {
	case strings.HasPrefix(code, "03") || strings.HasPrefix(code, "13"):
		return code, true
	case cooperative(code):
		return parallel(code, intentTable, "030"), true
	case conflictual(code):
		return threatCode(code), true
	}
	return "", false
}

var intentTable = map[string]string{
	"04": "036", "045": "039", "05": "032", "057": "030",
	"06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
	"08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
}

// threatCode is the threat (13) of a conflictual act.
func threatCode(code string) string {
	if strings.HasPrefix(code, "13") {
		return code
	}
	return parallel(code, threatTable, "130")
}

var threatTable = map[string]string{
	"14": "133", "15": "138",
	"16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
	"17": "137", "172": "132", "18": "138", "19": "138", "20": "1385",
}

// rejectCode is the rejection (12) of an act one refuses to do.
func rejectCode(code string) string { return parallel(code, rejectTable, "120") }

var rejectTable = map[string]string{
	"04": "125", "045": "126", "057": "127",
	"06": "121", "061": "1211", "062": "1212",
	"08": "124", "081": "1241", "082": "1242", "083": "123", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
}

// appealCode is the appeal (02) for an act one urges another to do.
func appealCode(code string) string { return parallel(code, appealTable, "020") }

var appealTable = map[string]string{
	"04": "026", "045": "028", "05": "022", "057": "027",
	"06": "021", "061": "0211", "062": "0212", "063": "0213", "064": "0214",
	"07": "023", "071": "0231", "072": "0232", "073": "0233", "074": "0234",
	"08": "025", "081": "0251", "082": "0252", "083": "024", "084": "0253", "085": "0254", "086": "0255", "087": "0256",
}

// demandCode is the demand (10) that another do an act.
func demandCode(code string) string { return parallel(code, demandTable, "100") }

var demandTable = map[string]string{
	"04": "106", "045": "108", "05": "102", "057": "107",
	"06": "101", "061": "1011", "062": "1012", "063": "1013", "064": "1014",
	"07": "103", "071": "1031", "072": "1032", "073": "1033", "074": "1034",
	"08": "105", "081": "1051", "082": "1052", "083": "104", "084": "1053", "085": "1054", "086": "1055", "087": "1056",
}
