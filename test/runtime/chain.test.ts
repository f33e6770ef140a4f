/**
 * Fleet-scale resilience on a real chain: three processes A → B → C on 127.0.0.1, each calling the
 * next through clients generated from test/fixtures/chain/specs, with svc-gen's middleware and
 * runtime. Retries must not storm, deadlines must travel, breakers must recover.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { buildClients, type Chain, callA as call, startChain } from '../fixtures/chain/chain.mjs';

beforeAll(async () => {
  await buildClients();
}, 60_000);

async function perCallAtC(chain: Chain, mode: 'reset' | '503', calls: number): Promise<number> {
  await chain.setC(mode);
  await chain.reset();
  for (let i = 0; i < calls; i++) expect((await call(chain.url, 2000)).status).toBe(503);
  const c = await chain.stats('c');
  return (mode === 'reset' ? c.resets : c.received) / calls;
}

describe('C down: retries do not storm', () => {
  test.each([['503'], ['reset']] as const)('C answering %s: at most 1.5 requests reach C per call to A (200 calls)', async (mode) => {
    const chain = await startChain({ retryBackoffBaseMs: 2 });
    try {
      const ratio = await perCallAtC(chain, mode, 200);
      console.log(`amplification at C (${mode}): ${ratio.toFixed(3)} requests per top-level call`);
      expect(ratio).toBeLessThanOrEqual(1.5);
      expect(ratio).toBeGreaterThan(0); // C was really reached
    } finally {
      await chain.close();
    }
  });

  test('control: naive layer-by-layer retries (no budget, no breaker) give 3 × 3 = 9', async () => {
    const naive = await startChain({ retryBackoffBaseMs: 2, retryBudget: { maxTokens: 1e9 }, circuitBreaker: { enabled: false } });
    try {
      expect(await perCallAtC(naive, '503', 20)).toBe(9);
    } finally {
      await naive.close();
    }
  });
});

describe('C hangs: the deadline travels', () => {
  test('a call to A with 300 ms left returns within the budget; C sees its requests cancelled', async () => {
    const chain = await startChain({ circuitBreaker: { enabled: false } });
    try {
      await chain.setC('hang');
      const results = [];
      for (let i = 0; i < 10; i++) results.push(await call(chain.url, 300));
      const worst = Math.max(...results.map((r) => r.ms));
      console.log(`C hanging: worst latency of A with a 300 ms budget: ${worst.toFixed(0)} ms`);
      for (const r of results) expect(r.status).toBe(503);
      expect(worst).toBeLessThan(300 + 150);
      await new Promise((r) => setTimeout(r, 100));
      const c = await chain.stats('c');
      expect(c.received).toBeGreaterThanOrEqual(10);
      expect(c.cancelled).toBe(c.received); // every request C got was cancelled by B's deadline
      expect(c.cancelMs).toBeLessThan(300 + 50); // B never waited past A's deadline
    } finally {
      await chain.close();
    }
  });
});

describe('C recovering', () => {
  test('after C comes back, the breakers close and traffic is normal within the cool-down', async () => {
    const cooldownMs = 400;
    const chain = await startChain({ retryBackoffBaseMs: 2, circuitBreaker: { cooldownMs } });
    try {
      await perCallAtC(chain, '503', 60); // opens the breakers
      await chain.setC('ok');
      await chain.reset();
      await new Promise((r) => setTimeout(r, cooldownMs + 100));
      const statuses = [];
      for (let i = 0; i < 20; i++) statuses.push((await call(chain.url, 2000)).status);
      expect(statuses).toEqual(Array(20).fill(200));
      expect((await chain.stats('c')).received).toBe(20);
    } finally {
      await chain.close();
    }
  });
});
