package words

// What is wrong with a family agreement or a new PIN (agent/consent's
// InvalidError), as parts of a sentence: the command line says them after
// "talkfirst-agent: setup: ", the English words are the errors' text.
const (
	InvalidTeenMissing  Code = "invalid.teen-missing"    // no first name
	InvalidTeenName     Code = "invalid.teen-name"       // too long, or with line breaks
	InvalidAge          Code = "invalid.age"             // [Count age, Count youngest, Count oldest]
	InvalidCountry      Code = "invalid.country"         // [Text the country given]
	InvalidLang         Code = "invalid.lang"            // [Text the language given]
	InvalidNight        Code = "invalid.night"           // not two different times of day
	InvalidRetention    Code = "invalid.retention"       // [Count days, Count fewest, Count most]
	InvalidTeenAgreed   Code = "invalid.teen-not-agreed" // the teen has not said yes
	InvalidParentAgreed Code = "invalid.parent-not-agreed"
	InvalidExpires      Code = "invalid.expires" // it would end before it is made
	InvalidPINMissing   Code = "invalid.pin-missing"
	InvalidPINShort     Code = "invalid.pin-short" // [Count the fewest characters]
	InvalidPINLong      Code = "invalid.pin-long"  // [Count the most characters]
)

func init() {
	Define(map[Code]Def{
		InvalidTeenMissing: {Part: true, EN: "the teen's first name is missing", NL: "de voornaam van de tiener ontbreekt"},
		InvalidTeenName:    {Part: true, EN: "the first name is too long or has line breaks", NL: "de voornaam is te lang of loopt over meer regels"},
		InvalidAge: {Part: true, Args: []Kind{KCount, KCount, KCount}, EN: "age %s is outside %s to %s, the ages TalkFirst is made for",
			NL: "leeftijd %s valt buiten %s tot en met %s, de leeftijden waarvoor TalkFirst is gemaakt"},
		InvalidCountry: {Part: true, Args: []Kind{KText}, EN: `country "%s" is not a two-letter country code such as NL, GB or US`,
			NL: `land "%s" is geen landcode van twee letters, zoals NL, BE of GB`},
		InvalidLang:  {Part: true, Args: []Kind{KText}, EN: `language "%s" is not en or nl`, NL: `taal "%s" is niet en of nl`},
		InvalidNight: {Part: true, EN: "night hours must be two different times of day", NL: "de nachturen moeten twee verschillende tijden zijn"},
		InvalidRetention: {Part: true, Args: []Kind{KCount, KCount, KCount}, EN: "keeping data for %s days is outside %s to %s",
			NL: "gegevens %s dagen bewaren valt buiten %s tot en met %s dagen"},
		InvalidTeenAgreed:   {Part: true, EN: "the teen has not agreed", NL: "de tiener is niet akkoord gegaan"},
		InvalidParentAgreed: {Part: true, EN: "the parent has not agreed", NL: "de ouder is niet akkoord gegaan"},
		InvalidExpires:      {Part: true, EN: "the agreement must expire after it is made", NL: "de afspraak moet aflopen nadat hij is gemaakt"},
		InvalidPINMissing:   {Part: true, EN: "no parent PIN is set", NL: "er is geen pincode van de ouder ingesteld"},
		InvalidPINShort:     {Part: true, Args: []Kind{KCount}, EN: "the PIN needs at least %s characters", NL: "de pincode moet minstens %s tekens hebben"},
		InvalidPINLong:      {Part: true, Args: []Kind{KCount}, EN: "the PIN can have at most %s characters", NL: "de pincode mag hoogstens %s tekens hebben"},
	})
}
