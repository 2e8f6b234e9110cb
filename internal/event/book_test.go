package event

import (
	"testing"

	"github.com/dyad-events/dyad/internal/cameo"
)

func testBook(t testing.TB) *cameo.Codebook {
	t.Helper()
	b, err := cameo.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
