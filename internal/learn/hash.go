package learn

// Feature keys are 64-bit hashes. A template's key mixes its number with
// the hashes of its values, so two templates over the same word never
// share a weight.

// FNV-1a, 64-bit: the word hash of every feature table and of the actor
// matcher's vocabulary. Callers that fold bytes in as they go (lower-
// casing, shapes) start from FNVOffset and multiply by FNVPrime.
const (
	FNVOffset = 14695981039346656037
	FNVPrime  = 1099511628211
)

// Hash is the FNV-1a hash of s.
func Hash(s string) uint64 {
	h := uint64(FNVOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * FNVPrime
	}
	return h
}

// HashBytes is Hash for a byte slice.
func HashBytes(b []byte) uint64 {
	h := uint64(FNVOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * FNVPrime
	}
	return h
}

// Mix is the splitmix64 finaliser: it spreads x over all 64 bits.
func Mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Key is the key of template t over one value hash v.
func Key(t int, v uint64) uint64 {
	return Mix(v ^ Mix(uint64(t)+0x9e3779b97f4a7c15))
}

// Key2 is the key of template t over two value hashes.
func Key2(t int, a, b uint64) uint64 {
	return Mix(b ^ Key(t, a)*0xff51afd7ed558ccd)
}

// Key3 is the key of template t over three value hashes.
func Key3(t int, a, b, c uint64) uint64 {
	return Mix(c ^ Key2(t, a, b)*0xc4ceb9fe1a85ec53)
}
