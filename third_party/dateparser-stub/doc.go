// Package dateparser stands in for github.com/markusmobius/go-dateparser,
// which dyad's go.mod replaces with it.
//
// Why: go-htmldate (pulled in by go-trafilatura) imports go-dateparser for
// its "extensive" free-text date search, and go-dateparser compiles the
// regular expressions of some 200 locales in package init: about 0.2 s of
// CPU and 78 MB of allocation at the start of every dyad process, whatever
// it does. dyad never runs that search: internal/extract asks trafilatura
// for htmldate's fast mode (SkipExtensiveSearch), which does not call the
// parser. This stand-in offers the few names go-htmldate refers to and no
// parser: Parse always fails, so a caller that did turn the search on would
// find no date by it rather than a wrong one.
//
// If dyad ever wants the extensive search, drop the replace directive in
// go.mod and this folder, and pay the start-up cost.
package dateparser
