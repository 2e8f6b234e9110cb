// Package output writes doc.Result values in dyad's published formats: the
// JSONL output contract (docs/architecture.md, "Output contract") and a
// readable pretty form for people.
//
// It only encodes; it decides nothing about the data.
package output
