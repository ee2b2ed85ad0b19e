package demo_test

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	smev2Code = regexp.MustCompile(`^SID[0-9]{7}$`)
	smev3Code = regexp.MustCompile(`^VS[0-9]{5}v[0-9]{3}_[A-Z]{3}[0-9]{3}$`)
)

func TestDataKindCount(t *testing.T) {
	if n := len(region().DataKinds); n < 20 || n > 30 {
		t.Errorf("%d data kinds, want 20 to 30", n)
	}
}

func TestDataKindFields(t *testing.T) {
	ix := newIndex(region())
	seen := map[string]bool{}
	for _, k := range region().DataKinds {
		if seen[k.Code] {
			t.Errorf("code %s is repeated", k.Code)
		}
		seen[k.Code] = true
		if _, ok := ix.authorities[k.ProviderCode]; !ok {
			t.Errorf("%s: provider %s not found", k.Code, k.ProviderCode)
		}
		if k.Name == "" {
			t.Errorf("%s has no name", k.Code)
		}
		switch {
		case smev2Code.MatchString(k.Code):
			if k.Namespace != "" {
				t.Errorf("SMEV 2 service %s has namespace %q", k.Code, k.Namespace)
			}
		case smev3Code.MatchString(k.Code):
			if !strings.HasPrefix(k.Namespace, "urn://") || !strings.HasSuffix(k.Namespace, "/"+k.Version) {
				t.Errorf("SMEV 3 kind %s: namespace %q does not end in version %q", k.Code, k.Namespace, k.Version)
			}
		default:
			t.Errorf("code %q is neither a SID nor a SMEV 3 registry code", k.Code)
		}
	}
}

func TestDataKindVersions(t *testing.T) {
	// Versions of one SMEV 3 data kind share the namespace up to the
	// version.
	versions := map[string][]string{}
	for _, k := range region().DataKinds {
		i := strings.LastIndex(k.Namespace, "/")
		if i < 0 {
			continue
		}
		family := k.Namespace[:i]
		versions[family] = append(versions[family], k.Code)
	}
	families := 0
	for _, codes := range versions {
		if len(codes) >= 2 {
			families++
		}
	}
	if families < 2 {
		t.Errorf("%d data kinds come in two versions, want at least 2", families)
	}
}

func TestWithdrawnDataKinds(t *testing.T) {
	kinds := region().DataKinds
	withdrawn := 0
	for _, k := range kinds {
		if k.WithdrawnOn == "" {
			continue
		}
		withdrawn++
		date, err := time.Parse(time.DateOnly, k.WithdrawnOn)
		if err != nil {
			t.Errorf("%s: WithdrawnOn %q: %v", k.Code, k.WithdrawnOn, err)
			continue
		}
		if date.Year() != 2012 {
			t.Errorf("%s withdrawn on %s, want a date in 2012", k.Code, k.WithdrawnOn)
		}
		successor := false
		for _, other := range kinds {
			if other.Code != k.Code && other.Name == k.Name && other.ProviderCode == k.ProviderCode && other.WithdrawnOn == "" {
				successor = true
			}
		}
		if !successor {
			t.Errorf("withdrawn %s has no live version of the same data kind", k.Code)
		}
	}
	if withdrawn == 0 {
		t.Error("no data kind version is withdrawn")
	}
}
