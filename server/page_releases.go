package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"pcii/policies"
	"pcii/routing"
	"pcii/storage"
	"pcii/workflow"
)

// changesView is a release comparison cut to at most a page of routes in
// each list, with the full counts.
type changesView struct {
	Added        []routing.Route
	Removed      []routing.Route
	Changed      []routing.RouteChange
	Authorities  []string
	AddedTotal   int
	RemovedTotal int
	ChangedTotal int
	Empty        bool
	Limit        int
}

// Preview and diff pages list at most this many routes of each kind; the
// release file has all of them.
const (
	previewRoutes = 50
	diffRoutes    = 300
)

func cutChanges(c routing.Changes, limit int) changesView {
	return changesView{Added: c.Added[:min(len(c.Added), limit)], Removed: c.Removed[:min(len(c.Removed), limit)],
		Changed: c.Changed[:min(len(c.Changed), limit)], Authorities: c.Authorities,
		AddedTotal: len(c.Added), RemovedTotal: len(c.Removed), ChangedTotal: len(c.Changed),
		Empty: c.IsEmpty(), Limit: limit}
}

type releasesView struct {
	Releases   []storage.ReleaseSummary
	CanPublish bool
	// Preview is the release that publishing now would make.
	Preview *workflow.Publication
	// Changes is the preview's comparison with the latest release.
	Changes changesView
	// Problems lists what stops the next release from being published.
	Problems []routing.Problem
	Names    map[string]string
}

func (s *Server) releasesPage(c *gin.Context) error {
	v := releasesView{CanPublish: s.flow.CanAny(actor(c), policies.ObjRelease, policies.ActPublish)}
	reg, err := s.registry(c)
	if err != nil {
		return err
	}
	v.Names = map[string]string{}
	for code, a := range reg.Authorities {
		v.Names[code] = a.Name
	}
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		v.Releases, err = tx.Releases(ctx(c))
		return err
	})
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "releases", "Выпуски маршрутов", v)
	return nil
}

// releasePreviewPage shows the release that publishing now would make. It
// is a page of its own because the dry run builds and checks the whole
// release. On the demo region that takes about 100 ms (TestScreenshots logs
// it), too slow to repeat on every view of the list.
func (s *Server) releasePreviewPage(c *gin.Context) error {
	v := releasesView{CanPublish: true}
	reg, err := s.registry(c)
	if err != nil {
		return err
	}
	v.Names = map[string]string{}
	for code, a := range reg.Authorities {
		v.Names[code] = a.Name
	}
	pub, err := s.flow.Publish(ctx(c), actor(c), true)
	var rerr *workflow.ReleaseError
	switch {
	case errors.As(err, &rerr):
		v.Problems = rerr.Problems
	case err != nil:
		return err
	default:
		v.Preview = &pub
		v.Changes = cutChanges(pub.Changes, previewRoutes)
	}
	s.render(c, http.StatusOK, "release_preview", "Предварительный просмотр выпуска", v)
	return nil
}

// Name returns the name of an authority code, or the code.
func (v releasesView) Name(code string) string {
	if n, ok := v.Names[code]; ok {
		return n
	}
	return code
}

func (s *Server) publishPage(c *gin.Context) error {
	pub, err := s.flow.Publish(ctx(c), actor(c), false)
	var rerr *workflow.ReleaseError
	if errors.As(err, &rerr) {
		s.logError(c, http.StatusUnprocessableEntity, err)
		return s.redirectWithFlash(c, "/releases/preview", "error",
			"Выпуск не опубликован: в маршрутах есть ошибки, они перечислены на странице.")
	}
	if err != nil {
		return err
	}
	s.pointers.invalidate()
	return s.redirectWithFlash(c, "/releases", "ok",
		fmt.Sprintf("Опубликован выпуск %d: %d маршрутов.", pub.Serial, pub.Routes))
}

type releaseDiffView struct {
	From, To int64
	Changes  changesView
	Releases []storage.ReleaseSummary
	Names    map[string]string
}

// Name returns the name of an authority code, or the code.
func (v releaseDiffView) Name(code string) string {
	if n, ok := v.Names[code]; ok {
		return n
	}
	return code
}

func (s *Server) releaseDiffPage(c *gin.Context) error {
	from, err := queryInt(c, "from", 0)
	if err != nil {
		return err
	}
	to, err := queryInt(c, "to", 0)
	if err != nil {
		return err
	}
	if to <= 0 {
		return badRequest("to", "give the newer release as ?to=N")
	}

	v := releaseDiffView{From: int64(from), To: int64(to)}
	var older, newer routing.Release
	err = s.store.Read(ctx(c), func(tx *storage.Tx) error {
		var err error
		if v.Releases, err = tx.Releases(ctx(c)); err != nil {
			return err
		}
		b, err := tx.ReleaseBySerial(ctx(c), v.To)
		if err != nil {
			return err
		}
		if newer, err = routing.Decode(b.Body); err != nil {
			return fmt.Errorf("decode release %d: %w", v.To, err)
		}
		if v.From == 0 {
			return nil
		}
		a, err := tx.ReleaseBySerial(ctx(c), v.From)
		if err != nil {
			return err
		}
		if older, err = routing.Decode(a.Body); err != nil {
			return fmt.Errorf("decode release %d: %w", v.From, err)
		}
		return nil
	})
	if err != nil {
		return err
	}

	v.Changes = cutChanges(routing.Compare(older, newer), diffRoutes)
	reg, err := s.registry(c)
	if err != nil {
		return err
	}
	v.Names = map[string]string{}
	for code, a := range reg.Authorities {
		v.Names[code] = a.Name
	}
	s.render(c, http.StatusOK, "release_diff", fmt.Sprintf("Различия выпусков %d и %d", from, to), v)
	return nil
}

func (s *Server) reportsPage(c *gin.Context) error {
	s.render(c, http.StatusOK, "reports", "Отчёты", nil)
	return nil
}
