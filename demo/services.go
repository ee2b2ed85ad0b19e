package demo

import (
	"fmt"

	"pcii/charts"
)

// Region-wide figures of municipal services as of 1 December 2011.
const (
	municipalServices    = 2036
	municipalPassports   = 1501
	municipalInteracting = 503
)

// serviceItem is a service of the register together with the catalog
// template it was made from and its place in the funnel.
type serviceItem struct {
	charts.Service
	template *serviceTemplate
	// ordinal is the position of the service among its authority's
	// services, from 0.
	ordinal     int
	hasPassport bool
	interacting bool
}

// buildServices returns the register: state services by authority in
// catalog order, then municipal services by municipality.
func buildServices() []*serviceItem {
	registerNumbers := make(map[string]int)
	for _, e := range authorityEntries() {
		registerNumbers[e.Code] = e.registerNumber
	}
	var items []*serviceItem
	for _, c := range stateCatalogs() {
		items = append(items, catalogServices(c.authority, registerNumbers[c.authority], charts.ServiceState, c.templates, c.count, c.count, c.interacting)...)
	}
	weights := make([]int, len(municipalities))
	for i, m := range municipalities {
		weights[i] = m.weight
	}
	counts := apportion(municipalServices, weights)
	passports := apportion(municipalPassports, counts)
	interacting := apportion(municipalInteracting, passports)
	templates := municipalTemplates()
	for i, m := range municipalities {
		items = append(items, catalogServices(m.code, registerNumbers[m.code], charts.ServiceMunicipal, templates, counts[i], passports[i], interacting[i])...)
	}
	return items
}

// catalogServices returns the first count templates as services of the
// authority. The first passports of them have a passport, and interacting
// of those, spread evenly over the ones whose template has needs, are in
// interdepartmental interaction. It panics when the catalog is too short,
// which only a change to the catalogs can cause.
func catalogServices(authority string, registerNumber int, level string, templates []serviceTemplate, count, passports, interacting int) []*serviceItem {
	if count > len(templates) {
		panic(fmt.Sprintf("demo: %s needs %d services, its catalog has %d", authority, count, len(templates)))
	}
	items := make([]*serviceItem, count)
	var candidates []int
	for i := range count {
		t := &templates[i]
		items[i] = &serviceItem{
			Service: charts.Service{
				Code:          serviceCode(registerNumber, i),
				Name:          t.name,
				Level:         level,
				AuthorityCode: authority,
			},
			template:    t,
			ordinal:     i,
			hasPassport: i < passports,
		}
		if i < passports && len(t.needs) > 0 {
			candidates = append(candidates, i)
		}
	}
	if interacting > len(candidates) {
		panic(fmt.Sprintf("demo: %s needs %d services in interaction, %d have needs", authority, interacting, len(candidates)))
	}
	for _, c := range spread(interacting, len(candidates)) {
		items[candidates[c]].interacting = true
	}
	return items
}

// serviceCode returns the 19-digit register number of a service: region 63,
// the authority's number, the register section 0100 and the service's
// sequence number.
func serviceCode(registerNumber, ordinal int) string {
	return fmt.Sprintf("63%04d0100%09d", registerNumber, 1+ordinal)
}

// apportion splits total in proportion to weights by the largest remainder
// method, breaking ties in favour of the earlier weight.
func apportion(total int, weights []int) []int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	shares := make([]int, len(weights))
	remainders := make([]int, len(weights))
	assigned := 0
	for i, w := range weights {
		shares[i] = total * w / sum
		remainders[i] = total * w % sum
		assigned += shares[i]
	}
	for ; assigned < total; assigned++ {
		best := 0
		for i := range remainders {
			if remainders[i] > remainders[best] {
				best = i
			}
		}
		shares[best]++
		remainders[best] = -1
	}
	return shares
}

// spread returns k distinct indices below n, evenly spaced.
func spread(k, n int) []int {
	indices := make([]int, k)
	for j := range k {
		indices[j] = (2*j + 1) * n / (2 * k)
	}
	return indices
}

func serviceList(items []*serviceItem) []charts.Service {
	list := make([]charts.Service, len(items))
	for i, item := range items {
		list[i] = item.Service
	}
	return list
}
