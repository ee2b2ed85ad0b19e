package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pcii/accounts"
	"pcii/charts"
	"pcii/policies"
	"pcii/routing"
	"pcii/server"
	"pcii/storage"
	"pcii/workflow"
)

// registry is a real server with one published chart, and the means to
// publish another release.
type registry struct {
	url     string
	token   string
	keys    *routing.KeyStore
	publish func(t *testing.T)
}

func newRegistry(t *testing.T) *registry {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := storage.Open(ctx, filepath.Join(dir, "pcii.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	err = store.Write(ctx, func(tx *storage.Tx) error {
		for _, a := range []charts.Authority{
			{Code: "MIN", Name: "Министерство", Level: "regional", Active: true},
			{Code: "FNS", Name: "Управление ФНС", Level: "federal", Active: true},
		} {
			if err := tx.PutAuthority(ctx, a); err != nil {
				return err
			}
		}
		if err := tx.PutService(ctx, charts.Service{Code: "63001", Name: "Услуга", Level: "state", AuthorityCode: "MIN"}); err != nil {
			return err
		}
		return tx.PutDataKind(ctx, charts.DataKind{Code: "SID0003525", Name: "Выписка из ЕГРЮЛ", ProviderCode: "FNS"})
	})
	if err != nil {
		t.Fatal(err)
	}
	hash, err := accounts.HashPassword("test-password-1")
	if err != nil {
		t.Fatal(err)
	}
	actors := map[string]workflow.Actor{}
	for _, u := range []accounts.NewUser{
		{Login: "spec", Role: policies.RoleSpecialist, Authority: "MIN"},
		{Login: "fns", Role: policies.RoleSpecialist, Authority: "FNS"},
		{Login: "c1", Role: policies.RoleCommission}, {Login: "c2", Role: policies.RoleCommission},
		{Login: "secretary", Role: policies.RoleSecretary}, {Login: "exchange", Role: policies.RoleExchange},
	} {
		id, err := accounts.CreateHashed(ctx, store, u, hash, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		actors[u.Login] = workflow.Actor{ID: id, Login: u.Login, Role: u.Role, Authority: u.Authority}
	}
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	flow := workflow.New(store, authz, workflow.Config{})
	keys, err := routing.OpenKeyStore(filepath.Join(dir, "pcii.keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	flow.SetSigner(keys)

	deadline := 5
	approveChart := func(t *testing.T) {
		body := charts.ChartBody{ServiceCode: "63001", LegalBasis: "210-ФЗ", Interactions: []charts.Interaction{{
			RequestedDocument: "Выписка из ЕГРЮЛ", DataComposition: "ОГРН", RequesterCode: "MIN",
			ProviderCode: "FNS", DataKindCode: "SID0003525", DeadlineDays: deadline, LegalBasis: "ст. 7.2"}}}
		raw, _ := json.Marshal(body)
		save := workflow.Save{Body: raw}
		if list, _ := flow.List(ctx, actors["spec"], storage.DocumentFilter{Kind: charts.KindChart}); len(list) == 1 {
			save.ID, save.BaseRevision = list[0].ID, list[0].Revision
		}
		doc, err := flow.SaveChart(ctx, actors["spec"], save)
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct{ who, action string }{
			{"spec", "submit"}, {"fns", "agree"}, {"c1", "approve"}, {"c2", "approve"},
		} {
			if _, err := flow.Act(ctx, actors[step.who], charts.KindChart, doc.ID, step.action, ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := flow.Publish(ctx, actors["secretary"], false); err != nil {
			t.Fatal(err)
		}
		deadline--
	}
	approveChart(t)
	token, err := accounts.CreateToken(ctx, store, "exchange", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Config{Store: store, Workflow: flow, Keys: keys}))
	t.Cleanup(srv.Close)
	return &registry{url: srv.URL, token: token, keys: keys, publish: approveChart}
}

// runCommand runs the pcii command line and returns its exit code and output.
func runCommand(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRoutingPullCommand(t *testing.T) {
	reg := newRegistry(t)
	dir := t.TempDir()
	keysFile, out := filepath.Join(dir, "keys.json"), filepath.Join(dir, "routing.json")
	if err := os.WriteFile(keysFile, reg.keys.JWKS(), 0o600); err != nil {
		t.Fatal(err)
	}
	pull := func(url string) (int, string) {
		code, stdout, stderr := runCommand("routing", "pull", "--url", url, "--keys", keysFile, "--out", out,
			"--token", reg.token, "--once")
		return code, stdout + stderr
	}
	if code, msg := pull(reg.url); code != 0 || !strings.Contains(msg, "release 1") {
		t.Fatalf("first pull: exit %d: %s", code, msg)
	}
	if code, _, msg := runCommand("routing", "verify", "--keys", keysFile, out); code != 0 {
		t.Fatalf("verify: exit %d: %s", code, msg)
	}
	held, _ := os.ReadFile(out)

	reg.publish(t) // release 2
	target, _ := url.Parse(reg.url)
	tests := []struct {
		name    string
		rewrite func(path string, body []byte) []byte
		// want lists words of which the message must contain one.
		want []string
	}{
		{"tampered release", func(path string, body []byte) []byte {
			if path == "/api/v1/routing" {
				return bytes.Replace(body, []byte(`"deadline_days":4`), []byte(`"deadline_days":9`), 1)
			}
			return body
		}, []string{"signature", "pointer"}},
		{"replayed older release", func(path string, body []byte) []byte {
			if path == "/api/v1/routing" {
				return held
			}
			return body
		}, []string{"serial", "older", "rollback", "pointer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
				r.SetURL(target)
				r.Out.Header.Del("Accept-Encoding") // rewrite plain bytes
			}}
			proxy.ModifyResponse = func(resp *http.Response) error {
				if resp.StatusCode != http.StatusOK {
					return nil
				}
				var buf bytes.Buffer
				buf.ReadFrom(resp.Body)
				resp.Body.Close()
				body := tt.rewrite(resp.Request.URL.Path, buf.Bytes())
				resp.Body = io.NopCloser(bytes.NewReader(body))
				resp.ContentLength = int64(len(body))
				resp.Header.Del("Content-Length")
				resp.Header.Del("ETag")
				return nil
			}
			front := httptest.NewServer(proxy)
			defer front.Close()
			code, msg := pull(front.URL)
			if code == 0 {
				t.Fatalf("pull through a %s succeeded: %s", tt.name, msg)
			}
			explained := false
			for _, w := range tt.want {
				explained = explained || strings.Contains(strings.ToLower(msg), w)
			}
			if !explained || !strings.Contains(msg, "left as it was") {
				t.Errorf("message %q does not explain the %s", msg, tt.name)
			}
			t.Logf("rejected: %s", msg)
			if now, _ := os.ReadFile(out); !bytes.Equal(now, held) {
				t.Error("the held release file changed")
			}
		})
	}
	if code, msg := pull(reg.url); code != 0 || !strings.Contains(msg, "release 2") {
		t.Errorf("honest pull after the attacks: exit %d: %s", code, msg)
	}
}
