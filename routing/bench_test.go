package routing

import (
	"encoding/json"
	"testing"
)

// BenchmarkEncode measures Encode of a release with 4,000 routes against a
// bare encoding/json Marshal of the same release, which neither copies,
// sorts nor normalizes the routes.
func BenchmarkEncode(b *testing.B) {
	release := Release{Serial: 2, GeneratedAt: baseTime, PreviousSHA256: SHA256Hex(nil), Routes: sampleRoutes(4000)}

	b.Run("Encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Encode(release); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(release); err != nil {
				b.Fatal(err)
			}
		}
	})
}
