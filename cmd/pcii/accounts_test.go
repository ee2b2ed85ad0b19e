package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"pcii/accounts"
	"pcii/storage"
)

func TestUserAddPasswordLength(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pcii.db")
	short := strings.Repeat("я", accounts.MinPasswordLength-1)
	enough := strings.Repeat("я", accounts.MinPasswordLength)
	tests := []struct {
		name     string
		login    string
		password string
		wantCode int
		wantErr  string
	}{
		{name: "one character short", login: "short", password: short, wantCode: 1,
			wantErr: fmt.Sprintf("use at least %d", accounts.MinPasswordLength)},
		{name: "empty", login: "empty", password: "", wantCode: 1, wantErr: "has 0 characters"},
		// Characters are counted, not bytes: 10 Cyrillic letters are 20 bytes.
		{name: "minimum length", login: "enough", password: enough, wantCode: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.password+"\n", "user", "add", "--db", db, "--login", tt.login,
				"--role", "official", "--password-stdin")
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tt.wantCode, out, errOut)
			}
			if tt.wantErr != "" && !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.wantErr)
			}
		})
	}

	ctx := context.Background()
	store, err := storage.Open(ctx, db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := accounts.Authenticate(ctx, store, "enough", enough); err != nil {
		t.Errorf("sign in with the %d-character password: %v", utf8.RuneCountInString(enough), err)
	}
	for _, login := range []string{"short", "empty"} {
		err := store.Read(ctx, func(tx *storage.Tx) error {
			_, err := tx.UserByLogin(ctx, login)
			return err
		})
		if err == nil {
			t.Errorf("user %s was created despite the rejected password", login)
		}
	}
}
