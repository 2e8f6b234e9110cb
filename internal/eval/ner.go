package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/dyad-events/dyad/internal/doc"
)

// NERSpan is one entity of a sentence: tokens [Start, End) and the type.
type NERSpan struct {
	Start, End int
	Type       string
}

// NERSentence is one sentence of a CoNLL file: its tokens and the entities
// its tags mark.
type NERSentence struct {
	Tokens []string
	Gold   []NERSpan
}

// NERDoc is one document of a CoNLL file (the text between -DOCSTART-
// lines; the whole file when it has none).
type NERDoc struct {
	Origin    string // "file:line" where the document starts
	Sentences []NERSentence
}

// maxCoNLLLine bounds one line. CoNLL lines are a token and a few tags;
// anything near this long is not a CoNLL file.
const maxCoNLLLine = 1 << 20

// LoadCoNLL reads a CoNLL-style NER file: one token per line with
// whitespace-separated columns, the token first and its tag last (so both
// CoNLL-2003's "EU NNP B-NP B-ORG" and a plain "EU B-ORG" work); a blank
// line ends a sentence, a line whose token is -DOCSTART- starts a document.
//
// Tags may be IOB1 (CoNLL-2003's own: I- starts an entity unless it
// continues one of the same type, B- only separates two adjacent entities of
// one type), IOB2/BIO, BIOES or BILOU; one decoder reads them all, the way
// conlleval does (see decodeTags). origin names the input in errors, which
// carry the line: "eng.testb:12: ...".
func LoadCoNLL(r io.Reader, origin string) ([]NERDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxCoNLLLine)
	var (
		docs   []NERDoc
		cur    NERDoc
		toks   []string
		tags   []tag
		lineNo int
	)
	endSentence := func() {
		if len(toks) > 0 {
			cur.Sentences = append(cur.Sentences, NERSentence{Tokens: toks, Gold: decodeTags(tags)})
		}
		toks, tags = nil, nil
	}
	endDoc := func() {
		endSentence()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = NERDoc{}
	}
	for sc.Scan() {
		lineNo++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			endSentence()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			endDoc()
			cur.Origin = fmt.Sprintf("%s:%d", origin, lineNo)
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: %q has one column; want the token first and its tag last", origin, lineNo, fields[0])
		}
		t, err := parseTag(fields[len(fields)-1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", origin, lineNo, err)
		}
		if cur.Origin == "" {
			cur.Origin = fmt.Sprintf("%s:%d", origin, lineNo)
		}
		toks = append(toks, fields[0])
		tags = append(tags, t)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: line longer than %d KiB; not a CoNLL file?", origin, lineNo+1, maxCoNLLLine>>10)
		}
		return nil, fmt.Errorf("%s:%d: %w", origin, lineNo+1, err)
	}
	endDoc()
	return docs, nil
}

// tag is one decoded tag: prefix is 'O', 'B', 'I', 'E' or 'S' (BILOU's L
// and U are read as E and S).
type tag struct {
	prefix byte
	typ    string
}

func parseTag(s string) (tag, error) {
	if s == "O" {
		return tag{prefix: 'O'}, nil
	}
	if len(s) > 2 && s[1] == '-' {
		switch p := s[0]; p {
		case 'B', 'I', 'E', 'S':
			return tag{prefix: p, typ: s[2:]}, nil
		case 'L':
			return tag{prefix: 'E', typ: s[2:]}, nil
		case 'U':
			return tag{prefix: 'S', typ: s[2:]}, nil
		}
	}
	return tag{}, fmt.Errorf("tag %q: want O, or B-, I-, E-, S- (BIOES) or L-, U- (BILOU) and a type such as B-PER", s)
}

