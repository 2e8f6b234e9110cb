package main

import (
	"fmt"
	"sync/atomic"
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
	// total and read, when set, are the input's size and the bytes read
	// so far, from which the line shows how far along the job is and
	// when it should end.
	total int64
	read  *atomic.Int64
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
	eta := ""
	if p.read != nil && p.total > 0 {
		frac := min(float64(p.read.Load())/float64(p.total), 1)
		eta = fmt.Sprintf(", %.0f%%", 100*frac)
		if frac > 0.01 && frac < 1 {
			left := time.Duration(secs * (1 - frac) / frac * float64(time.Second))
			eta += ", about " + left.Round(time.Second).String() + " left"
		}
	}
	fmt.Fprintf(p.e.stderr, "\r\033[K%d %s, %.0f/s, %.1fs%s", p.count, p.unit, rate, secs, eta)
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
