package extract

import (
	"bytes"
	"errors"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/doc"
)

// ErrBinary is returned for input that is not text in any encoding we read.
var ErrBinary = errors.New("input looks like binary data, not text")

// ErrEmpty is returned for input with no text in it.
var ErrEmpty = errors.New("input is empty")

// Decoding is what Decode found the input's encoding to be.
type Decoding string

const (
	UTF8        Decoding = "utf-8"
	UTF8BOM     Decoding = "utf-8 (BOM)"
	UTF16LE     Decoding = "utf-16le"
	UTF16BE     Decoding = "utf-16be"
	Windows1252 Decoding = "windows-1252"
)

// Decode turns raw bytes into UTF-8 text. It honours UTF-8 and UTF-16 byte
// order marks; otherwise valid UTF-8 is taken as it is, and anything else as
// Windows-1252 (a superset of Latin-1's printable range, and what mislabelled
// "Latin-1" on the web almost always is). The returned map leads from the
// text back to raw; it is nil when the two are byte-identical.
func Decode(raw []byte) (string, doc.OffsetMap, Decoding, error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		body := raw[3:]
		s := string(body)
		if !utf8.Valid(body) {
			s = string(bytes.ToValidUTF8(body, []byte("\uFFFD")))
			return s, nil, UTF8BOM, checkText(s)
		}
		return s, doc.OffsetMap{{Text: doc.NewSpan(0, len(s)), Raw: doc.NewSpan(3, len(raw))}}, UTF8BOM, checkText(s)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		s, m := decodeUTF16(raw, false)
		return s, m, UTF16LE, checkText(s)
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		s, m := decodeUTF16(raw, true)
		return s, m, UTF16BE, checkText(s)
	}
	if utf8.Valid(raw) {
		s := string(raw)
		return s, nil, UTF8, checkText(s)
	}
	if mostlyUTF8(raw) {
		// A few stray bytes in otherwise UTF-8 text: keep the UTF-8 and mark
		// the damage rather than reinterpret every accented letter.
		s, m := repairUTF8(raw)
		return s, m, UTF8, checkText(s)
	}
	s, m := decode1252(raw)
	return s, m, Windows1252, checkText(s)
}

// checkText rejects empty and binary input. Control characters other than
// white space are rare in text and common in binary formats.
func checkText(s string) error {
	if len(bytes.TrimSpace([]byte(s))) == 0 {
		return ErrEmpty
	}
	if controlShare(s[:min(len(s), 1<<16)]) > 0.01 {
		return ErrBinary
	}
	return nil
}

// controlShare is the share of control bytes other than white space in b:
// rare in text in any encoding, common in images and archives.
func controlShare[T string | []byte](b T) float64 {
	if len(b) == 0 {
		return 0
	}
	bad := 0
	for i := 0; i < len(b); i++ {
		if c := b[i]; c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			bad++
		}
	}
	return float64(bad) / float64(len(b))
}

// mostlyUTF8 reports whether raw has many valid multi-byte sequences and
// few invalid bytes.
func mostlyUTF8(raw []byte) bool {
	multi, invalid := 0, 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi >= 2*invalid && multi > 0
}

func repairUTF8(raw []byte) (string, doc.OffsetMap) {
	var b []byte
	var g doc.OffsetMap
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		start := len(b)
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, raw[i:i+size]...)
		}
		g.Add(doc.NewSpan(start, len(b)), doc.NewSpan(i, i+size))
		i += size
	}
	return string(b), g
}

// cp1252 maps bytes 0x80–0x9F; the five bytes Windows-1252 leaves undefined
// keep their Latin-1 control code points.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func decode1252(raw []byte) (string, doc.OffsetMap) {
	b := make([]byte, 0, len(raw)+len(raw)/8)
	var g doc.OffsetMap
	for i, c := range raw {
		start := len(b)
		switch {
		case c < 0x80:
			b = append(b, c)
		case c < 0xA0:
			b = utf8.AppendRune(b, cp1252[c-0x80])
		default:
			b = utf8.AppendRune(b, rune(c))
		}
		g.Add(doc.NewSpan(start, len(b)), doc.NewSpan(i, i+1))
	}
	return string(b), g
}

func decodeUTF16(raw []byte, bigEndian bool) (string, doc.OffsetMap) {
	body := raw[2:]
	var b []byte
	var g doc.OffsetMap
	units := make([]uint16, 0, 2)
	for i := 0; i+1 < len(body); {
		u := uint16(body[i])<<8 | uint16(body[i+1])
		if !bigEndian {
			u = uint16(body[i+1])<<8 | uint16(body[i])
		}
		units = append(units[:0], u)
		width := 2
		if utf16.IsSurrogate(rune(u)) && i+3 < len(body) {
			v := uint16(body[i+2])<<8 | uint16(body[i+3])
			if !bigEndian {
				v = uint16(body[i+3])<<8 | uint16(body[i+2])
			}
			units = append(units, v)
			width = 4
		}
		start := len(b)
		for _, r := range utf16.Decode(units) {
			b = utf8.AppendRune(b, r)
		}
		g.Add(doc.NewSpan(start, len(b)), doc.NewSpan(i+2, i+2+width))
		i += width
	}
	return string(b), g
}
