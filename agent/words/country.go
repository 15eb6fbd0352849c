package words

import (
	"strings"
	"unicode/utf8"
)

// Countries: the names of the countries TalkFirst has help lines for
// (guide.Countries), by their ISO 3166 two-letter code, in each language.
// A family may type a country by its code or by its name in either
// language; ParseCountry reads both.

// CountryCodes are the countries with a name here, by code.
var CountryCodes = []string{"AU", "BE", "CA", "DE", "GB", "IE", "NL", "US"}

func init() {
	Add(map[string][2]string{
		"country.AU": {"Australia", "Australië"},
		"country.BE": {"Belgium", "België"},
		"country.CA": {"Canada", "Canada"},
		"country.DE": {"Germany", "Duitsland"},
		"country.GB": {"the United Kingdom", "het Verenigd Koninkrijk"},
		"country.IE": {"Ireland", "Ierland"},
		"country.NL": {"the Netherlands", "Nederland"},
		"country.US": {"the United States", "de Verenigde Staten"},
	})
}

// countryAliases are other names people type for a country, folded as
// foldCountry folds them. They are read, never shown.
var countryAliases = map[string]string{
	"holland": "NL", "nederlands": "NL", "dutch": "NL",
	"uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
	"northern ireland": "GB", "groot-brittannie": "GB", "engeland": "GB", "schotland": "GB", "verenigd koninkrijk": "GB",
	"usa": "US", "america": "US", "united states of america": "US", "amerika": "US", "vs": "US", "verenigde staten van amerika": "US",
	"belgique": "BE", "belgien": "BE", "deutschland": "DE", "eire": "IE", "australie": "AU",
}

// Country is the name of the country cc in l: "the Netherlands",
// "Nederland". A code without a name here is shown as it is, in upper case.
func (l Lang) Country(cc string) string {
	cc = strings.ToUpper(strings.TrimSpace(cc))
	if cc == "UK" {
		cc = "GB"
	}
	if key := "country." + cc; Has(key) {
		return l.T(key)
	}
	return cc
}

// ParseCountry reads a country as a person types it: a country's name in
// English or Dutch, in any case and with or without accents and "the"
// ("Netherlands", "the Netherlands", "Nederland", "Belgie"), a common other
// name ("Holland", "UK"), or any two-letter code ("nl", "FR"). It returns
// the code in upper case; ok is false for anything else.
func ParseCountry(s string) (cc string, ok bool) {
	f := foldCountry(s)
	if f == "" {
		return "", false
	}
	for _, c := range CountryCodes {
		v, _ := Lookup("country." + c)
		for _, name := range v {
			if foldCountry(name) == f {
				return c, true
			}
		}
	}
	if c, found := countryAliases[f]; found {
		return c, true
	}
	if utf8.RuneCountInString(f) == 2 && isASCIILetters(f) {
		return strings.ToUpper(f), true
	}
	return "", false
}

// foldCountry lowercases s, folds the accents Dutch and English country
// names use, and drops a leading article and a trailing full stop.
func foldCountry(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimRight(s, ". ")
	s = strings.NewReplacer("ë", "e", "é", "e", "è", "e", "ï", "i", "ö", "o", "ü", "u", "’", "'").Replace(s)
	for _, article := range []string{"the ", "het ", "de "} {
		if rest, ok := strings.CutPrefix(s, article); ok {
			s = strings.TrimSpace(rest)
			break
		}
	}
	return strings.Join(strings.Fields(s), " ")
}

func isASCIILetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
