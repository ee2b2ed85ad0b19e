package server

import "github.com/gin-gonic/gin"

// Routes returns every registered route: method, path pattern and handler
// name. Tests walk it to check that the authorization matrix and the
// OpenAPI document cover the whole route table.
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }
