package output

import (
	"encoding/json"
	"io"
	"time"

	"github.com/dyad-events/dyad/internal/doc"
)

// Options selects optional parts of the output.
type Options struct {
	Tokens bool // include tokens with POS tags in each sentence
}

// span encodes as [start, end].
type span [2]int32

func mkSpan(s doc.Span) span { return span{s.Start, s.End} }

type article struct {
	ID          string       `json:"id"`
	URL         string       `json:"url"`
	Source      string       `json:"source"`
	Title       string       `json:"title"`
	Published   *string      `json:"published"`
	Lang        string       `json:"lang"`
	Text        string       `json:"text"`
	RawSpans    []rawSpan    `json:"raw_spans,omitempty"`
	Sentences   []sentence   `json:"sentences"`
	Mentions    []mention    `json:"mentions"`
	Events      []event      `json:"events"`
	Quotes      []quote      `json:"quotes"`
	Places      []place      `json:"places"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

// rawSpan maps a stretch of text to the input bytes it came from.
type rawSpan struct {
	Text span `json:"text"`
	Raw  span `json:"raw"`
}

type sentence struct {
	Span   span    `json:"span"`
	Raw    *span   `json:"raw,omitempty"`
	Tokens []token `json:"tokens,omitempty"`
}

type token struct {
	Span span   `json:"span"`
	Text string `json:"text"`
	POS  string `json:"pos"`
	// Head is the index in the sentence of the token's head, -1 for the
	// root; head and rel are absent when the sentence was not parsed.
	Head *int32 `json:"head,omitempty"`
	Rel  string `json:"rel,omitempty"`
}

type actor struct {
	Code    *string `json:"code"`
	Name    string  `json:"name"`
	Country *string `json:"country"`
	Sector  *string `json:"sector"`
	Role    string  `json:"role,omitempty"`
}

type mention struct {
	Span     span   `json:"span"`
	Text     string `json:"text"`
	Head     *span  `json:"head,omitempty"`
	Type     string `json:"type,omitempty"`
	Actor    actor  `json:"actor"`
	Via      string `json:"via"`
	Sentence int    `json:"sentence"`
	Entity   *int   `json:"entity,omitempty"`
}

type place struct {
	Span      span    `json:"span"`
	Name      string  `json:"name"`
	Feature   string  `json:"feature"`
	Country   string  `json:"country"`
	Admin1    string  `json:"admin1"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID *int64  `json:"geonameid"`
}

// eventCodes are the codebook fields of an event, coded or aggregated.
type eventCodes struct {
	Code      string  `json:"code"`
	Root      string  `json:"root"`
	Name      string  `json:"name"`
	QuadClass int     `json:"quad_class"`
	Goldstein float32 `json:"goldstein"`
	PLOVER    string  `json:"plover"`
	// PLOVERMode refines the PLOVER category ("visit" under CONSULT);
	// absent when the code has none.
	PLOVERMode string `json:"plover_mode,omitempty"`
}

func mkCodes(code, root, name string, q doc.QuadClass, goldstein float32, plover, mode string) eventCodes {
	return eventCodes{Code: code, Root: root, Name: name, QuadClass: int(q), Goldstein: goldstein, PLOVER: plover, PLOVERMode: mode}
}

type event struct {
	Source *actor `json:"source"`
	Target *actor `json:"target"`
	eventCodes
	Negated       bool    `json:"negated"`
	Hypothetical  bool    `json:"hypothetical"`
	ReportedBy    *actor  `json:"reported_by"`
	Date          *string `json:"date"`
	DatePrecision string  `json:"date_precision"`
	DateSpan      *span   `json:"date_span,omitempty"`
	Place         *place  `json:"place"`
	Sentence      int     `json:"sentence"`
	Evidence      []span  `json:"evidence"`
	Rule          string  `json:"rule"`
	Confidence    float32 `json:"confidence"`
}

type speaker struct {
	Span  *span  `json:"span"`
	Text  string `json:"text"`
	Actor *actor `json:"actor"`
}

type quote struct {
	Span     span     `json:"span"`
	Direct   bool     `json:"direct"`
	Sentence int      `json:"sentence"`
	Speaker  *speaker `json:"speaker"`
	Verb     *span    `json:"verb"`
}

