package demo_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/charts"
)

var authorityCodePattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$`)

func TestAuthoritiesByLevel(t *testing.T) {
	got := map[string]int{}
	for _, a := range region().Authorities {
		got[a.Level]++
	}
	want := map[string]int{charts.LevelFederal: 8, charts.LevelRegional: 6, charts.LevelMunicipal: 37}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("authorities by level (-want +got):\n%s", diff)
	}
}

func TestMunicipalAuthoritiesByKind(t *testing.T) {
	got := map[string]int{}
	for _, a := range region().Authorities {
		switch {
		case a.Level != charts.LevelMunicipal:
			if a.Municipality != "" {
				t.Errorf("%s: %s authority has Municipality %q", a.Code, a.Level, a.Municipality)
			}
		case strings.HasPrefix(a.Municipality, "городской округ "):
			got["urban districts"]++
		case strings.HasPrefix(a.Municipality, "муниципальный район "):
			got["municipal districts"]++
		default:
			t.Errorf("%s: Municipality %q is neither an urban nor a municipal district", a.Code, a.Municipality)
		}
	}
	want := map[string]int{"urban districts": 10, "municipal districts": 27}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("municipalities by kind (-want +got):\n%s", diff)
	}
}

func TestAuthorityFields(t *testing.T) {
	codes := map[string]bool{}
	names := map[string]bool{}
	municipalities := map[string]bool{}
	for _, a := range region().Authorities {
		if !authorityCodePattern.MatchString(a.Code) || len(a.Code) > 26 {
			t.Errorf("code %q is not short uppercase Latin", a.Code)
		}
		if codes[a.Code] {
			t.Errorf("code %s is repeated", a.Code)
		}
		codes[a.Code] = true
		if names[a.Name] {
			t.Errorf("name %q is repeated", a.Name)
		}
		names[a.Name] = true
		if a.Name == "" || a.ShortName == "" {
			t.Errorf("%s: name %q or short name %q is empty", a.Code, a.Name, a.ShortName)
		}
		if !a.Active {
			t.Errorf("%s is not active", a.Code)
		}
		if a.Municipality != "" {
			if municipalities[a.Municipality] {
				t.Errorf("municipality %q has two administrations", a.Municipality)
			}
			municipalities[a.Municipality] = true
		}
	}
}

func TestNamedAuthorities(t *testing.T) {
	ix := newIndex(region())
	tests := []struct {
		code, name, level string
	}{
		{"FNS63", "Управление Федеральной налоговой службы по Самарской области", charts.LevelFederal},
		{"ROSREESTR63", "Управление Федеральной службы государственной регистрации, кадастра и картографии по Самарской области", charts.LevelFederal},
		{"PFR63", "Отделение Пенсионного фонда Российской Федерации по Самарской области", charts.LevelFederal},
		{"FSS63", "Государственное учреждение — Самарское региональное отделение Фонда социального страхования Российской Федерации", charts.LevelFederal},
		{"MINSOC63", "Министерство социально-демографической и семейной политики Самарской области", charts.LevelRegional},
		{"MIO63", "Министерство имущественных отношений Самарской области", charts.LevelRegional},
		{"ZAGS63", "Управление записи актов гражданского состояния Самарской области", charts.LevelRegional},
		{"ADM-SAMARA", "Администрация городского округа Самара", charts.LevelMunicipal},
		{"ADM-TOLYATTI", "Мэрия городского округа Тольятти", charts.LevelMunicipal},
		{"ADM-SYZRAN", "Администрация городского округа Сызрань", charts.LevelMunicipal},
		{"ADM-NOVOKUIBYSHEVSK", "Администрация городского округа Новокуйбышевск", charts.LevelMunicipal},
		{"ADM-MR-VOLZHSKY", "Администрация муниципального района Волжский Самарской области", charts.LevelMunicipal},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			a, ok := ix.authorities[tt.code]
			if !ok {
				t.Fatalf("authority %s not found", tt.code)
			}
			if a.Name != tt.name {
				t.Errorf("name = %q, want %q", a.Name, tt.name)
			}
			if a.Level != tt.level {
				t.Errorf("level = %q, want %q", a.Level, tt.level)
			}
		})
	}
}
