package learn

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// The model file, little-endian throughout:
//
//	magic "DYADLRN\x00", u32 version
//	str kind, str notes (u32 length + bytes each)
//	u32 labels, then each label as a str
//	f32 scale, u32 features, u32 weights
//	features × u64 key, features × u16 count
//	weights × u16 class, weights × i16 weight
//	u32 CRC-32C of everything before it
//
// Arrays rather than records, so that reading is a few bulk copies.
const (
	magic   = "DYADLRN\x00"
	version = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrFormat is wrapped by every error Read returns for a file that is not
// a usable model, so callers can tell a bad file from other failures.
var ErrFormat = errors.New("not a usable dyad model")

// WriteTo writes the model in its file format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: bufio.NewWriter(w), crc: crc32.New(castagnoli)}
	cw.bytes([]byte(magic))
	cw.u32(version)
	cw.str(m.Header.Kind)
	cw.str(m.Header.Notes)
	cw.u32(uint32(len(m.Header.Labels)))
	for _, l := range m.Header.Labels {
		cw.str(l)
	}
	cw.u32(math.Float32bits(m.scale))
	feats := m.keyOrder()
	cw.u32(uint32(len(feats)))
	cw.u32(uint32(len(m.pairs)))
	buf := make([]byte, 0, 1<<16)
	flush := func() { cw.bytes(buf); buf = buf[:0] }
	for _, f := range feats {
		buf = binary.LittleEndian.AppendUint64(buf, f.key)
		if len(buf) >= 1<<16-8 {
			flush()
		}
	}
	flush()
	for _, f := range feats {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(f.hi-f.lo))
		if len(buf) >= 1<<16-8 {
			flush()
		}
	}
	flush()
	for _, p := range m.pairs {
		buf = binary.LittleEndian.AppendUint16(buf, p.class)
		if len(buf) >= 1<<16-8 {
			flush()
		}
	}
	flush()
	for _, p := range m.pairs {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(p.w))
		if len(buf) >= 1<<16-8 {
			flush()
		}
	}
	flush()
	sum := cw.crc.Sum32()
	cw.crc = nil
	cw.u32(sum)
	if cw.err == nil {
		cw.err = cw.w.Flush()
	}
	return cw.n, cw.err
}

type countingWriter struct {
	w   *bufio.Writer
	crc hashWriter
	n   int64
	err error
}

type hashWriter interface {
	io.Writer
	Sum32() uint32
}

func (c *countingWriter) bytes(b []byte) {
	if c.err != nil {
		return
	}
	if c.crc != nil {
		c.crc.Write(b)
	}
	n, err := c.w.Write(b)
	c.n += int64(n)
	c.err = err
}

func (c *countingWriter) u32(v uint32) { c.bytes(binary.LittleEndian.AppendUint32(nil, v)) }

func (c *countingWriter) str(s string) {
	c.u32(uint32(len(s)))
	c.bytes([]byte(s))
}

// reader takes bytes off a model file, remembering the first problem.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.pos {
		r.err = fmt.Errorf("%w: truncated at byte %d", ErrFormat, r.pos)
		return nil
	}
	b := r.b[r.pos : r.pos+n]
	r.pos += n
	return b
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) str() string { return string(r.take(int(r.u32()))) }

// Read decodes a model file. A file that is damaged, truncated, of
// another version or not a model at all is refused with an error that
// says which (wrapping ErrFormat); Read never panics on bad bytes.
func Read(data []byte) (*Model, error) {
	if len(data) < len(magic)+8 || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: no model header", ErrFormat)
	}
	r := &reader{b: data[:len(data)-4], pos: len(magic)}
	if v := r.u32(); v != version {
		return nil, fmt.Errorf("%w: file format version %d, this dyad reads version %d (retrain with dyad train)", ErrFormat, v, version)
	}
	if want, got := binary.LittleEndian.Uint32(data[len(data)-4:]), crc32.Checksum(data[:len(data)-4], castagnoli); want != got {
		return nil, fmt.Errorf("%w: checksum mismatch (file damaged)", ErrFormat)
	}
	var h Header
	h.Kind = r.str()
	h.Notes = r.str()
	nLabels := r.u32()
	if nLabels == 0 || nLabels > math.MaxUint16 {
		return nil, fmt.Errorf("%w: %d classes", ErrFormat, nLabels)
	}
	for range nLabels {
		if r.err != nil {
			break
		}
		h.Labels = append(h.Labels, r.str())
	}
	scale := math.Float32frombits(r.u32())
	nFeat, nWeights := int(r.u32()), int(r.u32())
	if r.err == nil && (uint64(nFeat)*10+uint64(nWeights)*4 != uint64(len(r.b)-r.pos)) {
		return nil, fmt.Errorf("%w: %d features and %d weights do not fit the file's %d bytes", ErrFormat, nFeat, nWeights, len(r.b)-r.pos)
	}
	if r.err != nil {
		return nil, r.err
	}
	if math.IsNaN(float64(scale)) || math.IsInf(float64(scale), 0) || scale <= 0 {
		return nil, fmt.Errorf("%w: weight scale %v", ErrFormat, scale)
	}
	// Keys and counts are read in place: the model keeps only its table.
	kb, cb := r.take(8*nFeat), r.take(2*nFeat)
	// Classes and weights go straight into the pairs the model scores
	// with: one array, not three, for a model of millions of weights.
	pairs := make([]pair, nWeights)
	classes, weights := r.take(2*nWeights), r.take(2*nWeights)
	for i := range pairs {
		pairs[i] = pair{binary.LittleEndian.Uint16(classes[2*i:]), int16(binary.LittleEndian.Uint16(weights[2*i:]))}
	}
	m, err := buildRaw(h, scale, kb, cb, pairs)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return m, nil
}
