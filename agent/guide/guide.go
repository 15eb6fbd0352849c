// Package guide holds TalkFirst's conversation guides for parents, the texts
// the teen sees, and the help lines per country. Everything is embedded:
// guides are Markdown with front matter in content/<lang>/<id>/<age>.md (see
// FORMAT.md), teen texts in content/<lang>/teen/<id>.md, and help lines in
// resources.toml. Both languages have the same guide ids and both age bands.
package guide

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed content resources.toml
var files embed.FS

// Languages and age bands.
var (
	Languages = []string{"en", "nl"}
	AgeBands  = []string{"8-12", "13-17"}
)

// Sections are the seven required headings of a guide body, per language, in order.
var Sections = map[string][]string{
	"en": {"Why this matters", "Opening the conversation", "What to listen for", "If your child tells you something",
		"What not to do", "Safety settings to check together", "Next steps and where to get help"},
	"nl": {"Waarom dit ertoe doet", "Het gesprek beginnen", "Waar je op let", "Als je kind je iets vertelt",
		"Wat je beter niet doet", "Veiligheidsinstellingen om samen te bekijken", "Volgende stappen en hulp"},
}

// MinBody is the shortest a guide body may be, in characters.
const MinBody = 1200

// Guide is one guide in one language for one age band.
type Guide struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Ages     []string `json:"ages"`
	Rules    []string `json:"rules"`
	Apps     []string `json:"apps"`
	Language string   `json:"language"`
	Body     string   `json:"body"`
}

// Text is a teen-facing text ("get-help-now", "image-threats", "what-my-parent-sees").
type Text struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Language string `json:"language"`
	Body     string `json:"body"`
}

// Library is every guide and text, by language.
type Library struct {
	guides map[string][]Guide
	texts  map[string]map[string]Text
}

var (
	once    sync.Once
	lib     *Library
	libErr  error
	content fs.FS
)

func init() {
	sub, err := fs.Sub(files, "content")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	content = sub
}

// Default returns the embedded library, parsed once.
func Default() (*Library, error) {
	once.Do(func() { lib, libErr = Parse(content) })
	return lib, libErr
}

// Parse reads a content tree laid out as content/ is.
func Parse(fsys fs.FS) (*Library, error) {
	l := &Library{guides: map[string][]Guide{}, texts: map[string]map[string]Text{}}
	var errs []error
	for _, lang := range Languages {
		l.texts[lang] = map[string]Text{}
		ids, err := fs.ReadDir(fsys, lang)
		if err != nil {
			return nil, fmt.Errorf("guides %s: %w", lang, err)
		}
		for _, d := range ids {
			if !d.IsDir() {
				continue
			}
			dir := path.Join(lang, d.Name())
			entries, err := fs.ReadDir(fsys, dir)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			for _, e := range entries {
				if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
					continue
				}
				p := path.Join(dir, e.Name())
				data, err := fs.ReadFile(fsys, p)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				fm, body, err := parseFrontMatter(data)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", p, err))
					continue
				}
				if d.Name() == "teen" {
					t := Text{ID: fm.str("id"), Title: fm.str("title"), Language: fm.str("language"), Body: body}
					if t.ID+".md" != e.Name() || t.Language != lang || t.Title == "" {
						errs = append(errs, fmt.Errorf("%s: front matter id, title or language does not match the file", p))
						continue
					}
					l.texts[lang][t.ID] = t
					continue
				}
				g := Guide{ID: fm.str("id"), Title: fm.str("title"), Ages: fm.list("ages"), Rules: fm.list("rules"),
					Apps: fm.list("apps"), Language: fm.str("language"), Body: body}
				if err := g.check(d.Name(), strings.TrimSuffix(e.Name(), ".md"), lang); err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", p, err))
					continue
				}
				l.guides[lang] = append(l.guides[lang], g)
			}
		}
		slices.SortFunc(l.guides[lang], func(a, b Guide) int {
			return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(slices.Index(AgeBands, a.Ages[0]), slices.Index(AgeBands, b.Ages[0])))
		})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return l, nil
}

