package main

import (
	"context"
	"errors"
)

// trainParse is being written (issue 14); until then it says so.
func trainParse(ctx context.Context, e *env, args []string) error {
	return errors.New("train parse: not built yet")
}
