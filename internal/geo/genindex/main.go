// Command genindex writes data/geo/gazetteer.idx, the precomputed index
// the binary embeds, from data/geo/gazetteer.tsv.gz. go generate runs it
// in internal/geo after the gazetteer itself is regenerated; the geo
// tests fail while the two disagree.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"

	"github.com/dyad-events/dyad/internal/geo"
)

func main() {
	in := flag.String("in", "../../data/geo/gazetteer.tsv.gz", "gazetteer `FILE` (gzipped TSV)")
	out := flag.String("out", "../../data/geo/gazetteer.idx", "index `FILE` to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genindex:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	g, err := geo.Load(zr, in)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := g.WriteIndex(&b); err != nil {
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}