type diagnostic struct {
	Severity string `json:"severity"`
	Stage    string `json:"stage"`
	Origin   string `json:"origin,omitempty"`
	Span     *span  `json:"span"`
	Msg      string `json:"msg"`
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func mkActor(a *doc.Actor) *actor {
	if a == nil {
		return nil
	}
	return &actor{Code: optional(a.Code), Name: a.Name, Country: optional(a.Country), Sector: optional(a.Sector), Role: a.Role}
}

func mkPlace(p doc.Place) place {
	out := place{Span: mkSpan(p.Span), Name: p.Name, Feature: p.Feature, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon}
	if p.GeonameID != 0 {
		id := p.GeonameID
		out.GeonameID = &id
	}
	return out
}

// convert builds the contract's shape from a Result. Arrays are never null:
// a consumer can always iterate them.
func convert(r doc.Result, opts Options) article {
	a := r.Article
	out := article{
		ID: a.ID, URL: a.URL, Source: a.Source, Title: a.Title, Lang: a.Lang, Text: a.Text,
		Sentences:   make([]sentence, 0, len(r.Sentences)),
		Mentions:    make([]mention, 0, len(r.Mentions)),
		Events:      make([]event, 0, len(r.Events)),
		Quotes:      make([]quote, 0, len(r.Quotes)),
		Places:      make([]place, 0, len(r.Places)),
		Diagnostics: make([]diagnostic, 0, len(r.Diagnostics)),
	}
	if !a.Published.IsZero() {
		out.Published = optional(a.Published.Format(time.RFC3339))
	}
	for _, seg := range a.RawMap {
		out.RawSpans = append(out.RawSpans, rawSpan{mkSpan(seg.Text), mkSpan(seg.Raw)})
	}
	for _, s := range r.Sentences {
		js := sentence{Span: mkSpan(s.Span)}
		if raw, ok := a.RawMap.Raw(s.Span); ok && raw != s.Span {
			rs := mkSpan(raw)
			js.Raw = &rs
		}
		if opts.Tokens {
			js.Tokens = make([]token, len(s.Tokens))
			for i, t := range s.Tokens {
				js.Tokens[i] = token{Span: mkSpan(t.Span), Text: t.Span.In(a.Text), POS: t.Tag}
				if t.Rel != "" {
					h := t.Head
					js.Tokens[i].Head, js.Tokens[i].Rel = &h, t.Rel
				}
			}
		}
		out.Sentences = append(out.Sentences, js)
	}
	for _, m := range r.Mentions {
		jm := mention{Span: mkSpan(m.Span), Text: m.Span.In(a.Text), Type: m.Type.String(), Actor: *mkActor(&m.Actor), Via: m.Via.String(), Sentence: m.Sentence}
		if m.Head != m.Span && m.Head.End > m.Head.Start {
			h := mkSpan(m.Head)
			jm.Head = &h
		}
		if m.Entity > 0 {
			e := m.Entity
			jm.Entity = &e
		}
		out.Mentions = append(out.Mentions, jm)
	}
	for _, e := range r.Events {
		je := event{
			Source: mkActor(e.Source), Target: mkActor(e.Target),
			eventCodes: mkCodes(e.Code, e.Root, e.Name, e.QuadClass, e.Goldstein, e.PLOVER, e.PLOVERMode), Negated: e.Negated,
			Hypothetical: e.Hypothetical, ReportedBy: mkActor(e.ReportedBy), Date: optional(e.Date),
			DatePrecision: e.DatePrecision.String(), Sentence: e.Sentence, Rule: e.Rule, Confidence: e.Confidence,
			Evidence: make([]span, len(e.Evidence)),
		}
		for i, s := range e.Evidence {
			je.Evidence[i] = mkSpan(s)
		}
		if e.DateSpan.End > e.DateSpan.Start {
			ds := mkSpan(e.DateSpan)
			je.DateSpan = &ds
		}
		if e.Place != nil {
			p := mkPlace(*e.Place)
			je.Place = &p
		}
		out.Events = append(out.Events, je)
	}
	for _, q := range r.Quotes {
		jq := quote{Span: mkSpan(q.Span), Direct: q.Direct, Sentence: q.Sentence}
		if q.Verb != nil {
			v := mkSpan(*q.Verb)
			jq.Verb = &v
		}
		if q.Speaker != nil {
			sp := mkSpan(q.Speaker.Span)
			jq.Speaker = &speaker{Span: &sp, Text: q.Speaker.Span.In(a.Text), Actor: mkActor(&q.Speaker.Actor)}
		}
		out.Quotes = append(out.Quotes, jq)
	}
	for _, p := range r.Places {
		out.Places = append(out.Places, mkPlace(p))
	}
	for _, d := range r.Diagnostics {
		jd := diagnostic{Severity: d.Severity.String(), Stage: d.Stage, Origin: d.Origin, Msg: d.Msg}
		if d.Span != (doc.Span{}) {
			s := mkSpan(d.Span)
			jd.Span = &s
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	return out
}

// JSONL writes r as one line of the output contract.
func JSONL(w io.Writer, r doc.Result, opts Options) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(convert(r, opts))
}
