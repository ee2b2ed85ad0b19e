package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/storage"
)

func (s *Server) apiLogin(c *gin.Context) error {
	var in struct {
		Login    string `json:"login"`
		Password string `json:"password"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	u, sess, err := s.signIn(c, in.Login, in.Password)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"login": u.Login, "role": u.Role, "authority_code": u.Authority(),
		"csrf_token": sess.CSRFToken})
	return nil
}

func (s *Server) apiLogout(c *gin.Context) error {
	if err := s.signOut(c); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

func (s *Server) apiMe(c *gin.Context) error {
	u, _ := currentUser(c)
	c.JSON(http.StatusOK, gin.H{"login": u.Login, "full_name": u.FullName, "role": u.Role,
		"authority_code": u.Authority(), "csrf_token": csrfToken(c)})
	return nil
}

// maxPage is the largest page of a list.
const maxPage = 500

func (s *Server) apiServices(c *gin.Context) error {
	limit, err := queryInt(c, "limit", 50)
	if err != nil {
		return err
	}
	f := storage.ServiceFilter{Query: c.Query("q"), Level: c.Query("level"),
		AuthorityCode: c.Query("authority"), After: c.Query("after"), Limit: min(max(limit, 1), maxPage)}
	if f.Level != "" && f.Level != charts.ServiceState && f.Level != charts.ServiceMunicipal {
		return badRequest("level", "unknown level "+f.Level+"; use state or municipal")
	}
	var list []storage.ServiceListing
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		list, err = tx.Services(ctx(c), f)
		return err
	})
	if err != nil {
		return err
	}
	page := gin.H{"services": nonNil(list)}
	if len(list) == f.Limit {
		page["next"] = list[len(list)-1].Code
	}
	c.JSON(http.StatusOK, page)
	return nil
}

func (s *Server) apiService(c *gin.Context) error {
	var svc charts.Service
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		svc, err = tx.Service(ctx(c), c.Param("code"))
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, svc)
	return nil
}

func (s *Server) apiAuthorities(c *gin.Context) error {
	var list []charts.Authority
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		list, err = tx.Authorities(ctx(c), c.Query("q"))
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"authorities": nonNil(list)})
	return nil
}

func (s *Server) apiDataKinds(c *gin.Context) error {
	var list []charts.DataKind
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		list, err = tx.DataKinds(ctx(c), c.Query("q"), c.Query("provider"))
		return err
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"data_kinds": nonNil(list)})
	return nil
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
