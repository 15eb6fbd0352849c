package words

// How TalkFirst knows an app is installed: the evidence of a scan and of an
// install change, as a part of a sentence ("Telegram was installed (flatpak
// org.telegram.desktop)"). The argument is the identifier that matched (a
// desktop entry id, a flatpak id, a folder, a registry key's name), shown as
// it is in every language.
const (
	FoundDesktop         Code = "found.desktop"         // a desktop entry [id]
	FoundDesktopFlatpak  Code = "found.desktop-flatpak" // a flatpak's desktop entry [id]
	FoundDesktopFlatpakU Code = "found.desktop-flatpak-user"
	FoundDesktopSnap     Code = "found.desktop-snap" // a snap's desktop entry [id]
	// FoundShortcut is a desktop entry that only starts another program
	// [the entry: a part, the program].
	FoundShortcut  Code = "found.shortcut-of"
	FoundFlatpak   Code = "found.flatpak"      // a flatpak install folder [id]
	FoundFlatpakU  Code = "found.flatpak-user" // in the user's flatpak folder [id]
	FoundSnap      Code = "found.snap"         // [name]
	FoundAppImage  Code = "found.appimage"     // [file name]
	FoundInstall   Code = "found.install"      // a program folder [folder]
	FoundData      Code = "found.data"         // a folder the app writes once used [folder]
	FoundBundle    Code = "found.bundle"       // a .app bundle [bundle id]
	FoundRegistry  Code = "found.registry"     // an Uninstall entry [its display name]
	FoundStore     Code = "found.store"        // a Store package [family name]
	FoundStartMenu Code = "found.start-menu"   // a Start Menu shortcut [file name]
)

func init() {
	Define(map[Code]Def{
		FoundDesktop:         {Part: true, Args: []Kind{KText}, EN: "desktop entry %s", NL: "programmastarter %s"},
		FoundDesktopFlatpak:  {Part: true, Args: []Kind{KText}, EN: "flatpak desktop entry %s", NL: "programmastarter van flatpak %s"},
		FoundDesktopFlatpakU: {Part: true, Args: []Kind{KText}, EN: "flatpak desktop entry %s (user)", NL: "programmastarter van flatpak %s (gebruiker)"},
		FoundDesktopSnap:     {Part: true, Args: []Kind{KText}, EN: "snap desktop entry %s", NL: "programmastarter van snap %s"},
		FoundShortcut:        {Part: true, Args: []Kind{KFact, KText}, EN: "%s (a %s shortcut)", NL: "%s (een snelkoppeling naar %s)"},
		FoundFlatpak:         {Part: true, Args: []Kind{KText}, EN: "flatpak %s", NL: "flatpak %s"},
		FoundFlatpakU:        {Part: true, Args: []Kind{KText}, EN: "flatpak %s (user)", NL: "flatpak %s (gebruiker)"},
		FoundSnap:            {Part: true, Args: []Kind{KText}, EN: "snap %s", NL: "snap %s"},
		FoundAppImage:        {Part: true, Args: []Kind{KText}, EN: "AppImage %s", NL: "AppImage %s"},
		FoundInstall:         {Part: true, Args: []Kind{KText}, EN: "installed to %s", NL: "geïnstalleerd in %s"},
		FoundData:            {Part: true, Args: []Kind{KText}, EN: "used: data folder %s", NL: "gebruikt: gegevensmap %s"},
		FoundBundle:          {Part: true, Args: []Kind{KText}, EN: "app bundle %s", NL: "app-bundel %s"},
		FoundRegistry:        {Part: true, Args: []Kind{KText}, EN: `Uninstall entry "%s"`, NL: `verwijderregel "%s" in het register`},
		FoundStore:           {Part: true, Args: []Kind{KText}, EN: "Store package %s", NL: "Store-pakket %s"},
		FoundStartMenu:       {Part: true, Args: []Kind{KText}, EN: `Start Menu shortcut "%s"`, NL: `snelkoppeling "%s" in het menu Start`},
	})
}
