/**
 * A worker thread of the pool (pool.ts): prepares the sources it is sent, one at a time, and
 * answers each with its index. An input problem crosses as its problems (plain data); anything
 * else as a message and stack, for the main thread to rethrow.
 */
import { appendFileSync } from 'node:fs';
import { parentPort, threadId } from 'node:worker_threads';
import { isSvcGenInputError } from '../../errors.js';
import { prepareOne, type Source } from '../prepare.js';
import type { Reply, Task } from './protocol.js';

/**
 * Test hooks, unset in normal runs: `SVCGEN_TEST_PREPARE_DELAY` holds JSON `{ "<entry basename>": ms }`,
 * a delay before answering, so tests can make workers finish in any order; `SVCGEN_TEST_PREPARE_LOG`
 * names a file each answer appends `<threadId> <entry basename>` to, so tests see which worker finished what, when.
 */
const delays = JSON.parse(process.env['SVCGEN_TEST_PREPARE_DELAY'] ?? '{}') as Record<string, number>;
const log = process.env['SVCGEN_TEST_PREPARE_LOG'];

const port = parentPort;
if (port) {
  port.on('message', async ({ index, source, refRoot }: Task) => {
    let reply: Reply;
    try {
      reply = { index, ok: true, value: await prepareOne(source as Source, refRoot) };
    } catch (e) {
      reply = isSvcGenInputError(e)
        ? { index, ok: false, problems: e.problems }
        : { index, ok: false, error: { message: (e as Error).message, stack: (e as Error).stack } };
    }
    const base = source.entry.split(/[\\/]/).pop() ?? '';
    const delay = delays[base];
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (log) appendFileSync(log, `${threadId} ${base}\n`);
    port.postMessage(reply);
  });
}
