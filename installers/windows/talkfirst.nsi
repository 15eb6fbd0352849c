; TalkFirst for Windows: a per-user installer, built on Linux with makensis
; (see `make installer`). It installs into %LOCALAPPDATA%\Programs\TalkFirst
; without asking for administrator rights, adds a Start-menu shortcut and an
; entry in Settings > Apps (HKCU), and opens TalkFirst at the end so the
; family can set it up together. It does not start the agent: nothing is
; recorded until the teen and a parent have agreed in the app, which then
; starts the agent at sign-in (the HKCU Run key, written by the agent).
;
; The uninstaller stops the agent, removes its Run-key entry, and removes
; every file and key this installer wrote. It asks before deleting the
; family's data (%LOCALAPPDATA%\TalkFirst); a silent uninstall (/S) keeps
; the data unless /DELETEDATA is given.
;
;   makensis -DVERSION=1.2.3 -DBINDIR=/path/to/exes -DOUTFILE=/path/TalkFirst-Setup.exe talkfirst.nsi
;
; BINDIR holds talkfirst.exe (the app), talkfirst-agent.exe (the agent's
; command line) and talkfirst-agentw.exe (the same agent built without a
; console, which is what runs at sign-in).

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef BINDIR
  !error "pass -DBINDIR=folder with talkfirst.exe, talkfirst-agent.exe and talkfirst-agentw.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "TalkFirst-Setup.exe"
!endif

!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\TalkFirst"
!define DATADIR "$LOCALAPPDATA\TalkFirst"

Name "TalkFirst"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\TalkFirst"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "TalkFirst ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "TalkFirst"
VIAddVersionKey /LANG=0 "FileDescription" "TalkFirst installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "TalkFirst"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\talkfirst.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunApp)"
!define MUI_WELCOMEPAGE_TEXT "$(Welcome)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Dutch"

LangString Welcome ${LANG_ENGLISH} "TalkFirst helps parents and teens talk about online life. It notices which chat apps and games with chat are on this computer, and how much time goes into them. It never reads messages.$\r$\n$\r$\nIt records nothing until you have set it up together, at this computer. Click Next to install it for this Windows user."
LangString Welcome ${LANG_DUTCH} "TalkFirst helpt ouders en tieners om over hun online leven te praten. Het ziet welke chat-apps en games met chat er op deze computer staan, en hoeveel tijd erin gaat. Het leest nooit berichten.$\r$\n$\r$\nHet houdt niets bij tot jullie het samen hebben ingesteld, aan deze computer. Klik op Volgende om het voor deze Windows-gebruiker te installeren."
LangString RunApp ${LANG_ENGLISH} "Open TalkFirst to set it up together"
LangString RunApp ${LANG_DUTCH} "TalkFirst openen om het samen in te stellen"
LangString AskDelete ${LANG_ENGLISH} "Also delete the family agreement and everything TalkFirst recorded on this computer?$\r$\n$\r$\nChoose No to keep it, for example to look back at it after installing TalkFirst again."
LangString AskDelete ${LANG_DUTCH} "Ook de gezinsafspraak en alles wat TalkFirst op deze computer heeft bijgehouden verwijderen?$\r$\n$\r$\nKies Nee om het te bewaren, bijvoorbeeld om het na een nieuwe installatie terug te zien."
LangString DataKept ${LANG_ENGLISH} "The family's data is kept in $0."
LangString DataKept ${LANG_DUTCH} "De gegevens van het gezin blijven bewaard in $0."

Section "TalkFirst" SecMain
  SectionIn RO
  SetShellVarContext current
  ; An agent from an earlier install holds its program file open: stop it
  ; first. It starts again at the next sign-in, or when the app opens.
  IfFileExists "$INSTDIR\talkfirst-agent.exe" 0 +2
    nsExec::Exec '"$INSTDIR\talkfirst-agent.exe" stop'
  SetOutPath "$INSTDIR"
  File "${BINDIR}\talkfirst.exe"
  File "${BINDIR}\talkfirst-agent.exe"
  File "${BINDIR}\talkfirst-agentw.exe"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\TalkFirst.lnk" "$INSTDIR\talkfirst.exe" "" "$INSTDIR\talkfirst.exe" 0

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "TalkFirst"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "TalkFirst"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\talkfirst.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Stop the agent and remove its Run-key and Startup-apps entries.
  IfFileExists "$INSTDIR\talkfirst-agent.exe" 0 +2
    nsExec::Exec '"$INSTDIR\talkfirst-agent.exe" uninstall'

  Delete "$INSTDIR\talkfirst.exe"
  Delete "$INSTDIR\talkfirst-agent.exe"
  Delete "$INSTDIR\talkfirst-agentw.exe"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  RMDir "$LOCALAPPDATA\Programs"
  Delete "$SMPROGRAMS\TalkFirst.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"

  ; The family's data: ask, and keep it when there is no one to ask.
  StrCpy $0 "${DATADIR}"
  IfFileExists "$0\*.*" 0 done
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/DELETEDATA" $2
  IfErrors 0 delete
  IfSilent keep
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$(AskDelete)" /SD IDNO IDYES delete
  keep:
    DetailPrint "$(DataKept)"
    Goto done
  delete:
    RMDir /r "$0"
    ; what the app keeps beside it: fyne's preferences for TalkFirst
    RMDir /r "$APPDATA\fyne\org.talkfirst.TalkFirst"
    RMDir "$APPDATA\fyne"
  done:
SectionEnd
