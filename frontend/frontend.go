// Package frontend holds the HTML templates and the static files (CSS and
// JavaScript) of pcii's server-rendered pages, embedded in the binary.
// The pages work without JavaScript; the scripts only add conveniences
// such as editing interaction rows without a round trip.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed templates/*.html
var templates embed.FS

//go:embed static
var static embed.FS

// Templates returns the html/template sources: layout.html defines the
// page frame and every other file one page's "content" block.
func Templates() fs.FS { return templates }

// Static returns the files served under /static/.
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic("frontend: embedded static folder is missing: " + err.Error())
	}
	return sub
}
