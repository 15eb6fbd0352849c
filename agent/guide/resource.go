package guide

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Resource is one help line or reporting service.
type Resource struct {
	Country    string            `toml:"country" json:"country"`
	Name       string            `toml:"name" json:"name"`
	Phone      string            `toml:"phone" json:"phone"`
	URL        string            `toml:"url" json:"url"`
	Kind       string            `toml:"kind" json:"kind"`
	Audience   string            `toml:"audience" json:"audience"`
	ForText    map[string]string `toml:"for" json:"-"`
	HoursText  map[string]string `toml:"hours" json:"-"`
	Confidence string            `toml:"confidence" json:"-"`
	Source     string            `toml:"source" json:"source"`
	Note       string            `toml:"note" json:"note,omitempty"`
}

// Verified reports whether a source backs the entry (tagged V or S in the
// research). Unverified entries are shown with their note, never as verified.
func (r Resource) Verified() bool { return r.Confidence == "V" || r.Confidence == "S" }

// For is what the service is for, in lang.
func (r Resource) For(lang string) string { return pick(r.ForText, lang) }

// Hours are the opening hours in lang, "" when unknown.
func (r Resource) Hours(lang string) string { return pick(r.HoursText, lang) }

func pick(m map[string]string, lang string) string {
	if v := m[lang]; v != "" {
		return v
	}
	return m["en"]
}

// Kinds of resource, in the order a country's list shows them.
var Kinds = []string{"emergency", "crisis", "child-helpline", "parent-helpline", "victim-support", "report", "removal"}

// International is the country code of entries that serve anyone.
const International = "INT"

var (
	resOnce sync.Once
	resAll  []Resource
	resErr  error
)

// Resources returns every help line, parsed once.
func Resources() ([]Resource, error) {
	resOnce.Do(func() {
		data, err := files.ReadFile("resources.toml")
		if err != nil {
			resErr = err
			return
		}
		resAll, resErr = ParseResources(data)
	})
	return resAll, resErr
}

var ccRe = regexp.MustCompile(`^([A-Z]{2}|INT)$`)

// ParseResources reads and checks a resources file.
func ParseResources(data []byte) ([]Resource, error) {
	var f struct {
		Resource []Resource `toml:"resource"`
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, fmt.Errorf("parse resources: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("parse resources: unknown key %s", und[0])
	}
	var errs []error
	for i, r := range f.Resource {
		where := fmt.Sprintf("resource %d (%s)", i+1, r.Name)
		switch {
		case !ccRe.MatchString(r.Country):
			errs = append(errs, fmt.Errorf("%s: country %q", where, r.Country))
		case r.Name == "":
			errs = append(errs, fmt.Errorf("%s: no name", where))
		case r.Phone == "" && r.URL == "":
			errs = append(errs, fmt.Errorf("%s: neither phone nor url", where))
		case !slices.Contains(Kinds, r.Kind):
			errs = append(errs, fmt.Errorf("%s: kind %q", where, r.Kind))
		case r.Audience != "teen" && r.Audience != "parent" && r.Audience != "both":
			errs = append(errs, fmt.Errorf("%s: audience %q", where, r.Audience))
		case r.ForText["en"] == "" || r.ForText["nl"] == "":
			errs = append(errs, fmt.Errorf("%s: for.en and for.nl are both needed", where))
		case r.Confidence != "V" && r.Confidence != "S" && r.Confidence != "U":
			errs = append(errs, fmt.Errorf("%s: confidence %q", where, r.Confidence))
		case r.Confidence == "U" && strings.TrimSpace(r.Note) == "":
			errs = append(errs, fmt.Errorf("%s: an unverified entry needs a note", where))
		case r.Source == "":
			errs = append(errs, fmt.Errorf("%s: no source", where))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return f.Resource, nil
}

// ForCountry returns the entries for country cc followed by the international
// ones, and whether cc has entries of its own.
func ForCountry(cc string) ([]Resource, bool, error) {
	all, err := Resources()
	if err != nil {
		return nil, false, err
	}
	cc = strings.ToUpper(strings.TrimSpace(cc))
	if cc == "UK" {
		cc = "GB"
	}
	var own, intl []Resource
	for _, r := range all {
		switch r.Country {
		case cc:
			if cc != International {
				own = append(own, r)
			}
		case International:
			intl = append(intl, r)
		}
	}
	return append(own, intl...), len(own) > 0, nil
}

// Countries lists the countries with entries of their own.
func Countries() []string {
	all, _ := Resources()
	var out []string
	for _, r := range all {
		if r.Country != International && !slices.Contains(out, r.Country) {
			out = append(out, r.Country)
		}
	}
	return out
}
