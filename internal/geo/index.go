package geo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// The index file is a loaded Gazetteer written out, so that the built-in
// one needs no text parsing, normalising or hashing at start-up. It is
// derived data: genindex writes data/geo/gazetteer.idx from
// data/geo/gazetteer.tsv.gz (go generate ./internal/geo), and a test checks
// that the two agree. Layout, integers as unsigned varints:
//
//	magic "dyadgaz" and a version byte
//	counts: entries, keys, postings, string-table bytes
//	string table: names, admin1 names and keys, each stored once
//	entries: id, feature (0 country, 1 admin1, 2 city; +4 if capital),
//	    country (3 bytes), name and admin1 as string-table offset and
//	    length, population, lat and lon (float64 bits, 8 bytes each)
//	keys, in sorted order: string-table offset and length, posting
//	    count, then that many entry indexes, best first
const indexMagic = "dyadgaz\x01"

// ErrIndex marks an index file that cannot be read.
var ErrIndex = errors.New("bad gazetteer index")

var features = [...]string{FeatureCountry, FeatureAdmin1, FeatureCity}

// WriteIndex writes g in the index format ReadIndex reads.
func (g *Gazetteer) WriteIndex(w io.Writer) error {
	var strs strings.Builder
	offsets := map[string]int{}
	str := func(s string) (int, int) {
		off, ok := offsets[s]
		if !ok {
			off = strs.Len()
			offsets[s] = off
			strs.WriteString(s)
		}
		return off, len(s)
	}
	var body []byte
	uv := func(x uint64) { body = binary.AppendUvarint(body, x) }
	for _, e := range g.entries {
		if len(e.Country) != 3 || e.ID < 0 || e.Population < 0 {
			return fmt.Errorf("geo: entry %d cannot be indexed", e.ID)
		}
		f := 0
		for f < len(features) && features[f] != e.Feature {
			f++
		}
		if f == len(features) {
			return fmt.Errorf("geo: entry %d: unknown feature %q", e.ID, e.Feature)
		}
		if e.Capital {
			f += 4
		}
		uv(uint64(e.ID))
		body = append(body, byte(f))
		body = append(body, e.Country...)
		for _, s := range []string{e.Name, e.Admin1} {
			off, n := str(s)
			uv(uint64(off))
			uv(uint64(n))
		}
		uv(uint64(e.Population))
		body = binary.LittleEndian.AppendUint64(body, math.Float64bits(e.Lat))
		body = binary.LittleEndian.AppendUint64(body, math.Float64bits(e.Lon))
	}
	for i, k := range g.keys {
		off, n := str(k)
		ids := g.post[g.start[i]:g.start[i+1]]
		uv(uint64(off))
		uv(uint64(n))
		uv(uint64(len(ids)))
		for _, x := range ids {
			uv(uint64(x))
		}
	}
	head := []byte(indexMagic)
	for _, n := range []int{len(g.entries), len(g.keys), len(g.post), strs.Len()} {
		head = binary.AppendUvarint(head, uint64(n))
	}
	for _, b := range [][]byte{head, []byte(strs.String()), body} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// indexReader decodes the index from byte at on, remembering the first
// error. (An offset rather than a shrinking slice: no pointer writes.)
type indexReader struct {
	b   []byte
	at  int
	err error
}

func (r *indexReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s at byte %d", ErrIndex, what, r.at)
	}
	r.at = len(r.b)
}

func (r *indexReader) uvarint(what string, limit uint64) uint64 {
	x, n := binary.Uvarint(r.b[r.at:])
	if n <= 0 || x > limit {
		r.fail(what)
		return 0
	}
	r.at += n
	return x
}

func (r *indexReader) bytes(what string, n int) []byte {
	if len(r.b)-r.at < n {
		r.fail(what)
		return make([]byte, n)
	}
	r.at += n
	return r.b[r.at-n : r.at]
}

// ReadIndex reads a gazetteer index file (see WriteIndex). The strings of
// the result share one copy of the file's string table; b is not kept. A
// damaged or truncated file gives an error wrapping ErrIndex.
func ReadIndex(b []byte) (*Gazetteer, error) {
	if !bytes.HasPrefix(b, []byte(indexMagic)) {
		return nil, fmt.Errorf("%w: not a dyad gazetteer index of this version", ErrIndex)
	}
	r := &indexReader{b: b, at: len(indexMagic)}
	size := uint64(len(b))
	nEntries := r.uvarint("entry count", size)
	nKeys := r.uvarint("key count", size)
	nPost := r.uvarint("posting count", size)
	nStrs := r.uvarint("string table size", size)
	strs := string(r.bytes("string table", int(nStrs)))
	if r.err != nil {
		return nil, r.err
	}
	text := func(what string) string {
		off := r.uvarint(what, nStrs)
		n := r.uvarint(what, nStrs-off)
		return strs[off : off+n]
	}
	g := &Gazetteer{entries: make([]Entry, nEntries), keys: make([]string, nKeys),
		start: make([]int32, nKeys+1), post: make([]int32, 0, nPost),
		byCountry: map[string]int32{}, capitals: map[string]int32{}}
	codes := map[[3]byte]string{}
	for i := range g.entries {
		e := &g.entries[i]
		e.ID = int64(r.uvarint("id", math.MaxInt64))
		f := r.bytes("feature", 1)[0]
		if int(f&3) >= len(features) || f > 7 {
			r.fail("feature")
			break
		}
		e.Feature, e.Capital = features[f&3], f&4 != 0
		// a few hundred codes: one string each rather than one per entry
		cc := [3]byte(r.bytes("country", 3))
		if e.Country = codes[cc]; e.Country == "" {
			e.Country = string(cc[:])
			codes[cc] = e.Country
		}
		e.Name = text("name")
		e.Admin1 = text("admin1")
		e.Population = int64(r.uvarint("population", math.MaxInt64))
		e.Lat = math.Float64frombits(binary.LittleEndian.Uint64(r.bytes("latitude", 8)))
		e.Lon = math.Float64frombits(binary.LittleEndian.Uint64(r.bytes("longitude", 8)))
		if r.err != nil {
			return nil, r.err
		}
		// As Load does: one country entry per code, the most populous seat.
		if e.Feature == FeatureCountry {
			g.byCountry[e.Country] = int32(i)
		}
		if e.Capital {
			if old, ok := g.capitals[e.Country]; !ok || g.entries[old].Population < e.Population {
				g.capitals[e.Country] = int32(i)
			}
		}
	}
	for i := range g.keys {
		g.keys[i] = text("key")
		if i > 0 && g.keys[i] <= g.keys[i-1] {
			r.fail("key order")
		}
		g.start[i] = int32(len(g.post))
		n := r.uvarint("posting count", nPost-uint64(len(g.post)))
		for range n {
			x := r.uvarint("entry index", nEntries)
			if x == nEntries {
				r.fail("entry index")
			}
			g.post = append(g.post, int32(x))
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	g.start[nKeys] = int32(len(g.post))
	if r.err == nil && (r.at != len(r.b) || uint64(len(g.post)) != nPost) {
		r.fail("length")
	}
	if r.err != nil {
		return nil, r.err
	}
	return g, nil
}
