package demo_test

import (
	"testing"

	"pcii/charts"
)

// TestBodiesPassRegistryValidation runs the validation the workflow applies
// on save over every body the loader will save.
func TestBodiesPassRegistryValidation(t *testing.T) {
	d := region()
	ix := newIndex(d)
	reg := charts.NewRegistry(d.Authorities, d.DataKinds)
	for _, p := range d.Passports {
		if err := charts.ValidatePassport(p.Body, ix.services[p.Body.ServiceCode], reg); err != nil {
			t.Errorf("passport %s: %v", p.Body.ServiceCode, err)
		}
	}
	for _, c := range d.Charts {
		service := ix.services[c.Body.ServiceCode]
		if err := charts.ValidateChart(c.Body, service, reg); err != nil {
			t.Errorf("chart %s: %v", c.Body.ServiceCode, err)
		}
		if c.Amendment == nil {
			continue
		}
		if err := charts.ValidateChart(*c.Amendment, service, reg); err != nil {
			t.Errorf("amendment of chart %s: %v", c.Body.ServiceCode, err)
		}
	}
}

// TestAmendmentsKeepOtherAgreements checks with the workflow's own diff that
// each amendment changes the rows of one provider, so the agreements of the
// others carry over.
func TestAmendmentsKeepOtherAgreements(t *testing.T) {
	for _, c := range region().Charts {
		if c.Amendment == nil {
			continue
		}
		if changed := charts.ChangedProviders(c.Body, *c.Amendment); len(changed) != 1 {
			t.Errorf("chart %s: amendment changes the rows of %v, want one provider", c.Body.ServiceCode, changed)
		}
	}
}
