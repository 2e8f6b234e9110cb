package dedup

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
)

const (
	// NumHashes is the number of MinHash permutations in a Signature.
	NumHashes = 128

	// ShingleSize is the number of consecutive words in one shingle. Two
	// words survive synonym spinning much better than longer shingles: a
	// single swapped word destroys only two shingles, yet bigrams are still
	// specific enough to keep different reports on one topic apart.
	ShingleSize = 2

	// BandRows is the number of signature rows hashed into one band key and
	// NumBands the number of bands; NumBands*BandRows == NumHashes. With
	// 64 bands of 2 rows a pair with Jaccard 0.25 becomes a candidate with
	// probability 1-(1-0.25²)^64 ≈ 0.98 and shares two bands or more with
	// probability about 0.91, as the store asks.
	BandRows = 2
	NumBands = NumHashes / BandRows

	// Threshold is the estimated Jaccard similarity at or above which two
	// articles are treated as the same story. Measured with the package
	// tests (function words dropped): a syndicated copy scores ≈0.86, a
	// content-farm rewrite (a fifth of the words swapped, a paragraph
	// dropped) ≈0.30, an independent report on the same summit ≈0.08; in
	// the BBC corpus every pair at or above 0.25 shares copied paragraphs.
	// The MinHash estimate has a standard error of about 0.04 near 0.3
	// with 128 hashes.
	Threshold = 0.25

	// emptySlot marks a slot that saw no shingle. A Signature whose slots
	// are all emptySlot is the signature of an empty text.
	emptySlot = math.MaxUint32

	paramSeed = 0x6479616464656475 // fixed seed for the permutation constants
)

// Signature is a MinHash signature: slot i holds the minimum of the i-th
// hash permutation over all shingles of the text. The signature of a text
// without any word has every slot set to MaxUint32; it is similar to
// nothing (Similarity returns 0), has no band keys, and never matches.
type Signature [NumHashes]uint32

// SignatureBytes is the length of Signature.Bytes.
const SignatureBytes = NumHashes * 4

// Bytes encodes s as SignatureBytes bytes, little-endian uint32 per slot.
func (s Signature) Bytes() []byte {
	out := make([]byte, SignatureBytes)
	for i, v := range s {
		binary.LittleEndian.PutUint32(out[i*4:], v)
	}
	return out
}

