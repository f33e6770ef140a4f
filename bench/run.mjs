// `npm run bench [-- --quick] [-- codegen|runtime|chain|validation ...]`: run the benchmark suites and print
// their tables. Inputs not in the repo are fetched on demand into .cache/ (git-ignored).
import os from 'node:os';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const picked = args.filter((a) => !a.startsWith('--'));
const SUITES = {
  codegen: async () => (await import('./codegen.mjs')).benchCodegen({ quick }),
  many: async () => (await import('./many.mjs')).benchMany({ quick }),
  typecheck: async () => (await import('./typecheck.mjs')).benchTypecheck({ quick }),
  startup: async () => (await import('./startup.mjs')).benchStartup({ quick }),
  runtime: async () => (await import('./runtime.mjs')).benchRuntime({ runs: quick ? 1 : 3, n: quick ? 10_000 : 20_000 }),
  chain: async () => (await import('./chain.mjs')).benchChain({ calls: quick ? 100 : 200 }),
  validation: async () => (await import('./validation.mjs')).benchValidation({ runs: quick ? 1 : 3, n: quick ? 5_000 : 10_000 }),
  diff: async () => (await import('./diff.mjs')).benchDiff({ quick }),
};
const unknown = picked.filter((p) => !(p in SUITES));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}.`);
  process.exit(2);
}

const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
console.log(
  `# svc-gen benchmarks — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load average ${load}, Node ${process.version}${quick ? ', --quick' : ''}`,
);
for (const name of picked.length ? picked : Object.keys(SUITES)) await SUITES[name]();
