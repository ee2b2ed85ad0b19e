package demo

import "pcii/charts"

// RegionName is the region the dataset describes.
const RegionName = "Самарская область"

// Dataset is everything the demo region contains, in a stable order.
type Dataset struct {
	Region      string
	Authorities []charts.Authority
	Services    []charts.Service
	DataKinds   []charts.DataKind
	Passports   []PassportPlan
	Charts      []ChartPlan
	Users       []User
}

// PassportPlan is one service passport and the stage the loader should
// leave it in.
type PassportPlan struct {
	Body  charts.PassportBody
	Stage PassportStage
	// Note is the save note of the passport's first revision.
	Note string
}

// ChartPlan is one process chart and the stage the loader should leave it
// in.
type ChartPlan struct {
	// Body is revision 1.
	Body charts.ChartBody
	// Amendment is revision 2 for StageAmending and StageSuperseded, nil
	// otherwise. It changes the rows of one provider only, so the agreements
	// of the other providers carry over.
	Amendment *charts.ChartBody
	Stage     Stage
	// Remark is the provider's objection for StageObjected, the commission's
	// return remark for StageReturned, and for some agreed charts the first
	// provider's agreement remark. Empty otherwise.
	Remark string
	// Note is the save note of revision 1.
	Note string
}

// User is a demo account. The loader sets its password.
type User struct {
	Login    string
	FullName string
	// Role is one of the role constants of package policies.
	Role string
	// AuthorityCode is the user's authority, empty for commission members,
	// the administrator and the exchange account.
	AuthorityCode string
}

// Region builds the demo dataset of the Samara region. Every call returns a
// new Dataset equal to the previous ones, so callers may modify it.
func Region() *Dataset {
	authorities := regionAuthorities()
	names := make(map[string]string, len(authorities))
	for _, a := range authorities {
		names[a.Code] = a.Name
	}
	services := buildServices()
	plans := planInteractions(services)
	assignStages(plans)
	for _, p := range plans {
		buildRows(p)
	}
	return &Dataset{
		Region:      RegionName,
		Authorities: authorities,
		Services:    serviceList(services),
		DataKinds:   regionDataKinds(),
		Passports:   buildPassports(services, plans, names),
		Charts:      buildCharts(plans, names),
		Users:       regionUsers(),
	}
}
