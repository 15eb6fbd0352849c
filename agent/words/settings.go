package words

// A change to the family agreement, as a part of a sentence ("A parent
// changed the agreement: night hours: 22:00–06:00 becomes 23:00–07:00").
const (
	SettingNight     Code = "setting.night"      // [Night old, Night new]
	SettingRetention Code = "setting.retention"  // [Count old days, Count new days]
	SettingSchoolOn  Code = "setting.school-on"  // prompts for school and work apps switched on
	SettingSchoolOff Code = "setting.school-off" // switched off
	SettingExpires   Code = "setting.expires"    // [Date old, Date new]
	SettingCountry   Code = "setting.country"    // [Text old, Text new]
	SettingLang      Code = "setting.lang"       // [Part old language, Part new language]
	SettingTeen      Code = "setting.teen"       // [Text old name, Text new name]
	SettingNeedsYes  Code = "setting.needs-yes"  // [Part a change]: the change needs the teen's yes again
	LanguageEN       Code = "language.en"        // the language's name
	LanguageNL       Code = "language.nl"
)

func init() {
	Define(map[Code]Def{
		SettingNight: {Part: true, Args: []Kind{KNight, KNight}, EN: "night hours: %s becomes %s", NL: "nachturen: %s wordt %s"},
		SettingRetention: {Part: true, Args: []Kind{KKeep, KKeep}, EN: "data is kept for %[2]s instead of %[1]s",
			NL: "gegevens worden %[2]s bewaard in plaats van %[1]s"},
		SettingSchoolOn:  {Part: true, EN: "conversation prompts for school and work apps: off becomes on", NL: "gespreksideeën bij school- en werkapps: uit wordt aan"},
		SettingSchoolOff: {Part: true, EN: "conversation prompts for school and work apps: on becomes off", NL: "gespreksideeën bij school- en werkapps: aan wordt uit"},
		SettingExpires:   {Part: true, Args: []Kind{KDate, KDate}, EN: "the agreement ends on %[2]s instead of %[1]s", NL: "de afspraak loopt af op %[2]s in plaats van %[1]s"},
		SettingCountry:   {Part: true, Args: []Kind{KText, KText}, EN: "country: %s becomes %s", NL: "land: %s wordt %s"},
		SettingLang:      {Part: true, Args: []Kind{KFact, KFact}, EN: "language: %s becomes %s", NL: "taal: %s wordt %s"},
		SettingTeen:      {Part: true, Args: []Kind{KText, KText}, EN: "first name: %s becomes %s", NL: "voornaam: %s wordt %s"},
		SettingNeedsYes:  {Part: true, Args: []Kind{KFact}, EN: "%s (needs a new yes)", NL: "%s (vraagt opnieuw om een ja)"},
		LanguageEN:       {Part: true, EN: "English", NL: "Engels"},
		LanguageNL:       {Part: true, EN: "Dutch", NL: "Nederlands"},
	})
}

// LanguageCode is the part naming lang.
func LanguageCode(l Lang) Code {
	if l == NL {
		return LanguageNL
	}
	return LanguageEN
}
