package policies_test

import (
	"testing"

	"pcii/policies"
)

// TestPolicyMatrix walks every role, object, action and own or other
// authority and compares the enforcer's decision with the rules the policy
// is meant to express.
func TestPolicyMatrix(t *testing.T) {
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	type grant struct{ obj, act string }
	// allowed lists, per role, what it may do for its own authority; "any"
	// roles hold the same rights for every authority.
	allowed := map[string]map[grant]bool{
		policies.RoleSpecialist: {
			{"chart", "read"}: true, {"chart", "draft"}: true, {"chart", "agree"}: true,
			{"passport", "read"}: true, {"passport", "draft"}: true, {"registry", "read"}: true,
		},
		policies.RoleCommission: {
			{"chart", "read"}: true, {"chart", "read_all"}: true, {"chart", "vote"}: true,
			{"passport", "read"}: true, {"passport", "read_all"}: true, {"passport", "vote"}: true,
			{"registry", "read"}: true, {"report", "read"}: true, {"meeting", "read"}: true,
		},
		policies.RoleSecretary: {
			{"chart", "read"}: true, {"chart", "read_all"}: true, {"passport", "read"}: true,
			{"passport", "read_all"}: true, {"registry", "read"}: true, {"release", "read"}: true,
			{"release", "publish"}: true, {"report", "read"}: true,
			{"meeting", "read"}: true, {"meeting", "manage"}: true,
		},
		policies.RoleOfficial: {
			{"chart", "read"}: true, {"chart", "read_all"}: true, {"passport", "read"}: true,
			{"passport", "read_all"}: true, {"registry", "read"}: true, {"release", "read"}: true,
			{"report", "read"}: true, {"audit", "read"}: true, {"meeting", "read"}: true,
		},
		policies.RoleAdmin: {
			{"chart", "read"}: true, {"chart", "read_all"}: true, {"passport", "read"}: true,
			{"passport", "read_all"}: true, {"registry", "read"}: true, {"registry", "manage"}: true,
			{"user", "manage"}: true, {"release", "read"}: true, {"report", "read"}: true,
			{"audit", "read"}: true, {"meeting", "read"}: true,
		},
		policies.RoleExchange: {{"release", "read"}: true},
	}
	objects := []string{"chart", "passport", "registry", "release", "report", "user", "audit", "meeting"}
	actions := []string{"read", "read_all", "draft", "agree", "vote", "publish", "manage"}

	for _, role := range policies.Roles {
		subject := policies.Subject{Login: "user-" + role, Role: role}
		if policies.NeedsAuthority(role) {
			subject.Authority = "OWN"
		}
		for _, obj := range objects {
			for _, act := range actions {
				want := allowed[role][grant{obj, act}]
				own, err := authz.Allow(subject, "OWN", obj, act)
				if err != nil {
					t.Fatal(err)
				}
				if own != want {
					t.Errorf("%s %s %s for own authority: got %v, want %v", role, act, obj, own, want)
				}
				other, err := authz.Allow(subject, "OTHER", obj, act)
				if err != nil {
					t.Fatal(err)
				}
				wantOther := want && !policies.NeedsAuthority(role)
				if other != wantOther {
					t.Errorf("%s %s %s for another authority: got %v, want %v", role, act, obj, other, wantOther)
				}
			}
		}
	}
}

func TestRoleChangeTakesEffect(t *testing.T) {
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	s := policies.Subject{Login: "ivanova", Role: policies.RoleSpecialist, Authority: "MINSOC"}
	if ok, _ := authz.Allow(s, "MINSOC", "chart", "draft"); !ok {
		t.Fatal("specialist may not draft for its own authority")
	}
	s.Role, s.Authority = policies.RoleCommission, ""
	if ok, _ := authz.Allow(s, "MINSOC", "chart", "draft"); ok {
		t.Error("former specialist still drafts after becoming a commission member")
	}
	if ok, _ := authz.Allow(s, "MINSOC", "chart", "vote"); !ok {
		t.Error("new commission member may not vote")
	}
}

func TestUnknownRoleDenied(t *testing.T) {
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []policies.Subject{
		{Login: "x", Role: "root"},
		{Login: "", Role: policies.RoleAdmin},
		{Login: "y", Role: policies.RoleSpecialist},
	} {
		if ok, _ := authz.Allow(s, "ANY", "chart", "read"); ok {
			t.Errorf("%+v may read charts", s)
		}
	}
}

// TestLoginNamedLikeRole checks that a user whose login is a role name
// holds that role only in its own authority.
func TestLoginNamedLikeRole(t *testing.T) {
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	s := policies.Subject{Login: policies.RoleSpecialist, Role: policies.RoleSpecialist, Authority: "MINSOC"}
	if ok, _ := authz.Allow(s, "MINSOC", "chart", "draft"); !ok {
		t.Error("specialist may not draft for its own authority")
	}
	if ok, _ := authz.Allow(s, "ADM-SAMARA", "chart", "draft"); ok {
		t.Error("a user named specialist drafts for another authority")
	}
	admin := policies.Subject{Login: policies.RoleCommission, Role: policies.RoleSpecialist, Authority: "MINSOC"}
	if ok, _ := authz.Allow(admin, "MINSOC", "chart", "vote"); ok {
		t.Error("a specialist named commission may vote")
	}
}
