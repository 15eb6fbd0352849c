// Package usage measures how much time goes into chat apps and chat-capable
// games: a Sampler looks at the computer every few seconds (which catalog
// apps have a live process, which one is in front while the person is
// active) and a Recorder turns those samples into store intervals.
//
// Nothing here reads content. Processes are matched to catalog apps by
// identifiers (sandbox scope, Store package family, bundle id, exe path, a
// Java main class, the process name); command lines and exe paths stay in
// memory and are never logged or stored. The foreground readers ask only for
// the active window's process id and class and the idle time, never for a
// window title.
//
// Per OS: Linux reads /proc and, on X11, the EWMH properties and
// MIT-SCREEN-SAVER (jezek/xgb, pure Go); Wayland has no standard way to see
// the active window, so the foreground is unavailable there and only running
// time is recorded. Windows uses NtQuerySystemInformation,
// GetForegroundWindow and GetLastInputInfo and must run in the user's
// session. macOS uses sysctl, lsappinfo and ioreg. No cgo anywhere.
package usage