// decodeTags turns one sentence's tags into entity spans. It accepts every
// scheme at once, with conlleval's rules for where an entity starts: B- and
// S- always start one; I- and E- continue the open entity when it has the
// same type and was not closed by E- or S-, and otherwise start one (that
// is IOB1's rule, and it makes a stray I- in IOB2 an entity rather than an
// error, as conlleval does). E- and S- close the entity they end.
func decodeTags(tags []tag) []NERSpan {
	var spans []NERSpan
	open := false // spans[len-1] may still grow
	for i, t := range tags {
		if t.prefix == 'O' {
			open = false
			continue
		}
		cont := open && (t.prefix == 'I' || t.prefix == 'E') && spans[len(spans)-1].Type == t.typ
		if cont {
			spans[len(spans)-1].End = i + 1
		} else {
			spans = append(spans, NERSpan{Start: i, End: i + 1, Type: t.typ})
		}
		open = t.prefix == 'B' || t.prefix == 'I'
	}
	return spans
}

// LoadNERGold reads a CoNLL gold set from path: one file, or a directory
// whose CoNLL files (see isCoNLLName) are read in name order. A file that
// holds no tokens is an error, so a wrong path does not score as perfect.
func LoadNERGold(path string) ([]NERDoc, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("NER gold: %w", err)
	}
	files := []string{path}
	if info.IsDir() {
		files = nil
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("NER gold: %w", err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() && isCoNLLName(e.Name()) {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("NER gold: %s has no CoNLL files (*.conll, *.iob, *.bio, *.txt, eng.train/testa/testb)", path)
		}
	}
	var docs []NERDoc
	for _, f := range files {
		d, err := loadCoNLLFile(f)
		if err != nil {
			return nil, fmt.Errorf("NER gold: %w", err)
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

func loadCoNLLFile(path string) ([]NERDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := LoadCoNLL(f, path)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no tokens", path)
	}
	return docs, nil
}

// isCoNLLName says whether a directory entry is read as CoNLL: the usual
// endings, and CoNLL-2003's own file names (eng.testb, deu.train), whose
// "extension" is the split. Hidden files and READMEs are skipped.
func isCoNLLName(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(strings.ToLower(name), "readme") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".conll", ".conll03", ".iob", ".iob2", ".bio", ".bioes", ".txt", ".train", ".testa", ".testb":
		return true
	}
	return false
}

// Text rebuilds a plain text from the document's tokens, for dyad to code,
// and returns each token's byte span, one slice per sentence.
//
// Tokens are joined by one space with light detokenisation (no space before
// , . ; : ? ! % ) ] ' and clitics such as 's and n't; none after ( and [), so
// the text reads like prose to dyad's tokenizer and tagger. Quotes are left
// spaced: whether one opens or closes is not known here. Each sentence is
// its own paragraph ("\n\n" between them) because dyad's splitter always
// ends a sentence there, so gold and dyad sentences never straddle.
func (d NERDoc) Text() (text string, tokens [][]doc.Span) {
	var b strings.Builder
	tokens = make([][]doc.Span, len(d.Sentences))
	for i, s := range d.Sentences {
		if i > 0 {
			b.WriteString("\n\n")
		}
		spans := make([]doc.Span, len(s.Tokens))
		for j, tok := range s.Tokens {
			if j > 0 && !noSpaceBefore(tok) && !noSpaceAfter(s.Tokens[j-1]) {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(tok)
			spans[j] = doc.NewSpan(start, b.Len())
		}
		tokens[i] = spans
	}
	return b.String(), tokens
}

func noSpaceBefore(tok string) bool {
	switch tok {
	case ",", ".", ";", ":", "?", "!", "%", ")", "]", "'", "...":
		return true
	}
	switch strings.ToLower(tok) {
	case "'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "’s":
		return true
	}
	return false
}

func noSpaceAfter(tok string) bool { return tok == "(" || tok == "[" }

// TypedSpan is a predicted entity: a byte span of the coded text and its
// type ("PER", "ORG", "LOC", "MISC").
type TypedSpan struct {
	Span doc.Span
	Type string
}

// MentionSpans turns dyad's mentions into predicted entities: the named
// head when there is one ("John Kerry" of "US State Secretary John Kerry"),
// since gold sets leave titles out of names, else the whole span. Mentions
// without an entity type ("Russian forces") name no entity and are skipped.
func MentionSpans(ms []doc.Mention) []TypedSpan {
	out := make([]TypedSpan, 0, len(ms))
	for _, m := range ms {
		if m.Type == doc.EntityNone {
			continue
		}
		s := m.Head
		if s.Len() <= 0 {
			s = m.Span
		}
		out = append(out, TypedSpan{Span: s, Type: m.Type.String()})
	}
	return out
}

// EntitySpans turns the name recogniser's entities into predicted
// entities: what dyad outputs as names.
func EntitySpans(es []doc.Entity) []TypedSpan {
	out := make([]TypedSpan, 0, len(es))
	for _, e := range es {
		out = append(out, TypedSpan{Span: e.Span, Type: e.Type.String()})
	}
	return out
}

// AlignSpans maps predicted byte spans to token spans of one sentence,
// given its tokens' byte spans (sorted and disjoint, as Text returns them).
//
// The rule: a prediction covers every token it overlaps by at least one
// byte, so a span that ends inside a gold token ("US" of "US-led") takes
// the whole token, and exact-match scoring then judges it. A span that
// overlaps no token of this sentence is dropped, so callers may pass every
// prediction of a document to each of its sentences; empty spans and spans
// without a type are dropped too. Duplicates (two mentions with one head)
// count once, as a tag sequence could mark them only once. The result is
// sorted by start, end and type.
func AlignSpans(tokens []doc.Span, spans []TypedSpan) []NERSpan {
	var out []NERSpan
	for _, s := range spans {
		if s.Type == "" || s.Span.End <= s.Span.Start {
			continue
		}
		first := sort.Search(len(tokens), func(i int) bool { return tokens[i].End > s.Span.Start })
		end := sort.Search(len(tokens), func(i int) bool { return tokens[i].Start >= s.Span.End })
		if first >= end {
			continue
		}
		out = append(out, NERSpan{Start: first, End: end, Type: s.Type})
	}
	sortSpans(out)
	return dedupSpans(out)
}

func sortSpans(s []NERSpan) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Start != s[j].Start {
			return s[i].Start < s[j].Start
		}
		if s[i].End != s[j].End {
			return s[i].End < s[j].End
		}
		return s[i].Type < s[j].Type
	})
}

