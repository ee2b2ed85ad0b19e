package server

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPIDocument is the OpenAPI 3.0 description of every /api/v1 route.
// TestOpenAPIDocumentsEveryRoute fails when a route is missing from it, and
// TestOpenAPIResponses validates real responses against it.
//
//go:embed openapi.json
var openAPIDocument []byte

// apiOpenAPI serves the OpenAPI document. It needs no sign-in, so clients
// can be generated from a fresh installation.
func (s *Server) apiOpenAPI(c *gin.Context) error {
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "application/json", openAPIDocument)
	return nil
}
