package routing

import "testing"

func TestETag(t *testing.T) {
	want := `"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"`
	if got := ETag([]byte("abc")); got != want {
		t.Errorf("ETag(abc) = %s, expected %s", got, want)
	}
}

func TestMatchesIfNoneMatch(t *testing.T) {
	const etag = `"abc"`
	tests := []struct {
		name   string
		header string
		etag   string
		want   bool
	}{
		{"empty header", "", etag, false},
		{"same tag", `"abc"`, etag, true},
		{"other tag", `"abd"`, etag, false},
		{"star", "*", etag, true},
		{"star with spaces", " * ", etag, true},
		{"star without representation", "*", "", false},
		{"weak header tag", `W/"abc"`, etag, true},
		{"weak current tag", `"abc"`, `W/"abc"`, true},
		{"list with match last", `"x", "y",W/"abc"`, etag, true},
		{"list with match first", `"abc" , "y"`, etag, true},
		{"list without match", `"x", "y"`, etag, false},
		{"empty list elements", `, ,"abc",`, etag, true},
		{"unquoted tag", `abc`, etag, false},
		{"lowercase weak prefix", `w/"abc"`, etag, false},
		{"unterminated", `"abc`, etag, false},
		{"missing comma", `"x" "abc"`, etag, false},
		{"space inside tag", `"ab c"`, `"ab c"`, false},
		{"star inside list", `"x", *`, etag, false},
		{"tag without quotes in header", `"abc"`, "abc", false},
		{"empty opaque tag", `""`, `""`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchesIfNoneMatch(tt.header, tt.etag); got != tt.want {
				t.Errorf("MatchesIfNoneMatch(%q, %q) = %v, expected %v", tt.header, tt.etag, got, tt.want)
			}
		})
	}
}
