/* bcryptprimitives.dll for Wine 8 test prefixes only. Go 1.22 and later call
   ProcessPrng from bcryptprimitives.dll at start; every supported Windows has
   it, Debian 12's Wine 8 does not (Wine 9 added it). This stand-in fills the
   buffer with RtlGenRandom (advapi32's SystemFunction036), which Wine has.
   It is never shipped: the Wine tests put it in a fresh prefix's system32. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
