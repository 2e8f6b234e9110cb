// Package cameo holds the CAMEO event codebook: every event code with its
// name, Goldstein value, quad class and PLOVER category. The table is
// dyad's own (data/cameo/codebook.txt), embedded in the binary; quad class
// is derived from the root code rather than stored.
package cameo
