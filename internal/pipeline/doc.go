// Package pipeline composes dyad's stages: it takes inputs (named byte
// streams), extracts articles, runs each stage in order and hands back one
// doc.Result per article, in input order, using every core.
//
// It is the only package that calls across stages. It reads from the
// io.Readers it is given and never opens files itself; the command line
// decides what to read and where results go.
package pipeline
