// dyad's stand-in for github.com/markusmobius/go-dateparser (see doc.go).
module github.com/markusmobius/go-dateparser

go 1.22
