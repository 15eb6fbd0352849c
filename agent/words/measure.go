package words

// How time in front is measured on a computer, and why it cannot be. A
// reason is a part of a sentence: "Time in front can't be measured here:
// GNOME on Wayland doesn't let apps see which window is in front."

// How time in front is measured (parts).
const (
	MethodX11         Code = "method.x11"
	MethodWindows     Code = "method.windows"
	MethodMacOS       Code = "method.macos"
	MethodUnavailable Code = "method.unavailable"
)

// Why time in front cannot be measured (parts).
const (
	MeasureGnomeWayland Code = "measure.gnome-wayland"
	MeasureKDEWayland   Code = "measure.kde-wayland"
	MeasureWayland      Code = "measure.wayland"
	MeasureNoDesktop    Code = "measure.no-desktop"
	MeasureOff          Code = "measure.off"
	MeasureNotYet       Code = "measure.not-yet"    // the agent has not run yet
	MeasureUnreadable   Code = "measure.unreadable" // the measurement record could not be read
	MeasureX11Down      Code = "measure.x11-unreachable"
	MeasureX11NoIdle    Code = "measure.x11-no-idle"
	MeasureX11Gone      Code = "measure.x11-gone"
	MeasureClosed       Code = "measure.closed" // the reader was closed (the agent is stopping)
	MeasureWinService   Code = "measure.windows-service"
	MeasureWinNoIdle    Code = "measure.windows-no-idle"
	// MeasureUnsupported: this OS [Text: its name] is not one TalkFirst can ask.
	MeasureUnsupported Code = "measure.unsupported"
	// MeasureUnknown: no reason was given.
	MeasureUnknown Code = "measure.unknown"
)

func init() {
	Define(map[Code]Def{
		MethodX11:         {Part: true, EN: "measured with X11", NL: "gemeten met X11"},
		MethodWindows:     {Part: true, EN: "measured by Windows", NL: "gemeten door Windows"},
		MethodMacOS:       {Part: true, EN: "measured by macOS", NL: "gemeten door macOS"},
		MethodUnavailable: {Part: true, EN: "not measured, running time only", NL: "niet gemeten, alleen hoe lang apps open zijn"},

		MeasureGnomeWayland: {Part: true, EN: "GNOME on Wayland doesn't let apps see which window is in front", NL: "GNOME op Wayland laat apps niet zien welk venster vooraan staat"},
		MeasureKDEWayland:   {Part: true, EN: "KDE Plasma on Wayland doesn't let apps see which window is in front", NL: "KDE Plasma op Wayland laat apps niet zien welk venster vooraan staat"},
		MeasureWayland:      {Part: true, EN: "this Wayland desktop doesn't let apps see which window is in front", NL: "deze Wayland-desktop laat apps niet zien welk venster vooraan staat"},
		MeasureNoDesktop:    {Part: true, EN: "there is no desktop to ask which window is in front", NL: "er is geen bureaublad om te vragen welk venster vooraan staat"},
		MeasureOff:          {Part: true, EN: "measuring which app is in front is switched off", NL: "meten welke app vooraan staat, is uitgezet"},
		MeasureNotYet:       {Part: true, EN: "TalkFirst hasn't measured anything on this computer yet", NL: "TalkFirst heeft op deze computer nog niets gemeten"},
		MeasureUnreadable:   {Part: true, EN: "TalkFirst couldn't read how it measures here", NL: "TalkFirst kon niet lezen hoe het hier meet"},
		MeasureX11Down:      {Part: true, EN: "TalkFirst couldn't reach the screen to ask which window is in front", NL: "TalkFirst kon het scherm niet vragen welk venster vooraan staat"},
		MeasureX11NoIdle:    {Part: true, EN: "the screen doesn't say when the computer was last used", NL: "het scherm vertelt niet wanneer de computer voor het laatst is gebruikt"},
		MeasureX11Gone:      {Part: true, EN: "the screen stopped answering", NL: "het scherm gaf geen antwoord meer"},
		MeasureClosed:       {Part: true, EN: "TalkFirst stopped looking at which window is in front", NL: "TalkFirst is gestopt met kijken welk venster vooraan staat"},
		MeasureWinService: {Part: true, EN: "TalkFirst runs as a Windows service, which can't see the desktop; it has to run as the teen's user",
			NL: "TalkFirst draait als Windows-service en die kan het bureaublad niet zien; het moet draaien als de gebruiker van de tiener"},
		MeasureWinNoIdle:   {Part: true, EN: "this version of Windows doesn't say when the computer was last used", NL: "deze versie van Windows vertelt niet wanneer de computer voor het laatst is gebruikt"},
		MeasureUnsupported: {Part: true, Args: []Kind{KText}, EN: "TalkFirst can't see the window in front on %s", NL: "TalkFirst kan op %s niet zien welk venster vooraan staat"},
		MeasureUnknown:     {Part: true, EN: "this computer doesn't say which window is in front", NL: "deze computer vertelt niet welk venster vooraan staat"},
	})
}

// MethodCode is the part that says how time in front is measured, for a
// measurement method as the store keeps it ("x11", "windows", "macos",
// "unavailable").
func MethodCode(method string) Code {
	switch method {
	case "x11":
		return MethodX11
	case "windows":
		return MethodWindows
	case "macos":
		return MethodMacOS
	}
	return MethodUnavailable
}
