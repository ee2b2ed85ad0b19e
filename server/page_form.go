package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"pcii/charts"
	"pcii/storage"
)

// Form fields of repeated rows are named like JSON paths, such as
// "interactions[2].provider_code", so the validation problems of package
// charts name the input they belong to.
var rowFieldPattern = regexp.MustCompile(`^([a-z_]+)\[(\d+)\]\.`)

// rowIndexes returns the row numbers of list posted in form, in order,
// without the rows whose "remove" box is checked.
func rowIndexes(form url.Values, list string) []int {
	seen := map[int]bool{}
	for key := range form {
		m := rowFieldPattern.FindStringSubmatch(key)
		if m == nil || m[1] != list {
			continue
		}
		n, err := strconv.Atoi(m[2])
		if err != nil || n > 10000 {
			continue
		}
		seen[n] = true
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		if form.Get(fmt.Sprintf("%s[%d].remove", list, n)) == "" {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// rowGetter reads the fields of one posted row.
type rowGetter struct {
	form   url.Values
	prefix string
}

func (g rowGetter) get(field string) string {
	return strings.TrimSpace(g.form.Get(g.prefix + "." + field))
}

// parseCount parses a whole number typed into a form; an empty text is 0.
// A problem is recorded under field.
func parseCount(text, field string, errs fieldErrors) int {
	if text == "" {
		return 0
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		errs.add(field, "Введите целое число")
		return 0
	}
	return n
}

// kindGroup is the data kinds of one provider, an <optgroup> of the data
// kind select.
type kindGroup struct {
	ProviderCode string
	ProviderName string
	Kinds        []charts.DataKind
}

// formRegistry is the set of authorities and data kinds that the document
// forms offer in their selects.
type formRegistry struct {
	Authorities []charts.Authority
	Groups      []kindGroup
}

// loadFormRegistry reads the active authorities and the data kinds grouped
// by provider in one transaction, with the service the form is for.
func (s *Server) loadFormRegistry(c *gin.Context, serviceCode string) (formRegistry, charts.Service, error) {
	var reg formRegistry
	var svc charts.Service
	err := s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if svc, err = tx.Service(ctx(c), serviceCode); err != nil {
			return err
		}
		auths, err := tx.Authorities(ctx(c), "")
		if err != nil {
			return err
		}
		kinds, err := tx.DataKinds(ctx(c), "", "")
		if err != nil {
			return err
		}
		reg = buildFormRegistry(auths, kinds)
		return nil
	})
	if errors.Is(err, storage.ErrNotFound) {
		return reg, svc, &httpError{status: http.StatusNotFound, code: "not_found",
			message: fmt.Sprintf("service %q not found", serviceCode)}
	}
	return reg, svc, err
}

func buildFormRegistry(auths []charts.Authority, kinds []charts.DataKind) formRegistry {
	var reg formRegistry
	names := map[string]string{}
	for _, a := range auths {
		names[a.Code] = a.Name
		if a.Active {
			reg.Authorities = append(reg.Authorities, a)
		}
	}
	// DataKinds are ordered by provider code, so each provider's kinds are
	// contiguous.
	for _, k := range kinds {
		if n := len(reg.Groups); n == 0 || reg.Groups[n-1].ProviderCode != k.ProviderCode {
			name := names[k.ProviderCode]
			if name == "" {
				name = k.ProviderCode
			}
			reg.Groups = append(reg.Groups, kindGroup{ProviderCode: k.ProviderCode, ProviderName: name})
		}
		g := &reg.Groups[len(reg.Groups)-1]
		g.Kinds = append(g.Kinds, k)
	}
	return reg
}
