// Preloaded with --import into a measured CLI: prints its peak RSS (MiB) to stderr as it exits.
process.on('exit', () => process.stderr.write(`\n@@maxrss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}\n`));