// SignatureFromBytes decodes the output of Signature.Bytes.
func SignatureFromBytes(b []byte) (Signature, error) {
	var s Signature
	if len(b) != SignatureBytes {
		return s, fmt.Errorf("dedup: signature blob has %d bytes, want %d", len(b), SignatureBytes)
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	return s, nil
}

// IsEmpty reports whether s is the signature of a text with no words.
func (s Signature) IsEmpty() bool {
	for _, v := range s {
		if v != emptySlot {
			return false
		}
	}
	return true
}

// params holds the multipliers (odd) and offsets of the NumHashes
// permutations h_i(x) = (a_i*x + b_i) >> 32 over uint64 arithmetic.
type params struct {
	a, b [NumHashes]uint64
}

// permutationParams derives the permutation constants deterministically
// from paramSeed with splitmix64. It returns a value, so there is no shared
// mutable state; the cost (a few hundred ns) is small next to hashing.
func permutationParams() params {
	var p params
	x := uint64(paramSeed)
	next := func() uint64 {
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	for i := range p.a {
		p.a[i] = next() | 1
		p.b[i] = next()
	}
	return p
}

// Sign computes the MinHash signature of text. The text is normalised
// (lower-cased, apostrophes and full stops removed inside words so that
// "U.S." and "US" agree, every other punctuation or symbol treated as a
// word break, digits kept) and split into words; the shingles are runs of
// ShingleSize consecutive words. A text with fewer than ShingleSize words
// uses its single words as shingles; a text with no words returns the empty
// signature (see Signature).
func Sign(text string) Signature {
	buf, ends := dropStopwords(normalize(text))
	var sig Signature
	for i := range sig {
		sig[i] = emptySlot
	}
	if len(ends) == 0 {
		return sig
	}
	k := ShingleSize
	if len(ends) < k {
		k = 1
	}
	// Hash each shingle once; duplicates do not change a minimum, so they
	// are dropped before the NumHashes cheap permutations are applied.
	hs := make([]uint64, 0, len(ends)-k+1)
	start := 0 // byte offset of the first word of the current shingle
	for i := 0; i+k <= len(ends); i++ {
		hs = append(hs, xxh3.Hash(buf[start:ends[i+k-1]]))
		start = ends[i] + 1 // skip the single space separator
	}
	slices.Sort(hs)
	hs = slices.Compact(hs)
	p := permutationParams()
	// Four slots at a time keeps four independent minimum chains in
	// registers (NumHashes is a multiple of 4).
	for j := 0; j < NumHashes; j += 4 {
		a0, a1, a2, a3 := p.a[j], p.a[j+1], p.a[j+2], p.a[j+3]
		b0, b1, b2, b3 := p.b[j], p.b[j+1], p.b[j+2], p.b[j+3]
		m0, m1, m2, m3 := uint64(emptySlot), uint64(emptySlot), uint64(emptySlot), uint64(emptySlot)
		for _, h := range hs {
			m0 = min(m0, (a0*h+b0)>>32)
			m1 = min(m1, (a1*h+b1)>>32)
			m2 = min(m2, (a2*h+b2)>>32)
			m3 = min(m3, (a3*h+b3)>>32)
		}
		sig[j], sig[j+1], sig[j+2], sig[j+3] = uint32(m0), uint32(m1), uint32(m2), uint32(m3)
	}
	return sig
}

// normalize lower-cases text into a buffer of words separated by single
// spaces and returns the buffer with the end offset of each word.
func normalize(text string) ([]byte, []int) {
	buf := make([]byte, 0, len(text))
	ends := make([]int, 0, len(text)/5)
	inWord := false
	// Invalid UTF-8 bytes decode as U+FFFD, which is neither a letter nor a
	// digit, so they break words like any other symbol.
	for i, r := range text {
		if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z') {
			// ASCII fast path for the common case.
			if !inWord && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			inWord = true
			if r <= 'Z' && r >= 'A' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
			continue
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if !inWord && len(buf) > 0 {
				buf = append(buf, ' ')
			}
			inWord = true
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case isJoiner(r) || (r == ',' && inWord && nextIsDigit(text, i+1) && prevIsDigit(buf)):
			// removed without breaking the word: U.S. -> us, Kerry's -> kerrys,
			// 1,400 -> 1400
		default:
			if inWord {
				ends = append(ends, len(buf))
				inWord = false
			}
		}
	}
	if inWord {
		ends = append(ends, len(buf))
	}
	return buf, ends
}

// isJoiner reports runes dropped inside words: full stops and the various
// apostrophes and right single quotes.
func isJoiner(r rune) bool {
	switch r {
	case '.', '\'', '\u2019', '\u2018', '\u02bc', '\u00b4', '`', '\u2032':
		return true
	}
	return false
}

func nextIsDigit(text string, i int) bool {
	return i < len(text) && text[i] >= '0' && text[i] <= '9'
}

func prevIsDigit(buf []byte) bool {
	return len(buf) > 0 && buf[len(buf)-1] >= '0' && buf[len(buf)-1] <= '9'
}

// dropStopwords removes function words from the normalised word list.
// Shingles such as "of the" are shared by nearly every pair of news
// texts; keeping them raises the similarity of unrelated articles, and
// with it the number of LSH candidates a store has to check for each new
// article, which then grows with the store. A text made only of function
// words keeps them.
func dropStopwords(buf []byte, ends []int) ([]byte, []int) {
	out := make([]byte, 0, len(buf))
	kept := make([]int, 0, len(ends))
	start := 0
	for _, end := range ends {
		w := buf[start:end]
		start = end + 1
		if isStopword(string(w)) {
			continue
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, w...)
		kept = append(kept, len(out))
	}
	if len(kept) == 0 {
		return buf, ends
	}
	return out, kept
}

// isStopword reports English function words; a switch keeps the list
// constant without a package-level map.
func isStopword(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "into",
		"about", "after", "before", "over", "under", "than", "then", "that", "this", "these", "those", "there", "here",
		"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would",
		"can", "could", "should", "may", "might", "must", "shall", "not", "no", "it", "its", "he", "she", "they", "them",
		"his", "her", "their", "we", "our", "you", "your", "i", "me", "my", "who", "whom", "which", "what", "when",
		"where", "why", "how", "also", "so", "such", "said", "says", "say", "up", "out", "more", "most", "all", "any",
		"some", "one", "two", "new", "mr", "mrs", "ms", "would've", "s":
		return true
	}
	return false
}

