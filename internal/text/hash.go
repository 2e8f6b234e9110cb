package text

// FNV-1a, 64-bit: the word hash of the tagger's feature tables and the
// actor matcher's vocabulary. Callers that lower-case as they go fold it in
// byte by byte with FNVOffset and FNVPrime; FNV hashes a whole key.
const (
	FNVOffset = 14695981039346656037
	FNVPrime  = 1099511628211
)

// FNV is the FNV-1a hash of b.
func FNV(b []byte) uint64 {
	h := uint64(FNVOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * FNVPrime
	}
	return h
}
