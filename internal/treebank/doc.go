// Package treebank reads Universal Dependencies treebanks (CoNLL-U) for
// training and measuring dyad's tagger and parser, and reconciles their
// tokens with dyad's own.
//
// UD English EWT splits words that dyad's tokenizer keeps whole, chiefly
// hyphenated compounds ("pro - Russian" where dyad has "pro-Russian").
// Retokenize rebuilds each sentence's text, runs dyad's tokenizer over it
// and merges the treebank words that fall inside one dyad token into one
// word, so that training sees the tokens dyad sees at run time. The
// merged word keeps the tag, head and relation of the part that attaches
// outside it (the syntactic head of the compound).
//
// The package reads from an io.Reader; it opens no files.
package treebank
