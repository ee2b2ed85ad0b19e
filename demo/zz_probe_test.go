package demo

import "testing"

func TestProbe(t *testing.T) {
	d := Region()
	t.Log(len(d.Authorities), len(d.Services), len(d.Passports), len(d.Charts))
}