// check validates a guide against its place in the tree and FORMAT.md.
func (g Guide) check(dirID, age, lang string) error {
	switch {
	case g.ID != dirID:
		return fmt.Errorf("id %q is not the folder name %q", g.ID, dirID)
	case len(g.Ages) != 1 || g.Ages[0] != age:
		return fmt.Errorf("ages %v is not [%s], the file name", g.Ages, age)
	case !slices.Contains(AgeBands, age):
		return fmt.Errorf("unknown age band %q", age)
	case g.Language != lang:
		return fmt.Errorf("language %q is not the folder's %q", g.Language, lang)
	case strings.TrimSpace(g.Title) == "":
		return errors.New("no title")
	case utf8.RuneCountInString(g.Body) < MinBody:
		return fmt.Errorf("body has %d characters, fewer than %d", utf8.RuneCountInString(g.Body), MinBody)
	}
	return checkSections(g.Body, Sections[lang])
}

// checkSections makes sure the body's ## headings are exactly want, in order,
// and that none is empty.
func checkSections(body string, want []string) error {
	var got []string
	var sizes []int
	for _, line := range strings.Split(body, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			got = append(got, strings.TrimSpace(h))
			sizes = append(sizes, 0)
			continue
		}
		if len(sizes) > 0 {
			sizes[len(sizes)-1] += len(strings.TrimSpace(line))
		}
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("sections %q, want %q", got, want)
	}
	for i, n := range sizes {
		if n < 80 {
			return fmt.Errorf("section %q is nearly empty", got[i])
		}
	}
	return nil
}

// frontMatter is the parsed key: value block.
type frontMatter map[string]string

func (f frontMatter) str(k string) string { return strings.TrimSpace(f[k]) }

func (f frontMatter) list(k string) []string {
	v := strings.TrimSpace(f[k])
	v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	out := []string{}
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseFrontMatter splits "---\nkey: value\n---\nbody".
func parseFrontMatter(data []byte) (frontMatter, string, error) {
	if !utf8.Valid(data) {
		return nil, "", errors.New("not UTF-8")
	}
	s := strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\ufeff"))), "\r\n", "\n")
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return nil, "", errors.New("no front matter")
	}
	head, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		return nil, "", errors.New("front matter is not closed with ---")
	}
	fm := frontMatter{}
	for _, line := range strings.Split(head, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, "", fmt.Errorf("front matter line %q is not key: value", line)
		}
		fm[strings.TrimSpace(k)] = v
	}
	return fm, strings.TrimSpace(body) + "\n", nil
}

// All returns every guide in lang, sorted by id and age band.
func (l *Library) All(lang string) []Guide { return l.guides[lang] }

// IDs returns the guide ids in lang.
func (l *Library) IDs(lang string) []string {
	var ids []string
	for _, g := range l.guides[lang] {
		if !slices.Contains(ids, g.ID) {
			ids = append(ids, g.ID)
		}
	}
	return ids
}

// Find returns guide id in lang for an age band.
func (l *Library) Find(lang, id, age string) (Guide, bool) {
	for _, g := range l.guides[lang] {
		if g.ID == id && g.Ages[0] == age {
			return g, true
		}
	}
	return Guide{}, false
}

// ForRule returns the id of the guide that answers rule (the first that lists it).
func (l *Library) ForRule(rule string) (string, bool) {
	for _, g := range l.guides["en"] {
		if slices.Contains(g.Rules, rule) {
			return g.ID, true
		}
	}
	return "", false
}

// Text returns a teen text in lang.
func (l *Library) Text(lang, id string) (Text, bool) {
	t, ok := l.texts[lang][id]
	return t, ok
}

// TextIDs are the teen texts every language has.
var TextIDs = []string{"what-my-parent-sees", "get-help-now", "image-threats"}
