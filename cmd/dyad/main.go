// Command dyad turns news articles into political event data: who did what
// to whom, when, where, and who said so, with the evidence for each claim.
//
// Each subcommand lives in its own file; this one dispatches and maps
// errors to exit codes in one place.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

// Exit codes, the same for every subcommand.
const (
	exitOK      = 0
	exitFailure = 1 // the command could not do its job
	exitUsage   = 2 // bad flags or arguments
	exitPartial = 3 // done, but some inputs could not be read
)

// usageError marks errors in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errPartial reports that some inputs failed while the rest were processed;
// the failures were already printed.
type errPartial struct{ failed, total int }

func (e errPartial) Error() string {
	return fmt.Sprintf("%d of %d inputs could not be read (see messages above)", e.failed, e.total)
}

// command is one subcommand: its name, a line for the overview, and run.
type command struct {
	name, summary string
	run           func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch of the outside world, passed in so tests
// can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stderrIsTTY    bool
}

func commands() []command {
	return []command{
		{"code", "code articles into the JSON output contract", runCode},
		{"bench", "measure throughput per stage on any corpus", runBench},
		{"eval", "score dyad against a gold set", runEval},
		{"ingest", "code articles into the event database (--store)", runIngest},
		{"query", "find events in the event database", runQuery},
		{"export", "write events as GDELT TSV, JSONL or CSV", runExport},
		{"watch", "poll news feeds and ingest their new items", runWatch},
		{"train", "train the tagger, parser or name recogniser", runTrain},
	}
}

const overview = `dyad turns news articles into political event data: who did what to whom,
when, where, and who said so, with the evidence for every claim.

Usage:
  dyad <command> [flags] [arguments]

Commands:
%s
Run 'dyad <command> --help' for a command's flags and examples.

Start here:
  dyad code --format pretty examples/     code the bundled example articles
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, stderrIsTTY: isTerminal(os.Stderr)}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, e *env, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run(ctx, e, []string{args[1], "--help"})
		}
		var list strings.Builder
		for _, c := range cmds {
			fmt.Fprintf(&list, "  %-8s %s\n", c.name, c.summary)
		}
		w := e.stdout
		code := exitOK
		if len(args) == 0 {
			w, code = e.stderr, exitUsage
		}
		fmt.Fprintf(w, overview, list.String())
		return code
	}
	for _, c := range cmds {
		if c.name == args[0] {
			return exitCode(e, c.run(ctx, e, args[1:]))
		}
	}
	fmt.Fprintf(e.stderr, "dyad: unknown command %q; run 'dyad help' for the list\n", args[0])
	return exitUsage
}

func exitCode(e *env, err error) int {
	var ue usageError
	var pe errPartial
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "dyad: %s\n", ue.msg)
		return exitUsage
	case errors.As(err, &pe):
		fmt.Fprintf(e.stderr, "dyad: %s\n", pe)
		return exitPartial
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, "dyad: interrupted")
		return exitFailure
	default:
		fmt.Fprintf(e.stderr, "dyad: %s\n", err)
		return exitFailure
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// parseFlags parses flags that may come before, between or after the
// positional arguments ("dyad code examples/ --format pretty"), and returns
// the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlagSet makes a FlagSet whose --help prints usage text then flags.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("dyad "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprint(out, strings.TrimLeft(usage, "\n"))
		fmt.Fprintln(out, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}
