package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dyad-events/dyad/internal/pipeline"
)

// readableExt lists the file endings dyad reads when walking a directory.
var readableExt = map[string]bool{
	".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true,
	".jsonl": true, ".ndjson": true,
}

// collectInputs expands the command line into inputs: "-" is standard
// input, a directory is walked (sorted, hidden entries skipped) for files
// dyad can read, a file is taken as it is.
func collectInputs(e *env, args []string) ([]pipeline.Input, error) {
	var inputs []pipeline.Input
	for _, arg := range args {
		if arg == "-" {
			stdin := e.stdin
			inputs = append(inputs, pipeline.Input{Name: "<stdin>", Open: func() (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			return nil, usagef("cannot read %s: %v", arg, errText(err))
		}
		if !info.IsDir() {
			inputs = append(inputs, fileInput(arg))
			continue
		}
		var found []string
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != arg && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && readableExt[strings.ToLower(filepath.Ext(strings.TrimSuffix(name, ".gz")))] {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, usagef("%s has no files dyad reads (%s)", arg, extList())
		}
		sort.Strings(found)
		for _, p := range found {
			inputs = append(inputs, fileInput(p))
		}
	}
	return inputs, nil
}

func fileInput(path string) pipeline.Input {
	return pipeline.Input{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

func extList() string {
	exts := make([]string, 0, len(readableExt))
	for e := range readableExt {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	return strings.Join(exts, " ") + ", optionally .gz"
}

// errText drops the "stat path:" prefix Go puts on file errors.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// totalSize is the summed size of the inputs that are files, 0 when any
// is not (standard input, a URL): then no share of the work can be told.
func totalSize(inputs []pipeline.Input) int64 {
	var n int64
	for _, in := range inputs {
		info, err := os.Stat(in.Name)
		if err != nil {
			return 0
		}
		n += info.Size()
	}
	return n
}
