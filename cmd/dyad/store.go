package main

import (
	"context"
	"errors"
	"flag"

	"github.com/dyad-events/dyad/internal/store"
)

// storeFlag registers --store, which every command that reads or writes
// the event database takes.
func storeFlag(fs *flag.FlagSet) *string {
	return fs.String("store", store.DefaultDSN,
		"event database: a file `DSN` (sqlite:///path/to/file.db or a bare path) or postgres://user@host/db")
}

// openStore opens the store a --store value names, creating it unless
// existing is set. A malformed value or a missing store is a usage error;
// a store that cannot be opened is a failure.
func openStore(ctx context.Context, dsn string, existing bool) (store.Store, error) {
	if _, err := store.ParseDSN(dsn); err != nil {
		return nil, usagef("--store: %v", err)
	}
	st, err := store.Open(ctx, dsn, store.Options{Existing: existing})
	var ne *store.NoStoreError
	if errors.As(err, &ne) {
		return nil, usageError{err.Error()}
	}
	return st, err
}
