package server_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

func TestPassportFormDocumentRows(t *testing.T) {
	env := newPageEnv(t)
	spec := env.signIn("spec")
	resp, doc := spec.get("/passports/new?service=" + svcCapital)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("new passport form: status %d", resp.StatusCode)
	}
	if n := doc.Find("#documents [data-row]").Length(); n != 1 {
		t.Errorf("%d document rows, want 1", n)
	}
	row := doc.Find("template#doc-template [data-row]")
	if row.Length() != 1 {
		t.Fatal("no template row for the script to copy")
	}
	var names []string
	row.Find("[name]").Each(func(_ int, e *goquery.Selection) { names = append(names, e.AttrOr("name", "")) })
	want := []string{"documents[__i__].name", "documents[__i__].source", "documents[__i__].data_kind_code", "documents[__i__].remove"}
	if !cmp.Equal(names, want) {
		t.Errorf("template fields %q, want %q", names, want)
	}
	if doc.Find("button[name=add_document][data-add-doc]").Length() != 1 {
		t.Error("the add button is not marked for the script")
	}
	if row.Find("[data-row-tools]").Length() != 1 || row.Find("[data-remove-box]").Length() != 1 {
		t.Error("the template row lacks the tools slot or the remove box")
	}

	// Without the script, the add button still returns the form with one
	// more row.
	resp, doc = spec.submit("/passports/new", url.Values{"service_code": {svcCapital}, "name": {"Паспорт"},
		"level": {"state"}, "provider_code": {"MINSOC"}, "documents[0].name": {"Справка"},
		"documents[0].source": {"applicant"}, "add_document": {"1"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("add document round trip: status %d", resp.StatusCode)
	}
	if n := doc.Find("#documents [data-row]").Length(); n != 2 {
		t.Errorf("%d document rows after adding, want 2", n)
	}
}

// TestPassportFormKeepsProvider checks that the providing authority's
// select is named so that saving the form keeps it.
func TestPassportFormKeepsProvider(t *testing.T) {
	env := newPageEnv(t)
	spec := env.signIn("spec")
	_, doc := spec.get("/passports/new?service=" + svcCapital)
	sel := doc.Find("select#provider_code")
	if sel.Length() != 1 || sel.AttrOr("name", "") != "provider_code" {
		t.Fatalf("provider select: %d elements named %q, want one named provider_code",
			sel.Length(), sel.AttrOr("name", ""))
	}
	if doc.Find(`[name*="%!"]`).Length() != 0 {
		t.Error("a field name carries a formatting error")
	}
}
