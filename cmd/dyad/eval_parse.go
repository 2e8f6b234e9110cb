package main

import (
	"encoding/json"

	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/parse"
	"github.com/dyad-events/dyad/internal/text"
)

// evalParse scores the embedded parser on a CoNLL-U file's own words,
// tagged by dyad's tagger (never the file's gold tags).
func evalParse(e *env, goldPath string, asJSON bool) error {
	tagger, err := text.NewTagger()
	if err != nil {
		return err
	}
	p, err := parse.Builtin()
	if err != nil {
		return err
	}
	sents, err := treebankSentences(goldPath, tagger, false)
	if err != nil {
		return err
	}
	rep, err := scoreParser(p, sents)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(rep.JSON())
	}
	return eval.WriteParseText(e.stdout, rep)
}
