package demo

import "strings"

// serviceTemplate is a kind of service in a catalog. Its needs are the
// requests that a chart of the service makes once the service moves to
// interdepartmental interaction, in row order.
type serviceTemplate struct {
	name   string
	short  string
	sector *sector
	needs  []string
	// fee overrides the sector's fee when it is not empty.
	fee string
	// free marks a service that is free of charge whatever its sector's fee.
	free bool
}

// variant is one value of a catalog dimension: its wording in the full name
// and in the short name.
type variant struct {
	name  string
	short string
}

// expand returns one template for each variant, substituting the variant
// for "%s" in the name and short name patterns.
func expand(s *sector, needs []string, name, short string, variants ...variant) []serviceTemplate {
	list := make([]serviceTemplate, len(variants))
	for i, v := range variants {
		list[i] = serviceTemplate{
			name:   strings.Replace(name, "%s", v.name, 1),
			short:  strings.Replace(short, "%s", v.short, 1),
			sector: s,
			needs:  needs,
		}
	}
	return list
}

func needs(ids ...string) []string { return ids }

// insertEvery places one template of extra after every n templates of base,
// and the rest of extra at the end.
func insertEvery(base, extra []serviceTemplate, n int) []serviceTemplate {
	all := make([]serviceTemplate, 0, len(base)+len(extra))
	for i, t := range base {
		all = append(all, t)
		if (i+1)%n == 0 && len(extra) > 0 {
			all = append(all, extra[0])
			extra = extra[1:]
		}
	}
	return append(all, extra...)
}

// interleave takes one template from each list in turn until all are used,
// so catalog order mixes fields the way a real register does.
func interleave(lists ...[]serviceTemplate) []serviceTemplate {
	var all []serviceTemplate
	for i := 0; ; i++ {
		added := false
		for _, l := range lists {
			if i < len(l) {
				all = append(all, l[i])
				added = true
			}
		}
		if !added {
			return all
		}
	}
}
