// Package watch is the polling half of `dyad watch`: it fetches news feeds
// on a schedule and hands their bodies back to the caller for ingestion.
//
// A Poller performs one conditional GET per call, sending the validators
// (ETag, Last-Modified) remembered from the previous response, and records
// the outcome in a FeedState: new validators, the failure count and the
// time the feed should next be polled. Failures push the next poll back
// exponentially, and a server's Retry-After is respected.
//
// The package does not parse feeds and keeps nothing on disk. FeedState is
// plain data the caller persists between runs; Due and NextWake let the
// caller's loop pick the feeds to poll and decide how long to sleep.
// Which items of a changed feed are new is the store's to say (an article
// stored once is not coded again); FeedState only remembers which item
// pages were fetched, so that a page is not downloaded at every poll.
package watch
