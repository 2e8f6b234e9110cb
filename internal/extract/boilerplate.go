package extract

import "strings"

// boilerLines are whole lines that page furniture leaves in copied text.
var boilerLines = map[string]bool{
	"share": true, "share this": true, "share this article": true, "share this story": true,
	"share on facebook": true, "share on twitter": true, "share via email": true,
	"tweet": true, "email": true, "print": true, "save": true, "copy link": true,
	"advertisement": true, "advertisements": true, "advert": true, "ad": true,
	"sponsored": true, "sponsored content": true, "promoted": true, "promoted content": true,
	"story continues below advertisement": true, "story continues below": true,
	"article continues below": true, "continue reading": true, "continue reading below": true,
	"continue reading the main story": true, "read more": true, "read more below": true,
	"related": true, "related articles": true, "related stories": true, "related content": true,
	"related coverage": true, "more on this story": true, "you may also like": true,
	"recommended": true, "recommended for you": true, "most read": true, "most popular": true,
	"skip to content": true, "skip to main content": true, "image caption": true,
	"media caption": true, "comments": true, "show comments": true, "view comments": true,
	"sign up": true, "subscribe": true, "subscribe now": true, "follow us": true,
	"scroll to continue": true, "click here": true, "back to top": true, "top stories": true,
	"watch": true, "listen": true, "play video": true, "replay": true, "loading...": true,
	"loading video": true, "close": true, "menu": true, "search": true,
}

// boilerPrefixes start lines that are navigation rather than reporting.
var boilerPrefixes = []string{
	"related:", "read more:", "read more about", "see also:", "also read:", "watch:",
	"listen:", "more:", "image copyright", "image source", "image caption:", "photo:",
	"follow us on", "sign up for", "subscribe to our", "click here to", "(adsbygoogle",
	"advertisement -", "advertisement:", "share this on", "share on ", "copyright ©",
	"© copyright", "all rights reserved",
}

// socialWords make up share-button rows ("Facebook Twitter WhatsApp Email").
var socialWords = map[string]bool{
	"share": true, "facebook": true, "twitter": true, "x": true, "whatsapp": true,
	"linkedin": true, "email": true, "e-mail": true, "reddit": true, "pinterest": true,
	"print": true, "messenger": true, "telegram": true, "copy": true, "link": true,
	"tweet": true, "flipboard": true, "pocket": true, "save": true, "sms": true,
	"|": true, "·": true, "•": true, "/": true, "-": true,
}

// isBoilerplate reports whether a whole paragraph is page furniture.
func isBoilerplate(p string) bool {
	if len(p) > 120 {
		return false
	}
	l := strings.ToLower(strings.TrimSpace(p))
	if boilerLines[strings.TrimRight(l, ":.!…>» ")] {
		return true
	}
	for _, pre := range boilerPrefixes {
		if strings.HasPrefix(l, pre) {
			return true
		}
	}
	words := strings.Fields(l)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !socialWords[w] {
			return false
		}
	}
	return true
}
