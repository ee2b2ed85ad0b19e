package demo_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"pcii/demo"
	"pcii/policies"
)

func TestRequiredUsers(t *testing.T) {
	users := map[string]demo.User{}
	for _, u := range region().Users {
		users[u.Login] = u
	}
	tests := []struct {
		login, role, authority string
	}{
		{"specialist", policies.RoleSpecialist, "MINSOC63"},
		{"specialist-samara", policies.RoleSpecialist, "ADM-SAMARA"},
		{"fns", policies.RoleSpecialist, "FNS63"},
		{"rosreestr", policies.RoleSpecialist, "ROSREESTR63"},
		{"commission1", policies.RoleCommission, ""},
		{"commission2", policies.RoleCommission, ""},
		{"commission3", policies.RoleCommission, ""},
		{"secretary", policies.RoleSecretary, "MINEKONOM63"},
		{"official", policies.RoleOfficial, "MINEKONOM63"},
		{"admin", policies.RoleAdmin, ""},
		{"exchange", policies.RoleExchange, ""},
	}
	for _, tt := range tests {
		t.Run(tt.login, func(t *testing.T) {
			u, ok := users[tt.login]
			if !ok {
				t.Fatalf("user %s not found", tt.login)
			}
			want := demo.User{Login: tt.login, FullName: u.FullName, Role: tt.role, AuthorityCode: tt.authority}
			if diff := cmp.Diff(want, u); diff != "" {
				t.Errorf("user (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUserFields(t *testing.T) {
	ix := newIndex(region())
	roles := map[string]bool{
		policies.RoleSpecialist: true, policies.RoleCommission: true, policies.RoleSecretary: true,
		policies.RoleOfficial: true, policies.RoleAdmin: true, policies.RoleExchange: true,
	}
	seen := map[string]bool{}
	for _, u := range region().Users {
		if seen[u.Login] {
			t.Errorf("login %s is repeated", u.Login)
		}
		seen[u.Login] = true
		if !roles[u.Role] {
			t.Errorf("%s: role %q is unknown", u.Login, u.Role)
		}
		if u.AuthorityCode != "" {
			if _, ok := ix.authorities[u.AuthorityCode]; !ok {
				t.Errorf("%s: authority %s not found", u.Login, u.AuthorityCode)
			}
		}
		if u.Role == policies.RoleSpecialist && u.AuthorityCode == "" {
			t.Errorf("specialist %s has no authority", u.Login)
		}
		if u.Role != policies.RoleExchange && len(strings.Fields(u.FullName)) != 3 {
			t.Errorf("%s: full name %q is not surname, name and patronymic", u.Login, u.FullName)
		}
	}
}
