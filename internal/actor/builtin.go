package actor

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/dyad-events/dyad/data"
)

// Builtin loads dyad's own dictionaries, embedded from data/actors.
func Builtin() (*Dict, error) {
	names, err := fs.Glob(data.Actors, "actors/*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	d := &Dict{}
	for _, name := range names {
		b, err := data.Actors.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if _, err := parseInto(d, bytes.NewReader(b), "data/"+name); err != nil {
			return nil, fmt.Errorf("built-in dictionary: %w", err)
		}
	}
	return d, nil
}

// GivenNames is the embedded list of personal given names.
func GivenNames() ([]string, error) {
	b, err := data.Names.ReadFile("names/given.txt")
	if err != nil {
		return nil, err
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

// Without returns a copy of d without the entries of the given kinds, so
// that loaded dictionaries can replace the built-in ones of a kind.
func (d *Dict) Without(kinds ...Kind) *Dict {
	drop := map[Kind]bool{}
	for _, k := range kinds {
		drop[k] = true
	}
	out := &Dict{}
	remap := make([]int32, len(d.Entries))
	for i, e := range d.Entries {
		if drop[e.Kind] {
			remap[i] = -1
			continue
		}
		remap[i] = int32(len(out.Entries))
		out.Entries = append(out.Entries, e)
	}
	for _, p := range d.Phrases {
		if r := remap[p.Entry]; r >= 0 {
			p.Entry = r
			out.Phrases = append(out.Phrases, p)
		}
	}
	return out
}
