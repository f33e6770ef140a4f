/**
 * `npm run demo` (demo/run.mjs) as CI runs it: a child process against dist/ (built by pretest) that
 * must end by itself with exit code 0 and trace the propagated request id and user, a retry that
 * succeeds, a timeout and an APIException with its fields.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let run: Run;

beforeAll(async () => {
  run = await new Promise<Run>((resolve) => {
    // NO_COLOR unset on purpose: stdout is a pipe, so the demo must choose plain text by itself.
    const env = { ...process.env };
    delete env.NO_COLOR;
    execFile(process.execPath, ['demo/run.mjs'], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}, 90_000);

/** The lines of the numbered step whose heading starts with `heading`, e.g. `Retry:`. */
function section(heading: string): string {
  const steps = run.stdout.split(/\n(?=\d+\. )/);
  const found = steps.find((s) => s.replace(/^\d+\. /, '').startsWith(heading));
  if (!found) throw new Error(`no step "${heading}" in the demo's output:\n${run.stdout}`);
  return found;
}

/** The request id the end user sent. */
function requestId(): string {
  const match = /end user .*\n\s+x-insanic-request-id: (demo-[0-9a-f]{8})\n/.exec(run.stdout);
  if (!match?.[1]) throw new Error(`the end user sent no request id:\n${run.stdout}`);
  return match[1];
}

describe('npm run demo', () => {
  test('ends by itself with exit code 0, in plain text when not on a terminal', () => {
    expect(run.code, run.stderr || run.stdout).toBe(0);
    expect(run.stdout).not.toMatch(/\x1b\[/);
    expect(run.stdout).toMatch(/end user\s+← 200 /);
    expect(run.stdout).toMatch(/servers closed, closeAll\(\) done/);
  });

  test("the request id and user the end user sent reach every service, with the gateway's verified identity", () => {
    const id = requestId();
    expect(run.stdout).toContain(`context from contextMiddleware(): request id ${id}, user id=7;level=1;is_authenticated=1`);
    const propagation = section('Propagation:');
    expect(propagation).toMatch(/user\s+← GET \/users\/7 {2}attempt 1 → 200/);
    expect(propagation).toContain(`x-insanic-request-id: ${id}\n`);
    expect(propagation).toContain('x-insanic-request-user: id=7;level=1;is_authenticated=1\n');
    expect(propagation).toContain('x-insanic-request-service: gateway\n');
    expect(propagation).toContain('authorization: MSA <jwt> verified: source=gateway, aud=user\n');
    // Every downstream request of every later step carries the same id and user.
    const carried = `request id ${id} · user id=7;level=1;is_authenticated=1 · from gateway · MSA <jwt> verified`;
    const downstream = run.stdout.match(/^ {3}(order|notification|payment) +← .*\n.*$/gm) ?? [];
    expect(downstream).toHaveLength(5); // order ×2, notification ×2, payment ×1
    for (const request of downstream) expect(request).toContain(carried);
  });

  test('the flaky service fails attempt 1 with 503 and the retry (attempt 2) succeeds', () => {
    const retry = section('Retry:');
    expect(retry).toMatch(
      /notification\s+← GET \/notifications\?userId=7&unreadOnly=true {2}attempt 1 → 503[^\n]*\n[^\n]*\n\s+notification\s+← GET \/notifications\?userId=7&unreadOnly=true {2}attempt 2 → 200\n/,
    );
    expect(retry).toMatch(/gateway\s+← 2 unread notifications/);
    expect(retry).not.toContain('caught');
  });

  test('the slow service times out: ResponseTimeoutError, 503 service_timeout (999604)', () => {
    const timeout = section('Timeout:');
    expect(timeout).toMatch(/payment\s+← GET \/payments\?orderId=1001 {2}attempt 1 → \(slow/);
    expect(timeout).toMatch(/caught ResponseTimeoutError \(an APIException\) after \d+ ms/);
    expect(timeout).toMatch(/statusCode\s+503\n/);
    expect(timeout).toMatch(/errorCode\s+service_timeout \(999604\)\n/);
    expect(timeout).toMatch(/description\s+No complete response within 300 ms\.\n/);
    expect(timeout).toMatch(/service\s+payment\n/);
    expect(timeout).toMatch(/attempts\s+1\n/);
    // The timeout aborted the request: the slow service saw its caller hang up.
    expect(run.stdout).toMatch(/payment\s+1 request received, 1 abandoned by the caller after \d+ ms/);
  });

  test('a 404 becomes an APIException with all its fields', () => {
    const exception = section('APIException:');
    expect(exception).toMatch(/order\s+← GET \/orders\/1002\/receipt {2}attempt 1 → 404\n/);
    expect(exception).toMatch(/gateway\s+✗ caught APIException after \d+ ms:\n/);
    const fields = Object.fromEntries(
      [...exception.matchAll(/^ +(statusCode|errorCode|message|description|service|method|url|attempts) +(.+)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(fields).toEqual({
      statusCode: '404',
      errorCode: 'receipt_not_found (2404)',
      message: 'Receipt not found',
      description: 'Order 1002 is still pending; a receipt exists once it is paid.',
      service: 'order',
      method: 'GET',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/orders\/1002\/receipt$/),
      attempts: '1',
    });
  });
});