// dedupSpans drops repeats from a sorted slice, in place.
func dedupSpans(s []NERSpan) []NERSpan {
	if len(s) == 0 {
		return s
	}
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// PredictNER codes every document's text with find and aligns what it
// returns to the gold tokens: gold and pred hold one entry per sentence, in
// order, ready for ScoreNER. A panic in find is returned as an error naming
// the document, as a failed stage should stop an evaluation loudly.
func PredictNER(docs []NERDoc, find func(text string) ([]TypedSpan, error)) (gold, pred [][]NERSpan, err error) {
	for _, d := range docs {
		text, toks := d.Text()
		spans, err := safeFind(find, text)
		if err != nil {
			return nil, nil, fmt.Errorf("document at %s: %w", d.Origin, err)
		}
		for i, s := range d.Sentences {
			gold = append(gold, s.Gold)
			pred = append(pred, AlignSpans(toks[i], spans))
		}
	}
	return gold, pred, nil
}

func safeFind(find func(string) ([]TypedSpan, error), text string) (spans []TypedSpan, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("coder panicked: %v", r)
		}
	}()
	return find(text)
}

// DefaultNERTypes are the types ScoreNER scores when given none: the ones
// dyad's actor stage aims to find. MISC (nationalities, events, works) is
// left out because dyad codes "Russian" as an actor attribute, not as an
// entity, so counting it would measure a task dyad does not attempt.
func DefaultNERTypes() []string { return []string{"PER", "ORG", "LOC"} }

