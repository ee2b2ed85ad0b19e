package demo_test

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

var serviceCodePattern = regexp.MustCompile(`^63[0-9]{17}$`)

func TestServicesByLevel(t *testing.T) {
	got := map[string]int{}
	for _, s := range region().Services {
		got[s.Level]++
	}
	want := map[string]int{charts.ServiceState: 331, charts.ServiceMunicipal: 2036}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("services by level (-want +got):\n%s", diff)
	}
}

func TestServiceCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range region().Services {
		if !serviceCodePattern.MatchString(s.Code) {
			t.Errorf("code %q is not a 19-digit register number of region 63", s.Code)
		}
		if seen[s.Code] {
			t.Errorf("code %s is repeated", s.Code)
		}
		seen[s.Code] = true
	}
}

func TestServiceNamesUniquePerAuthority(t *testing.T) {
	seen := map[[2]string]bool{}
	for _, s := range region().Services {
		if s.Name == "" {
			t.Errorf("%s has no name", s.Code)
		}
		key := [2]string{s.AuthorityCode, s.Name}
		if seen[key] {
			t.Errorf("%s provides %q twice", s.AuthorityCode, s.Name)
		}
		seen[key] = true
	}
}

func TestServiceAuthorities(t *testing.T) {
	d := region()
	ix := newIndex(d)
	perMunicipality := map[string]int{}
	for _, s := range d.Services {
		a, ok := ix.authorities[s.AuthorityCode]
		if !ok {
			t.Errorf("%s: authority %s not found", s.Code, s.AuthorityCode)
			continue
		}
		switch s.Level {
		case charts.ServiceState:
			if a.Level != charts.LevelRegional && a.Code != "FSS63" {
				t.Errorf("%s: state service provided by %s (%s)", s.Code, a.Code, a.Level)
			}
		case charts.ServiceMunicipal:
			if a.Level != charts.LevelMunicipal {
				t.Errorf("%s: municipal service provided by %s (%s)", s.Code, a.Code, a.Level)
			}
			perMunicipality[a.Code]++
		default:
			t.Errorf("%s: level %q", s.Code, s.Level)
		}
	}
	for _, a := range d.Authorities {
		if a.Level == charts.LevelMunicipal && perMunicipality[a.Code] == 0 {
			t.Errorf("%s provides no municipal service", a.Code)
		}
	}
	if perMunicipality["ADM-SAMARA"] <= perMunicipality["ADM-MR-SHIGONSKY"] {
		t.Errorf("Samara provides %d services, no more than the Shigonsky district's %d", perMunicipality["ADM-SAMARA"], perMunicipality["ADM-MR-SHIGONSKY"])
	}
}

func TestStateServicesProvidedByZAGS(t *testing.T) {
	names := map[string]bool{}
	for _, s := range region().Services {
		if s.AuthorityCode == "ZAGS63" {
			names[s.Name] = true
		}
	}
	for _, name := range []string{"Государственная регистрация рождения", "Государственная регистрация заключения брака"} {
		if !names[name] {
			t.Errorf("ЗАГС does not provide %q", name)
		}
	}
}
