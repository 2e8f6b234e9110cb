// Package petrfile reads the line syntax shared by the TABARI/PETRARCH2
// dictionary files (actors, agents, verbs): "#" and the legacy ";"
// comments to the end of a line, "<!-- ... -->" comments that may span
// lines, "<!" lines skipped whole, and "---STOP---" ending the file. The
// readers of each dictionary kind live with the stage that uses it.
package petrfile