// NERTypeScore is the exact-match count and score of one entity type.
type NERTypeScore struct {
	Type      string  `json:"type"`
	Gold      int     `json:"gold"`
	Pred      int     `json:"pred"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// NERConfusion counts entities found with the right tokens but the wrong
// type: Gold is the type in the gold set, Pred the type predicted.
type NERConfusion struct {
	Gold string `json:"gold"`
	Pred string `json:"pred"`
	N    int    `json:"n"`
}

// NERIgnored counts the entities of a type left out of the score.
type NERIgnored struct {
	Type string `json:"type"`
	Gold int    `json:"gold"`
	Pred int    `json:"pred"`
}

// NERReport is an exact-match NER score. The overall figures are micro
// averages over the scored types only.
type NERReport struct {
	N         int            `json:"n"` // sentences
	Precision float64        `json:"precision"`
	Recall    float64        `json:"recall"`
	F1        float64        `json:"f1"`
	TP        int            `json:"tp"`
	FP        int            `json:"fp"`
	FN        int            `json:"fn"`
	Types     []NERTypeScore `json:"types"`
	Ignored   []NERIgnored   `json:"ignored"`
	Confusion []NERConfusion `json:"confusion"`
}

// ScoreNER scores predicted entities against gold ones, sentence by
// sentence (gold[i] and pred[i] are sentence i; a missing entry is a
// sentence with no entities). types selects the types scored, nil for
// DefaultNERTypes.
//
// The metric is conlleval's: an entity is a true positive only when a
// prediction has exactly its tokens and its type; every other prediction
// is a false positive and every other gold entity a false negative. Types
// not selected are removed from both sides before counting, so a
// prediction on a gold MISC entity is a false positive of its own type,
// and the confusion table (which sees every type) shows where it went.
// Repeated predictions count once.
func ScoreNER(gold, pred [][]NERSpan, types []string) NERReport {
	byDefault := types == nil
	if byDefault {
		types = DefaultNERTypes()
	}
	scored := make(map[string]*NERTypeScore, len(types))
	rep := NERReport{N: max(len(gold), len(pred)), Types: make([]NERTypeScore, len(types)), Ignored: []NERIgnored{}, Confusion: []NERConfusion{}}
	for i, t := range types {
		rep.Types[i].Type = t
		scored[t] = &rep.Types[i]
	}
	ignored := map[string]*NERIgnored{}
	ignore := func(typ string) *NERIgnored {
		if ignored[typ] == nil {
			ignored[typ] = &NERIgnored{Type: typ}
		}
		return ignored[typ]
	}
	if byDefault {
		ignore("MISC") // listed even when absent, so the report says it is not scored
	}
	type bounds struct{ start, end int }
	confusion := map[[2]string]int{}
	for i := range rep.N {
		var g, p []NERSpan
		if i < len(gold) {
			g = gold[i]
		}
		if i < len(pred) {
			p = append([]NERSpan(nil), pred[i]...)
			sortSpans(p)
			p = dedupSpans(p)
		}
		predAt := make(map[bounds][]string, len(p))
		exact := make(map[NERSpan]bool, len(p))
		for _, s := range p {
			predAt[bounds{s.Start, s.End}] = append(predAt[bounds{s.Start, s.End}], s.Type)
			exact[s] = true
			if ts := scored[s.Type]; ts != nil {
				ts.Pred++
			} else {
				ignore(s.Type).Pred++
			}
		}
		for _, s := range g {
			ts := scored[s.Type]
			if ts == nil {
				ignore(s.Type).Gold++
			} else {
				ts.Gold++
				if exact[s] {
					ts.TP++
				}
			}
			if !exact[s] {
				for _, pt := range predAt[bounds{s.Start, s.End}] {
					if scored[s.Type] != nil || scored[pt] != nil {
						confusion[[2]string{s.Type, pt}]++
					}
				}
			}
		}
	}
	for i := range rep.Types {
		ts := &rep.Types[i]
		ts.FP, ts.FN = ts.Pred-ts.TP, ts.Gold-ts.TP
		ts.Precision, ts.Recall, ts.F1 = spanPRF(ts.TP, ts.FP, ts.FN)
		rep.TP += ts.TP
		rep.FP += ts.FP
		rep.FN += ts.FN
	}
	rep.Precision, rep.Recall, rep.F1 = spanPRF(rep.TP, rep.FP, rep.FN)
	for _, ig := range ignored {
		rep.Ignored = append(rep.Ignored, *ig)
	}
	sort.Slice(rep.Ignored, func(i, j int) bool { return rep.Ignored[i].Type < rep.Ignored[j].Type })
	for k, n := range confusion {
		rep.Confusion = append(rep.Confusion, NERConfusion{Gold: k[0], Pred: k[1], N: n})
	}
	sort.Slice(rep.Confusion, func(i, j int) bool {
		a, b := rep.Confusion[i], rep.Confusion[j]
		if a.N != b.N {
			return a.N > b.N
		}
		if a.Gold != b.Gold {
			return a.Gold < b.Gold
		}
		return a.Pred < b.Pred
	})
	return rep
}

// spanPRF is conlleval's precision, recall and F1: zero, not NaN, when a
// side is empty (so nothing predicted and nothing expected scores 0, unlike
// the extraction benchmark's convention).
func spanPRF(tp, fp, fn int) (p, r, f1 float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	return p, r, harmonic(p, r)
}

// WriteText prints the report as a table: one row per scored type, the
// micro-averaged overall row, then what was ignored and the type
// confusions.
func WriteText(w io.Writer, r NERReport) error {
	// Numbers align right; the type column is padded so it reads left.
	width := len("overall")
	for _, s := range r.Types {
		width = max(width, len(s.Type))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\tgold\tpred\ttp\tfp\tfn\tprecision\trecall\tf1\t\n", width, "type")
	row := func(s NERTypeScore) {
		fmt.Fprintf(tw, "%-*s\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", width, s.Type, s.Gold, s.Pred, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1)
	}
	for _, s := range r.Types {
		row(s)
	}
	row(NERTypeScore{Type: "overall", Gold: r.TP + r.FN, Pred: r.TP + r.FP, TP: r.TP, FP: r.FP, FN: r.FN,
		Precision: r.Precision, Recall: r.Recall, F1: r.F1})
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d sentences; exact match of tokens and type (conlleval); overall is the micro average of the types above.\n", r.N)
	for _, ig := range r.Ignored {
		why := ""
		if ig.Type == "MISC" {
			why = ": dyad does not aim to find MISC (nationalities, events, works)"
		}
		fmt.Fprintf(w, "ignored %s (gold %d, predicted %d)%s\n", ig.Type, ig.Gold, ig.Pred, why)
	}
	if len(r.Confusion) > 0 {
		fmt.Fprintf(w, "\nright tokens, wrong type (gold -> predicted):\n")
		for _, c := range r.Confusion {
			fmt.Fprintf(w, "  %-5s -> %-5s %d\n", c.Gold, c.Pred, c.N)
		}
	}
	return nil
}

// WriteNERErrors lists up to n disagreements between gold and predicted
// spans of the scored types, each with its sentence, for tuning a tagger.
// Sentences are numbered in the order of docs.
func WriteNERErrors(w io.Writer, docs []NERDoc, gold, pred [][]NERSpan, types []string, n int) error {
	if types == nil {
		types = DefaultNERTypes()
	}
	scored := map[string]bool{}
	for _, t := range types {
		scored[t] = true
	}
	var toks [][]string
	for _, d := range docs {
		for _, s := range d.Sentences {
			toks = append(toks, s.Tokens)
		}
	}
	in := func(x NERSpan, list []NERSpan) bool {
		for _, y := range list {
			if x == y {
				return true
			}
		}
		return false
	}
	words := func(i int, s NERSpan) string { return strings.Join(toks[i][s.Start:s.End], " ") }
	shown := 0
	for i := range gold {
		for _, pair := range []struct {
			kind        string
			from, other []NERSpan
		}{{"missed", gold[i], pred[i]}, {"wrong ", pred[i], gold[i]}} {
			for _, s := range pair.from {
				if !scored[s.Type] || in(s, pair.other) {
					continue
				}
				if shown == n {
					return nil
				}
				shown++
				if _, err := fmt.Fprintf(w, "%s %-4s %-30q in: %s\n", pair.kind, s.Type, words(i, s), strings.Join(toks[i], " ")); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
