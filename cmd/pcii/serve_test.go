package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"pcii/accounts"
	"pcii/charts"
	"pcii/policies"
	"pcii/storage"
	"pcii/workflow"
)

const testPassword = "correct-horse-battery"

var (
	binDir    string
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	var err error
	binDir, err = os.MkdirTemp("", "pcii-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// pciiBinary builds the pcii command once per test run, without the race
// detector, and returns its path.
func pciiBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binPath = filepath.Join(binDir, "pcii")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// fixture is a database with a small registry, a specialist with an API
// token and one draft chart per service.
type fixture struct {
	db       string
	token    string
	services []string
	charts   map[string]int64 // service code -> chart id
}

// chartBodyJSON returns a valid chart of service that requests one data
// kind from FNS, with legal as its legal basis.
func chartBodyJSON(service, legal string) charts.ChartBody {
	return charts.ChartBody{ServiceCode: service, LegalBasis: legal,
		Interactions: []charts.Interaction{{
			RequestedDocument: "Выписка из ЕГРЮЛ", DataComposition: "ОГРН, ИНН",
			RequesterCode: "MINSOC", ProviderCode: "FNS", DataKindCode: "SID0003525", DeadlineDays: 5,
			LegalBasis: "ст. 7.2 Федерального закона № 210-ФЗ",
			Deadline: &charts.Deadline{
				Total:  charts.Term{Value: 7, Unit: charts.UnitWorkingDays},
				Send:   charts.Term{Value: 1, Unit: charts.UnitWorkingDays},
				Answer: charts.Term{Value: 5, Unit: charts.UnitWorkingDays},
				Attach: charts.Term{Value: 1, Unit: charts.UnitWorkingDays},
			},
		}}}
}

// newFixture builds the fixture in dir/pcii.db in process. Passwords are
// hashed at bcrypt's minimum cost to keep the setup fast.
func newFixture(t *testing.T, services int) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{db: filepath.Join(t.TempDir(), "pcii.db"), charts: map[string]int64{}}
	store, err := storage.Open(ctx, f.db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for i := 1; i <= services; i++ {
		f.services = append(f.services, fmt.Sprintf("63000000000000%05d", i))
	}
	err = store.Write(ctx, func(tx *storage.Tx) error {
		for _, a := range []charts.Authority{
			{Code: "MINSOC", Name: "Министерство социально-демографической и семейной политики", Level: "regional", Active: true},
			{Code: "FNS", Name: "Управление ФНС России", Level: "federal", Active: true},
		} {
			if err := tx.PutAuthority(ctx, a); err != nil {
				return err
			}
		}
		for _, code := range f.services {
			if err := tx.PutService(ctx, charts.Service{Code: code, Name: "Услуга " + code, Level: "state",
				AuthorityCode: "MINSOC"}); err != nil {
				return err
			}
		}
		return tx.PutDataKind(ctx, charts.DataKind{Code: "SID0003525", Name: "Выписка из ЕГРЮЛ", ProviderCode: "FNS"})
	})
	if err != nil {
		t.Fatal(err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []accounts.NewUser{
		{Login: "spec", Role: policies.RoleSpecialist, Authority: "MINSOC"},
		{Login: "official", Role: policies.RoleOfficial},
	} {
		if _, err := accounts.CreateHashed(ctx, store, u, string(hash), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if f.token, err = accounts.CreateToken(ctx, store, "spec", time.Now()); err != nil {
		t.Fatal(err)
	}
	authz, err := policies.New()
	if err != nil {
		t.Fatal(err)
	}
	flow := workflow.New(store, authz, workflow.Config{})
	var spec storage.User
	store.Read(ctx, func(tx *storage.Tx) error {
		spec, err = tx.UserByLogin(ctx, "spec")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range f.services {
		body, _ := json.Marshal(chartBodyJSON(code, "Редакция 0"))
		doc, err := flow.SaveChart(ctx, workflow.ActorOf(spec), workflow.Save{Body: body})
		if err != nil {
			t.Fatalf("create chart of %s: %v", code, err)
		}
		f.charts[code] = doc.ID
	}
	return f
}

// serverProcess is a running pcii serve.
type serverProcess struct {
	cmd  *exec.Cmd
	URL  string
	addr string
	logs *lockedBuffer
	done chan error
}

// lockedBuffer collects a process's stderr for the test's failure messages.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServer runs pcii serve on a free loopback port and waits until it
// logs its URL.
func startServer(t *testing.T, db string, extra ...string) *serverProcess {
	t.Helper()
	args := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, extra...)
	cmd := exec.Command(pciiBinary(t), args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProcess{cmd: cmd, logs: &lockedBuffer{}, done: make(chan error, 1)}
	urls := make(chan string, 1)
	go func() {
		scan := bufio.NewScanner(stderr)
		scan.Buffer(make([]byte, 1<<20), 1<<20)
		for scan.Scan() {
			line := scan.Bytes()
			p.logs.Write(append(append([]byte{}, line...), '\n'))
			var rec struct {
				Msg string `json:"msg"`
				URL string `json:"url"`
			}
			if json.Unmarshal(line, &rec) == nil && rec.Msg == "serving" {
				urls <- rec.URL
			}
		}
		p.done <- cmd.Wait()
	}()
	select {
	case p.URL = <-urls:
	case err := <-p.done:
		t.Fatalf("pcii serve exited before serving: %v\n%s", err, p.logs)
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("pcii serve did not start in 20s\n%s", p.logs)
	}
	p.addr = strings.TrimPrefix(strings.TrimPrefix(p.URL, "https://"), "http://")
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait returns the process's exit error, or fails after timeout.
func (p *serverProcess) wait(t *testing.T, timeout time.Duration) error {
	t.Helper()
	select {
	case err := <-p.done:
		return err
	case <-time.After(timeout):
		p.cmd.Process.Kill()
		t.Fatalf("pcii serve did not exit within %s\n%s", timeout, p.logs)
		return nil
	}
}

// kill sends SIGKILL and waits for the process to die.
func (p *serverProcess) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.wait(t, 10*time.Second)
}

// writeSelfSigned writes a self-signed ECDSA certificate for 127.0.0.1 and
// its key as PEM files in dir, and returns their paths and a pool that
// trusts the certificate.
func writeSelfSigned(t *testing.T, dir string) (string, string, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "pcii test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestServeTLS(t *testing.T) {
	f := newFixture(t, 1)
	certFile, keyFile, pool := writeSelfSigned(t, t.TempDir())
	p := startServer(t, f.db, "--tls-cert", certFile, "--tls-key", keyFile)
	if !strings.HasPrefix(p.URL, "https://127.0.0.1:") {
		t.Fatalf("serving URL %q, want https://127.0.0.1:PORT", p.URL)
	}
	client := &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}

	req, _ := http.NewRequest("GET", p.URL+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+f.token)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET /api/v1/me over HTTPS: %v", err)
	}
	var me struct {
		Login string `json:"login"`
	}
	json.NewDecoder(resp.Body).Decode(&me)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || me.Login != "spec" {
		t.Fatalf("GET /api/v1/me over HTTPS: status %d login %q, want 200 spec", resp.StatusCode, me.Login)
	}
	if resp.TLS == nil {
		t.Error("response did not come over TLS")
	}

	login, _ := json.Marshal(map[string]string{"login": "spec", "password": testPassword})
	resp, err = client.Post(p.URL+"/api/v1/login", "application/json", bytes.NewReader(login))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "pcii_session" {
			session = c
		}
	}
	if resp.StatusCode != http.StatusOK || session == nil || !session.Secure || !session.HttpOnly {
		t.Errorf("login over HTTPS: status %d cookie %+v, want 200 and a Secure HttpOnly cookie", resp.StatusCode, session)
	}

	// Plain HTTP to the TLS port gets no API response.
	plain, err := (&http.Client{Timeout: 5 * time.Second}).Get("http://" + p.addr + "/api/v1/me")
	if err == nil {
		body, _ := io.ReadAll(plain.Body)
		plain.Body.Close()
		if plain.StatusCode != http.StatusBadRequest || bytes.Contains(body, []byte("login")) {
			t.Errorf("plain HTTP to the TLS port: status %d body %q, want 400", plain.StatusCode, body)
		}
	}

	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.wait(t, 15*time.Second); err != nil {
		t.Errorf("exit after SIGTERM: %v\n%s", err, p.logs)
	}
}

func TestServeRejectsHalfTLSConfig(t *testing.T) {
	f := newFixture(t, 1)
	out, err := exec.Command(pciiBinary(t), "serve", "--db", f.db, "--addr", "127.0.0.1:0",
		"--tls-cert", "cert.pem").CombinedOutput()
	if err == nil {
		t.Fatalf("serve with --tls-cert only succeeded: %s", out)
	}
	if !strings.Contains(string(out), "go together") {
		t.Errorf("output %q does not explain that both TLS flags are needed", out)
	}
}
