package extract

import (
	"testing"

	"github.com/dyad-events/dyad/internal/doc"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		enc  Decoding
	}{
		{"utf-8", "Zürich “quoted”", "Zürich “quoted”", UTF8},
		{"bom", "\xef\xbb\xbfabc", "abc", UTF8BOM},
		{"latin-1", "Caf\xe9 na\xefve", "Café naïve", Windows1252},
		{"windows-1252 punctuation", "\x93Hi\x94 \x96 \x85 \x80 \x92s", "“Hi” – … € ’s", Windows1252},
		{"utf-16le", "\xff\xfeh\x00i\x00 \x00\x1c\x20", "hi “", UTF16LE},
		{"utf-16be", "\xfe\xff\x00h\x00i", "hi", UTF16BE},
		{"mostly utf-8 with a stray byte", "Zürich Genève Köln \xff ok", "Zürich Genève Köln \uFFFD ok", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m, enc, err := Decode([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || enc != tt.enc {
				t.Fatalf("Decode = %q (%s), want %q (%s)", got, enc, tt.want, tt.enc)
			}
			if m == nil {
				return
			}
			// The whole text maps back to the whole input after any BOM.
			raw, ok := m.Raw(doc.NewSpan(0, len(got)))
			if !ok || int(raw.End) != len(tt.in) {
				t.Fatalf("map covers %v of %d bytes", raw, len(tt.in))
			}
		})
	}
}
