// Package eval scores dyad's output against gold sets: each stage that has a
// published benchmark gets a scorer here that loads the gold data and
// computes the benchmark's own metric, so dyad's numbers can be compared
// with published ones.
//
// The package owns the scorers and the gold-file readers. Gold files are
// never part of the repository: callers (tests, `dyad eval`) pass the path
// of a gold set they have locally, and the loaders read only what they are
// given. Scorers take the stage under test as a function, so this package
// does not decide how the stage is configured.
package eval
