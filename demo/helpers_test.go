package demo_test

import (
	"sync"

	"pcii/charts"
	"pcii/demo"
)

// region builds the dataset once for the tests that only read it.
var region = sync.OnceValue(demo.Region)

// index gives the tests lookups by code over one dataset.
type index struct {
	authorities map[string]charts.Authority
	services    map[string]charts.Service
	kinds       map[string]charts.DataKind
	passports   map[string]demo.PassportPlan
	charts      map[string]demo.ChartPlan
}

func newIndex(d *demo.Dataset) index {
	ix := index{
		authorities: map[string]charts.Authority{},
		services:    map[string]charts.Service{},
		kinds:       map[string]charts.DataKind{},
		passports:   map[string]demo.PassportPlan{},
		charts:      map[string]demo.ChartPlan{},
	}
	for _, a := range d.Authorities {
		ix.authorities[a.Code] = a
	}
	for _, s := range d.Services {
		ix.services[s.Code] = s
	}
	for _, k := range d.DataKinds {
		ix.kinds[k.Code] = k
	}
	for _, p := range d.Passports {
		ix.passports[p.Body.ServiceCode] = p
	}
	for _, c := range d.Charts {
		ix.charts[c.Body.ServiceCode] = c
	}
	return ix
}

// level returns the level of the chart's service.
func (ix index) level(c demo.ChartPlan) string {
	return ix.services[c.Body.ServiceCode].Level
}

// authorityOf returns the authority of the chart's service.
func (ix index) authorityOf(c demo.ChartPlan) string {
	return ix.services[c.Body.ServiceCode].AuthorityCode
}

// providers returns the distinct providers of a chart body in row order.
func providers(body charts.ChartBody) []string {
	var list []string
	seen := map[string]bool{}
	for _, row := range body.Interactions {
		if !seen[row.ProviderCode] {
			seen[row.ProviderCode] = true
			list = append(list, row.ProviderCode)
		}
	}
	return list
}

// externalProviders counts the providers of a chart other than its drafting
// authority.
func externalProviders(body charts.ChartBody, requester string) int {
	n := 0
	for _, p := range providers(body) {
		if p != requester {
			n++
		}
	}
	return n
}
