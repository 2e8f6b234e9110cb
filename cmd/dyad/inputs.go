package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/extract"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/watch"
)

// readableExt lists the file endings dyad reads when walking a directory.
var readableExt = map[string]bool{
	".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true,
	".jsonl": true, ".ndjson": true, ".rss": true, ".atom": true, ".xml": true,
	".warc": true,
}

// collectInputs expands the command line into inputs: "-" is standard
// input, an http(s) URL is fetched when it is read, a directory is walked
// (sorted, hidden entries and READMEs skipped) for files dyad can read, a
// file is taken as it is.
func collectInputs(ctx context.Context, e *env, args []string) ([]pipeline.Input, error) {
	var inputs []pipeline.Input
	for _, arg := range args {
		if isURL(arg) {
			inputs = append(inputs, urlInput(ctx, arg))
			continue
		}
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
			if !d.IsDir() && readableExt[strings.ToLower(filepath.Ext(strings.TrimSuffix(name, ".gz")))] && !isReadme(name) {
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

// isReadme reports a corpus's own description (README.txt and the like),
// which a directory walk skips: it is not an article. Named on the command
// line, it is read like any file.
func isReadme(name string) bool {
	return strings.HasPrefix(strings.ToUpper(name), "README")
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

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// fetchTimeout bounds one page or feed download.
const fetchTimeout = time.Minute

// maxFetchBytes bounds one download: the largest feed dyad reads.
const maxFetchBytes = extract.MaxFeedBytes

// urlInput is an input fetched over HTTP when it is opened. The format is
// told from the URL's path and the body's first bytes, as for files.
func urlInput(ctx context.Context, url string) pipeline.Input {
	return pipeline.Input{Name: url, Open: func() (io.ReadCloser, error) {
		ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			cancel()
			return nil, err
		}
		req.Header.Set("User-Agent", watch.UserAgent())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			cancel()
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			cancel()
			return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
		}
		return fetchBody{io.LimitReader(resp.Body, maxFetchBytes), resp.Body, cancel}, nil
	}}
}

// fetchBody is a response body that releases its request when closed.
type fetchBody struct {
	io.Reader
	body   io.Closer
	cancel context.CancelFunc
}

func (b fetchBody) Close() error {
	err := b.body.Close()
	b.cancel()
	return err
}

// inputFlag registers --input, the input format every reading command
// takes.
func inputFlag(fs *flag.FlagSet) *string {
	return fs.String("input", "auto", "input `format`: auto, "+strings.Join(extract.FormatNames(), ", "))
}

// inputFormat reads an --input flag value.
func inputFormat(s string) (pipeline.RunOptions, error) {
	if s == "auto" {
		return pipeline.RunOptions{Auto: true}, nil
	}
	if f, ok := extract.ParseFormat(s); ok {
		return pipeline.RunOptions{Format: f}, nil
	}
	return pipeline.RunOptions{}, usagef("--input %q: want auto, %s", s, strings.Join(extract.FormatNames(), ", "))
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
