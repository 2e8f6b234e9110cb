// Package dedup detects near-duplicate news articles with MinHash signatures
// over word shingles and locality-sensitive hashing (LSH) band keys.
//
// It owns the similarity side of de-duplication: normalising and shingling
// article text, computing a fixed-size Signature, estimating Jaccard
// similarity between two signatures, deriving the LSH band keys used to find
// candidates, and deciding (via Threshold) whether two articles tell the same
// story. It is meant to catch syndicated copies (same body, different
// headline, byline or boilerplate lines) and content-farm rewrites (synonym
// swaps, dropped or reordered sentences), while keeping distinct reports on
// the same topic apart.
//
// Index finds the near-duplicates of a new article among the most recent
// ones, in memory. The store, not this package, persists signatures
// (Signature.Bytes), fills an Index from them and aggregates events across
// the articles it links.
//
// The package must not do I/O: no files, network, database or logging. Every
// function is deterministic and depends only on its arguments; there is no
// mutable package-level state.
package dedup