// Similarity estimates the Jaccard similarity of the shingle sets behind a
// and b as the fraction of equal slots. It is 0 when either is empty.
func Similarity(a, b Signature) float64 {
	if a.IsEmpty() || b.IsEmpty() {
		return 0
	}
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / NumHashes
}

// Bands returns the NumBands LSH band keys of s: key i hashes rows
// i*BandRows … i*BandRows+BandRows-1 together with i, and carries the band
// index in its top 8 bits so keys of different bands never collide. Two
// signatures sharing any key are candidates for Similarity. The empty
// signature has no band keys (nil).
func Bands(s Signature) []uint64 {
	if s.IsEmpty() {
		return nil
	}
	keys := make([]uint64, NumBands)
	var buf [4 + 4*BandRows]byte
	for band := range keys {
		binary.LittleEndian.PutUint32(buf[:4], uint32(band))
		for r := 0; r < BandRows; r++ {
			binary.LittleEndian.PutUint32(buf[4+4*r:], s[band*BandRows+r])
		}
		keys[band] = uint64(band)<<56 | xxh3.Hash(buf[:])&(1<<56-1)
	}
	return keys
}

// Index is an in-memory LSH index of the most recently added signatures,
// at most limit of them: when full, the older half is forgotten. Each band
// key remembers only the latest signature that has it, which keeps the
// index at one number per key; a near-duplicate still finds its story
// through the latest member of it. It is not safe for concurrent use.
type Index struct {
	limit int
	bands map[uint64]int32 // band key -> slot of the latest signature with it
	slots []indexed
}

type indexed struct {
	id  string
	sig Signature
}

// A near-duplicate shares several bands: with 64 bands of 2 rows, a pair
// at Threshold (0.25) shares at least two with probability about 0.91,
// while unrelated articles almost never do. Only the best-voted few are
// compared in full.
const (
	minSharedBands = 2
	maxCandidates  = 16
)

// NewIndex returns an empty Index holding at most limit signatures; a
// limit below 1 means no limit.
func NewIndex(limit int) *Index {
	return &Index{limit: limit, bands: make(map[uint64]int32)}
}

// Len returns the number of signatures held.
func (x *Index) Len() int { return len(x.slots) }

// Add records s under id. Empty signatures are kept but can never match.
func (x *Index) Add(id string, s Signature) {
	if x.limit > 0 && len(x.slots) >= x.limit {
		keep := x.slots[len(x.slots)/2:]
		x.slots = append(make([]indexed, 0, x.limit), keep...)
		x.bands = make(map[uint64]int32, len(x.slots)*NumBands)
		for i := range x.slots {
			for _, b := range Bands(x.slots[i].sig) {
				x.bands[b] = int32(i)
			}
		}
	}
	slot := int32(len(x.slots))
	x.slots = append(x.slots, indexed{id: id, sig: s})
	for _, b := range Bands(s) {
		x.bands[b] = slot
	}
}

// Match returns the id of the most similar signature held that shares at
// least two bands with s and whose estimated similarity is at least
// Threshold; ties go to the latest added. ok is false when there is none.
func (x *Index) Match(s Signature) (id string, sim float64, ok bool) {
	type vote struct {
		slot  int32
		count int
	}
	var votes []vote // few: most band keys are unique to one article
	for _, b := range Bands(s) {
		slot, found := x.bands[b]
		if !found {
			continue
		}
		i := 0
		for i < len(votes) && votes[i].slot != slot {
			i++
		}
		if i == len(votes) {
			votes = append(votes, vote{slot: slot})
		}
		votes[i].count++
	}
	best, checked := int32(-1), 0
	for _, v := range votes {
		if v.count < minSharedBands || checked >= maxCandidates {
			continue
		}
		checked++
		sv := Similarity(s, x.slots[v.slot].sig)
		if sv >= Threshold && (best < 0 || sv > sim || sv == sim && v.slot > best) {
			best, sim = v.slot, sv
		}
	}
	if best < 0 {
		return "", 0, false
	}
	return x.slots[best].id, sim, true
}
