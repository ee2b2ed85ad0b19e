package routing

import (
	"slices"
)

// Changes lists how the routes of one release differ from those of another.
type Changes struct {
	FromSerial int64 `json:"from_serial"`
	ToSerial   int64 `json:"to_serial"`
	// Added holds the routes whose RouteKey only the new release has.
	Added []Route `json:"added"`
	// Removed holds the routes whose RouteKey only the old release has.
	Removed []Route `json:"removed"`
	// Changed holds the routes with the same RouteKey in both releases and
	// different other fields.
	Changed []RouteChange `json:"changed"`
	// Authorities is the sorted set of requester and provider codes of all
	// added, removed and changed routes: the authorities to notify.
	Authorities []string `json:"authorities"`
}

// RouteChange is one route present in both releases with different fields.
type RouteChange struct {
	Old Route `json:"old"`
	New Route `json:"new"`
	// Fields holds the JSON names of the fields that differ, in the order of
	// the Route definition, with "approval.approved_by",
	// "approval.approved_at" and "approval.protocol" for the approval.
	Fields []string `json:"fields"`
}

// IsEmpty reports whether the releases have the same routes.
func (c Changes) IsEmpty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0
}

// Compare returns the changes from release old to release new. Routes are
// matched by RouteKey, and each list is in the order of Encode. Times are
// compared as the whole-second UTC instants that Encode writes, so the same
// approval time in two zones, or before and after encoding, is no change.
// The lists are empty, not nil, so they encode as [] in JSON.
func Compare(old, new Release) Changes {
	changes := Changes{
		FromSerial:  old.Serial,
		ToSerial:    new.Serial,
		Added:       []Route{},
		Removed:     []Route{},
		Changed:     []RouteChange{},
		Authorities: []string{},
	}

	oldByKey := make(map[RouteKey]Route, len(old.Routes))
	for _, r := range old.Routes {
		oldByKey[r.Key()] = r
	}
	newKeys := make(map[RouteKey]bool, len(new.Routes))

	affected := make(map[string]bool)
	touch := func(r Route) {
		affected[r.RequesterCode] = true
		affected[r.ProviderCode] = true
	}

	for _, r := range new.Routes {
		newKeys[r.Key()] = true
		before, ok := oldByKey[r.Key()]
		if !ok {
			changes.Added = append(changes.Added, r)
			touch(r)
			continue
		}
		if fields := differentFields(before, r); len(fields) > 0 {
			changes.Changed = append(changes.Changed, RouteChange{Old: before, New: r, Fields: fields})
			touch(r)
		}
	}
	for _, r := range old.Routes {
		if !newKeys[r.Key()] {
			changes.Removed = append(changes.Removed, r)
			touch(r)
		}
	}

	changes.Added = sortedRoutes(changes.Added)
	changes.Removed = sortedRoutes(changes.Removed)
	slices.SortFunc(changes.Changed, func(a, b RouteChange) int { return compareRoutes(&a.New, &b.New) })

	for code := range affected {
		changes.Authorities = append(changes.Authorities, code)
	}
	slices.Sort(changes.Authorities)
	return changes
}

// differentFields returns the JSON names of the non-key fields in which a
// and b differ.
func differentFields(a, b Route) []string {
	var fields []string
	add := func(differ bool, name string) {
		if differ {
			fields = append(fields, name)
		}
	}
	add(a.ChartRevision != b.ChartRevision, "chart_revision")
	add(a.ChartSHA256 != b.ChartSHA256, "chart_sha256")
	add(a.ServiceCode != b.ServiceCode, "service_code")
	add(a.DeadlineDays != b.DeadlineDays, "deadline_days")
	add(a.DeadlineBasis != b.DeadlineBasis, "deadline_basis")
	add(a.LegalBasis != b.LegalBasis, "legal_basis")
	add(!slices.Equal(a.Approval.ApprovedBy, b.Approval.ApprovedBy), "approval.approved_by")
	add(!canonicalTime(a.Approval.ApprovedAt).Equal(canonicalTime(b.Approval.ApprovedAt)), "approval.approved_at")
	add(a.Approval.Protocol != b.Approval.Protocol, "approval.protocol")
	return fields
}
