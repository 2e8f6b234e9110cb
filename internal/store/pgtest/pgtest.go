// Package pgtest gives a test a PostgreSQL schema of its own on the local
// server (127.0.0.1:5432, trust authentication, database test), dropped
// when the test ends, or skips the test with a message when no server
// answers there.
package pgtest

import (
	"database/sql"
	"fmt"
	"net"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
)

// URL is the local test database.
const URL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// DSN creates a fresh schema and returns a DSN whose search_path is it.
func DSN(t testing.TB) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", "127.0.0.1:5432", time.Second)
	if err != nil {
		t.Skip("PostgreSQL is not running on 127.0.0.1:5432; skipping the PostgreSQL tests")
	}
	c.Close()
	admin, err := sql.Open("pgx", URL)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	schema := fmt.Sprintf("dyad_test_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Skipf("PostgreSQL at 127.0.0.1:5432 refused a test schema (%v); skipping", err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", URL); err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	return URL + "&search_path=" + schema
}
