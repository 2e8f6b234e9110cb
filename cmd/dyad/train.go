package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/dyad-events/dyad/internal/learn"
)

const trainUsage = `
Usage: dyad train pos|parse|ner [--data PATH] [--out FILE] [flags]

Trains one of dyad's statistical models from public data and writes a
model file. The models dyad embeds were made this way (data/models); a
model written elsewhere is used by nothing until it replaces that file
and dyad is rebuilt.

Models:
  pos     part-of-speech tagger (Penn Treebank tags) from UD English EWT
  parse   dependency parser (UD relations) from UD English EWT, with
          dyad's own predicted POS tags so training sees what runs
  ner     name recogniser (PER/ORG/LOC/MISC) from CoNLL++ train

Examples:
  dyad train pos   --data ../shared/treebanks/ud_english_ewt --out data/models/pos.model
  dyad train parse --data ../shared/treebanks/ud_english_ewt --out data/models/parse.model
  dyad train ner   --data ../shared/gold/ner/conllpp_train.conll --out data/models/ner.model
`

func runTrain(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fs := newFlagSet(e, "train", trainUsage)
		_, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		return usagef("train needs a model: pos, parse or ner (see 'dyad train --help')")
	}
	switch args[0] {
	case "pos":
		return trainPOS(ctx, e, args[1:])
	case "parse":
		return trainParse(ctx, e, args[1:])
	case "ner":
		return trainNER(ctx, e, args[1:])
	default:
		return usagef("train: unknown model %q; want pos, parse or ner", args[0])
	}
}

// writeModel writes m to path through a temporary file renamed into
// place, so an interrupted run never leaves half a model where dyad
// embeds it, and returns the file's size.
func writeModel(path string, m *learn.Model) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, err
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, err
	}
	return n, nil
}
