package event

import (
	"io/fs"
	"path"

	"github.com/dyad-events/dyad/data"
)

// Builtin reads dyad's own embedded verb-pattern dictionary.
func Builtin() (*Dict, error) {
	names, err := fs.Glob(data.Verbs, "verbs/*.txt")
	if err != nil {
		return nil, err
	}
	var files []File
	for _, n := range names {
		f, err := data.Verbs.Open(n)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		files = append(files, File{R: f, Origin: path.Join("data", n)})
	}
	return Parse(files...)
}
