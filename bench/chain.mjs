// The A → B → C chain under faults (three processes on generated clients, see
// test/fixtures/chain): amplification at C per top-level call, and A's latency under each fault.
import { fileURLToPath } from 'node:url';
import { buildClients, callA, startChain } from '../test/fixtures/chain/chain.mjs';
import { printTable, quantile } from './lib/stats.mjs';

const CONFIGS = {
  'svc-gen defaults (budget + breaker)': {},
  'retry budget only': { circuitBreaker: { enabled: false } },
  'naive (no budget, no breaker)': { retryBudget: { maxTokens: 1e9 }, circuitBreaker: { enabled: false } },
};

async function measure(settings, mode, calls, budgetMs) {
  const chain = await startChain({ retryBackoffBaseMs: 2, ...settings });
  try {
    await chain.setC(mode);
    await chain.reset();
    const latencies = [];
    for (let i = 0; i < calls; i++) latencies.push((await callA(chain.url, budgetMs)).ms);
    await new Promise((r) => setTimeout(r, 100)); // let C see the last cancellation
    const c = await chain.stats('c');
    return { perCall: (mode === 'reset' ? c.resets : c.received) / calls, p99: quantile(latencies, 0.99), cancelled: c.cancelled };
  } finally {
    await chain.close();
  }
}

export async function benchChain({ calls = 200 } = {}) {
  await buildClients();
  const rows = [];
  for (const [name, settings] of Object.entries(CONFIGS)) {
    for (const mode of ['503', 'reset']) {
      const r = await measure(settings, mode, name.startsWith('naive') ? Math.min(calls, 50) : calls, 2000);
      rows.push([name, `C ${mode === '503' ? 'answers 503' : 'resets connections'}`, r.perCall.toFixed(3), r.p99.toFixed(1)]);
    }
  }
  const hang = await measure({}, 'hang', 20, 300);
  rows.push(['svc-gen defaults (budget + breaker)', 'C hangs, A has 300 ms', `${hang.perCall.toFixed(3)} (${hang.cancelled} cancelled)`, hang.p99.toFixed(1)]);
  printTable(
    'Call chain A → B → C: requests reaching C per top-level call, p99 latency of A',
    ['configuration', 'fault', 'requests at C per call', 'A p99 ms'],
    rows,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchChain({ calls: process.argv.includes('--quick') ? 100 : 200 });
