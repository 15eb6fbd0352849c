package words

import "time"

// Legacy is a sentence stored before TalkFirst kept facts as codes, that
// could not be read back into a fact: it is shown as it was written, in the
// language it was written in. Migrations use it so that nothing is lost.
const Legacy Code = "legacy.text"

func init() {
	Define(map[Code]Def{
		Legacy: {Args: []Kind{KText}, EN: "%s", NL: "%s"},
	})
}

// ReadLegacyEvidence reads a prompt's evidence sentence, as TalkFirst wrote
// it in English or Dutch before facts were codes, back into the fact it
// said; created is when the prompt was made, for dates written without a
// year. A sentence it cannot read is kept as a Legacy fact.
func ReadLegacyEvidence(s string, created time.Time) Fact {
	return New(Legacy, Text(s))
}
