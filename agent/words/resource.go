package words

// What the app and the command line say beside a help line whose number or
// address TalkFirst has not checked against an official page. The
// research's own note (for the people who keep the list) stays in the JSON.
func init() {
	Add(map[string][2]string{
		"resource.unverified": {"Not checked yet: TalkFirst has not confirmed this one on an official page, so check it before you rely on it.",
			"Nog niet nagekeken: TalkFirst heeft dit nog niet op een officiële pagina bevestigd, dus kijk het na voordat je erop vertrouwt."},
	})
}
