package cli

import (
	"io"
	"os"

	"golang.org/x/sys/windows"
)

// hasOutput reports whether w reaches anything. A program built without a
// console (talkfirst-agentw.exe, started at sign-in from the Run key) gets
// no standard handles: Go's os.Stderr is then nil or a handle of no type.
func hasOutput(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return w != nil
	}
	if f == nil {
		return false
	}
	t, err := windows.GetFileType(windows.Handle(f.Fd()))
	return err == nil && t != windows.FILE_TYPE_UNKNOWN
}
