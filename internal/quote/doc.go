// Package quote finds direct and indirect speech in an article and
// attributes it to the speaker the actor stage coded.
//
// Direct quotes come from quote marks: straight and typographic double
// quotes, guillemets, and single quotes when a closing mark follows. A
// quote left open at a paragraph's end ends there (news style reopens it
// in the next paragraph). The speaker is the actor mention at the
// attribution next to the quote ("…,” he said; Lavrov said: “…”); a quote
// without one takes the speaker of the quote before it in its paragraph,
// or of the previous paragraph when its own paragraph opens with the quote.
//
// Indirect quotes come from speech verbs and "according to": "X said
// (that) …", "X told Reuters that …", "…, X said.", "…, saying …",
// "according to X, …". Their span is the reported content.
//
// The finder works on the tokens, tags and mentions already computed: one
// pass over the text for quote marks and one over the tokens, with word
// lists looked up once per token (about 30µs for a 500-word article).
package quote
