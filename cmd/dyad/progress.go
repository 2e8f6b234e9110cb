package main

import (
	"fmt"
	"time"
)

// progress prints a one-line counter with its rate on standard error while
// a long job runs: only when standard error is a terminal, and only once the
// job has run for a second, so quick runs print nothing.
type progress struct {
	e       *env
	on      bool
	unit    string
	count   int
	start   time.Time
	lastOut time.Time
	shown   bool
}

func newProgress(e *env, want bool, unit string) *progress {
	return &progress{e: e, on: want && e.stderrIsTTY, unit: unit, start: time.Now()}
}

func (p *progress) add(n int) {
	p.count += n
	if !p.on {
		return
	}
	if now := time.Now(); now.Sub(p.start) >= time.Second && now.Sub(p.lastOut) >= 200*time.Millisecond {
		p.lastOut = now
		p.print()
	}
}

func (p *progress) print() {
	secs := time.Since(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.count) / secs
	}
	fmt.Fprintf(p.e.stderr, "\r\033[K%d %s, %.0f/s, %.1fs", p.count, p.unit, rate, secs)
	p.shown = true
}

// clear removes the line so a message can be printed cleanly.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.e.stderr, "\r\033[K")
		p.shown = false
	}
}

func (p *progress) done() {
	if p.on && p.shown {
		p.print()
		fmt.Fprintln(p.e.stderr)
	}
}
