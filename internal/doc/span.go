package doc

import (
	"sort"
	"strings"
)

// Span is a half-open range of byte offsets [Start, End) into Article.Text.
// int32 keeps tokens small; articles are far below 2 GiB.
type Span struct {
	Start, End int32
}

// NewSpan makes a Span from int offsets.
func NewSpan(start, end int) Span { return Span{Start: int32(start), End: int32(end)} }

// Len is the number of bytes the span covers.
func (s Span) Len() int { return int(s.End - s.Start) }

// Gap is the number of bytes between s and o, 0 when they overlap or
// touch: how far a time or place phrase is from an event's trigger.
func (s Span) Gap(o Span) int32 {
	switch {
	case s.End <= o.Start:
		return o.Start - s.End
	case o.End <= s.Start:
		return s.Start - o.End
	}
	return 0
}

// In returns the text the span covers. A span that does not fit text yields
// "" rather than a panic, because spans may come from outside input.
func (s Span) In(text string) string {
	if s.Start < 0 || s.End < s.Start || int(s.End) > len(text) {
		return ""
	}
	return text[s.Start:s.End]
}

// JoinSpans is the text of each span joined with " … ", the way evidence
// is shown; spans that do not fit text are left out.
func JoinSpans(text string, spans []Span) string {
	parts := make([]string, 0, len(spans))
	for _, s := range spans {
		if w := s.In(text); w != "" {
			parts = append(parts, w)
		}
	}
	return strings.Join(parts, " … ")
}

// Segment says that the cleaned text in Text came from the input bytes in
// Raw. When both have the same length the bytes map one to one; otherwise
// (a transcoded character, an entity) the segment maps as a whole.
type Segment struct {
	Text, Raw Span
}

// OffsetMap maps cleaned-text offsets back to the raw input. Segments are
// sorted by Text.Start and do not overlap; cleaned text between segments
// (inserted paragraph breaks) has no raw counterpart of its own.
type OffsetMap []Segment

// Raw maps a span of cleaned text to the raw input bytes it came from. ok is
// false when the map is empty or the span lies outside every segment.
func (m OffsetMap) Raw(s Span) (raw Span, ok bool) {
	if len(m) == 0 {
		return Span{}, false
	}
	start, ok1 := m.point(s.Start, false)
	end, ok2 := m.point(s.End, true)
	if !ok1 || !ok2 {
		return Span{}, false
	}
	if end < start {
		end = start
	}
	return Span{start, end}, true
}

// point maps one offset. An end offset maps with the segment it closes, so
// that a span ending exactly at a segment boundary does not leak into the
// next segment's raw bytes.
func (m OffsetMap) point(x int32, isEnd bool) (int32, bool) {
	i := sort.Search(len(m), func(i int) bool {
		if isEnd {
			return m[i].Text.End >= x
		}
		return m[i].Text.End > x
	})
	if i == len(m) {
		return 0, false
	}
	seg := m[i]
	if x < seg.Text.Start {
		// x falls in text that cleaning inserted: a start takes the raw
		// bytes from the previous segment's end, an end stops at the next
		// segment's start, so the span covers what the insertion replaced.
		if !isEnd && i > 0 {
			return m[i-1].Raw.End, true
		}
		return seg.Raw.Start, true
	}
	if seg.Text.Len() == seg.Raw.Len() {
		return seg.Raw.Start + (x - seg.Text.Start), true
	}
	if isEnd && x > seg.Text.Start {
		return seg.Raw.End, true
	}
	if !isEnd && x == seg.Text.End {
		return seg.Raw.End, true
	}
	return seg.Raw.Start, true
}

// Add appends a segment, merging it into the last one when both map one to
// one and touch on both sides. Segments must be added in text order.
func (m *OffsetMap) Add(text, raw Span) {
	if n := len(*m); n > 0 {
		last := &(*m)[n-1]
		if last.Text.End == text.Start && last.Raw.End == raw.Start &&
			last.Text.Len() == last.Raw.Len() && text.Len() == raw.Len() {
			last.Text.End, last.Raw.End = text.End, raw.End
			return
		}
	}
	*m = append(*m, Segment{Text: text, Raw: raw})
}

// Compose returns the map from m's text through inner to inner's raw input:
// m maps cleaned text to an intermediate text, inner maps that intermediate
// text to the original bytes. Used when cleaning runs on transcoded input.
func (m OffsetMap) Compose(inner OffsetMap) OffsetMap {
	if len(inner) == 0 {
		return m
	}
	out := make(OffsetMap, 0, len(m))
	for _, seg := range m {
		if seg.Text.Len() != seg.Raw.Len() {
			if r, ok := inner.Raw(seg.Raw); ok {
				out.Add(seg.Text, r)
			}
			continue
		}
		// Split the one-to-one segment wherever inner changes segments, so
		// each piece keeps exact offsets.
		lo := seg.Raw.Start
		for lo < seg.Raw.End {
			j := sort.Search(len(inner), func(j int) bool { return inner[j].Text.End > lo })
			if j == len(inner) {
				break
			}
			in := inner[j]
			hi := min(seg.Raw.End, in.Text.End)
			if lo < in.Text.Start {
				lo = in.Text.Start
				continue
			}
			text := Span{seg.Text.Start + (lo - seg.Raw.Start), seg.Text.Start + (hi - seg.Raw.Start)}
			var raw Span
			if in.Text.Len() == in.Raw.Len() {
				raw = Span{in.Raw.Start + (lo - in.Text.Start), in.Raw.Start + (hi - in.Text.Start)}
			} else {
				raw = in.Raw
			}
			out.Add(text, raw)
			lo = hi
		}
	}
	return out
}
