// Preloaded with --import into a measured CLI: prints its peak RSS (MiB) and its CPU time (user +
// system, ms, every thread) to stderr as it exits. CPU time is what to compare on a loaded machine,
// where wall time mostly measures the other processes.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\n@@maxrss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}\n@@cpu ${((user + system) / 1000).toFixed(0)}\n`);
});
