// Preloaded (`--import`) into every server the bench starts (server-process.ts). The bench holds
// the write end of a pipe on the server's stdin; when the bench dies without stopping the server
// (killed outright, say), the pipe closes and the server is sent SIGTERM, which it handles as it
// would a supervisor's. It reads nothing else and keeps nothing alive (the handle is unref'd).
process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
process.stdin.on("error", () => process.kill(process.pid, "SIGTERM"));
process.stdin.resume();
(process.stdin as { unref?: () => void }).unref?.();
