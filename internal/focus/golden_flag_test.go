package focus

// Imported for its -update flag, so that "go test ./... -update" (which
// passes the flag to every package) runs here too.
import _ "github.com/dyad-events/dyad/internal/golden"
