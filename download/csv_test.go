package download

import "testing"

func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{
		"财政拨款": "财政拨款", "=1+2": "'=1+2", "+1": "'+1", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "": "",
	} {
		if got := csvText(in); got != want {
			t.Errorf("csvText(%q) = %q, want %q", in, got, want)
		}
	}
}
