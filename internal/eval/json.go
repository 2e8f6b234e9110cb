package eval

// The JSON forms of the reports, as "dyad eval KIND --json" prints them.
// They follow one contract so that scripts can track figures over time:
// the top level has kind, n (gold items: records, articles or
// sentences), precision, recall and f1, each kind's headline figures
// beside them, and every name is snake_case, nested ones too. The report
// structs stay shaped for the tables; these are built from them.

// Summary is the head every eval JSON object shares.
type Summary struct {
	Kind      string  `json:"kind"`
	N         int     `json:"n"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func summary(kind string, n int, s Score) Summary {
	return Summary{Kind: kind, N: n, Precision: s.Precision, Recall: s.Recall, F1: s.F1}
}

// EventsJSON is an EventReport for --json: the top-level figures are the
// exact-code ones, root_f1 the root-code F1.
type EventsJSON struct {
	Summary
	Split     string         `json:"split,omitempty"`
	RootF1    float64        `json:"root_f1"`
	Exact     Score          `json:"exact"`
	Root      Score          `json:"root"`
	Confusion []ConfusionRow `json:"confusion"`
}

// JSON returns the report's JSON form; n is the number of records.
func (r EventReport) JSON() EventsJSON {
	rows := r.ConfusionRows()
	if rows == nil {
		rows = []ConfusionRow{} // [] rather than null for scripts
	}
	return EventsJSON{Summary: summary("events", r.Records, r.Exact), RootF1: r.Root.F1,
		Exact: r.Exact, Root: r.Root, Confusion: rows}
}

// QuotesJSON is a QuoteReport for --json: the top-level figures are the
// lenient quote-span ones; strict and speaker scores are nested.
type QuotesJSON struct {
	Summary
	GoldQuotes int   `json:"gold_quotes"`
	PredQuotes int   `json:"pred_quotes"`
	Lenient    Score `json:"lenient"`
	Strict     Score `json:"strict"`
	Speaker    Score `json:"speaker"`
}

// JSON returns the report's JSON form; n is the number of articles.
func (r QuoteReport) JSON() QuotesJSON {
	return QuotesJSON{Summary: summary("quotes", r.Articles, r.Lenient), GoldQuotes: r.GoldQuotes,
		PredQuotes: r.PredQuotes, Lenient: r.Lenient, Strict: r.Strict, Speaker: r.Speaker}
}

// GeoJSON is a GeoReport for --json: the top-level figures are toponym
// recognition, accuracy_161km the share of resolved toponyms placed
// within 161 km.
type GeoJSON struct {
	Summary
	TP            int     `json:"tp"`
	FP            int     `json:"fp"`
	FN            int     `json:"fn"`
	Resolved      int     `json:"resolved"`
	Accuracy161km float64 `json:"accuracy_161km"`
	MedianKm      float64 `json:"median_km"`
}

// JSON returns the report's JSON form; n is the number of articles.
func (r GeoReport) JSON() GeoJSON {
	t := r.Toponyms
	return GeoJSON{Summary: summary("geo", r.Articles, t), TP: t.TP, FP: t.FP, FN: t.FN,
		Resolved: r.Resolved, Accuracy161km: r.Within161, MedianKm: r.MedianKm}
}
