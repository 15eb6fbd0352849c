package service

import "testing"

func TestBackgroundExecutable(t *testing.T) {
	have := map[string]bool{
		`C:\Users\sam\AppData\Local\Programs\TalkFirst\talkfirst-agentw.exe`: true,
		`D:\tf\Talkfirst-Agentw.EXE`:                                         true,
		"/usr/bin/talkfirst-agentw.exe":                                      true,
	}
	exists := func(p string) bool { return have[p] }
	for _, c := range []struct{ goos, exe, want string }{
		{"windows", `C:\Users\sam\AppData\Local\Programs\TalkFirst\talkfirst-agent.exe`,
			`C:\Users\sam\AppData\Local\Programs\TalkFirst\talkfirst-agentw.exe`},
		{"windows", `D:\tf\Talkfirst-Agent.EXE`, `D:\tf\Talkfirst-Agentw.EXE`},
		// no windowless build beside it: the console one, which works but flashes
		{"windows", `C:\other\talkfirst-agent.exe`, `C:\other\talkfirst-agent.exe`},
		// already the windowless one
		{"windows", `C:\Users\sam\AppData\Local\Programs\TalkFirst\talkfirst-agentw.exe`,
			`C:\Users\sam\AppData\Local\Programs\TalkFirst\talkfirst-agentw.exe`},
		{"windows", `C:\tools\talkfirst-agent`, `C:\tools\talkfirst-agent`},
		// other systems start the program itself
		{"linux", "/usr/bin/talkfirst-agent.exe", "/usr/bin/talkfirst-agent.exe"},
		{"darwin", "/Applications/TalkFirst.app/Contents/MacOS/talkfirst-agent", "/Applications/TalkFirst.app/Contents/MacOS/talkfirst-agent"},
	} {
		if got := backgroundExecutable(c.goos, c.exe, exists); got != c.want {
			t.Errorf("backgroundExecutable(%s, %s) = %s, want %s", c.goos, c.exe, got, c.want)
		}
	}
}
