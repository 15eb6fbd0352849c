package words

import "testing"

func TestParseCountry(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"NL", "NL", true},
		{"nl", "NL", true},
		{"Netherlands", "NL", true},
		{"the Netherlands", "NL", true},
		{"Nederland", "NL", true},
		{" nederland. ", "NL", true},
		{"Holland", "NL", true},
		{"België", "BE", true},
		{"Belgie", "BE", true},
		{"het Verenigd Koninkrijk", "GB", true},
		{"United Kingdom", "GB", true},
		{"UK", "GB", true},
		{"de Verenigde Staten", "US", true},
		{"Duitsland", "DE", true},
		{"de", "DE", true}, // the code, not the Dutch article
		{"FR", "FR", true}, // a code without a name here is still a code
		{"Narnia", "", false},
		{"n", "", false},
		{"", "", false},
		{"1a", "", false},
	} {
		got, ok := ParseCountry(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseCountry(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCountryNames(t *testing.T) {
	t.Parallel()
	for _, cc := range CountryCodes {
		for _, l := range Langs {
			name := l.Country(cc)
			if name == cc {
				t.Errorf("%s has no %s name", cc, l)
			}
			// every name reads back as its code
			if got, ok := ParseCountry(name); !ok || got != cc {
				t.Errorf("ParseCountry(%q) = %q, %v; want %s", name, got, ok, cc)
			}
		}
	}
	if got := NL.Country("fr"); got != "FR" {
		t.Errorf("a country without a name: %q, want its code", got)
	}
	if got := EN.Country("uk"); got != "the United Kingdom" {
		t.Errorf("UK: %q", got)
	}
}
