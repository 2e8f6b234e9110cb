package main

import (
	"context"
	"errors"
)

// trainNER is being written (issue 14); until then it says so.
func trainNER(ctx context.Context, e *env, args []string) error {
	return errors.New("train ner: not built yet")
}
