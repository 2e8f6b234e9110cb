package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/dyad-events/dyad/internal/actor"
	"github.com/dyad-events/dyad/internal/doc"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/pipeline"
)

// dictFlags are the dictionary flags every coding command takes.
type dictFlags struct {
	actors, agents, verbs fileList
}

func (d *dictFlags) register(fs *flag.FlagSet) {
	fs.Var(&d.actors, "actors", "load a PETRARCH-format actor dictionary `FILE` instead of the built-in actors (repeatable)")
	fs.Var(&d.agents, "agents", "load a PETRARCH-format agent dictionary `FILE` instead of the built-in agents (repeatable)")
	fs.Var(&d.verbs, "verbs", "load a verb-pattern dictionary `FILE` (PETRARCH2 or dyad format) instead of the built-in verbs (repeatable)")
}

// load reads the dictionaries the flags name into coder options; nil
// fields mean the built-in dictionaries. Files that are missing or
// malformed are usage errors: the command line named them.
func (d *dictFlags) load() (pipeline.Options, error) {
	var opts pipeline.Options
	var err error
	if len(d.actors) > 0 || len(d.agents) > 0 {
		if opts.Actors, err = loadPetrarch(d.actors, d.agents); err != nil {
			return opts, err
		}
	}
	if len(d.verbs) > 0 {
		if opts.Verbs, err = loadVerbs(d.verbs); err != nil {
			return opts, err
		}
	}
	return opts, nil
}

// fileList is a repeatable flag: each use adds a path.
type fileList []string

func (l *fileList) String() string { return strings.Join(*l, ",") }

func (l *fileList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// maxDictErrors bounds the dictionary errors shown; the rest are counted.
const maxDictErrors = 10

// dictError turns a dictionary reader's error into a usage error that
// lists the first problems by file and line.
func dictError(err error) error {
	var list doc.ErrorList
	if errors.As(err, &list) {
		var b strings.Builder
		b.WriteString("the dictionaries have errors:")
		for i, e := range list {
			if i == maxDictErrors {
				fmt.Fprintf(&b, "\n  ... and %d more", len(list)-i)
				break
			}
			fmt.Fprintf(&b, "\n  %s", e)
		}
		return usagef("%s", b.String())
	}
	return usagef("reading dictionaries: %v", err)
}

// loadPetrarch builds the actor dictionary from PETRARCH-format files on
// top of the built-in one.
func loadPetrarch(actorPaths, agentPaths []string) (*actor.Dict, error) {
	var opened []*os.File
	defer func() {
		for _, f := range opened {
			f.Close()
		}
	}()
	open := func(flag string, paths []string) ([]doc.DataFile, error) {
		var out []doc.DataFile
		for _, p := range paths {
			f, err := os.Open(p)
			if err != nil {
				return nil, usagef("--%s: %v", flag, err)
			}
			opened = append(opened, f)
			out = append(out, doc.DataFile{R: bufio.NewReader(f), Origin: p})
		}
		return out, nil
	}
	actors, err := open("actors", actorPaths)
	if err != nil {
		return nil, err
	}
	agents, err := open("agents", agentPaths)
	if err != nil {
		return nil, err
	}
	base, err := actor.Builtin()
	if err != nil {
		return nil, err
	}
	d, err := actor.LoadPetrarch(base, actors, agents)
	if err != nil {
		return nil, dictError(err)
	}
	return d, nil
}

// loadVerbs reads verb dictionaries, telling the two formats apart by
// their first entry line: dyad's start "verb", "noun" or "set"; anything
// else is read as PETRARCH's. All files must be of one format.
func loadVerbs(paths []string) (*event.Dict, error) {
	var own, petr []event.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, usagef("--verbs: %v", err)
		}
		f := event.File{R: bytes.NewReader(data), Origin: p}
		if event.IsOwnFormat(data) {
			own = append(own, f)
		} else {
			petr = append(petr, f)
		}
	}
	if len(own) > 0 && len(petr) > 0 {
		return nil, usagef("--verbs: %s is in dyad's format and %s in PETRARCH's; give files of one format", own[0].Origin, petr[0].Origin)
	}
	var d *event.Dict
	var err error
	if len(own) > 0 {
		d, err = event.Parse(own...)
	} else {
		d, err = event.ParsePetrarch(petr...)
	}
	if err != nil {
		return nil, dictError(err)
	}
	return d, nil
}
