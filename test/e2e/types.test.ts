/**
 * Type tests on clients generated from the repo's specs, in a checked file compiled with the
 * repo's TypeScript: correct calls compile with the expected result types, and each
 * `// @ts-expect-error` line (wrong parameter type, missing required parameter, unknown service, …)
 * must fail to compile, or TypeScript reports the directive as unused and the test fails.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { cleanup, tempDir } from '../generator/helpers/fs.js';
import { REPO_SPECS } from '../generator/helpers/specs.js';
import { formatDiagnostics, LAX, STRICT, typecheck } from '../generator/helpers/typecheck.js';

/** The checked file, placed next to the generated `index.ts`. */
const USAGE = `
import { getService, type Services } from './index.js';
import type { UserServiceTypes } from './index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

export async function ok(): Promise<void> {
  const users = getService('user');
  const page = await users.listUsers({ query: { search: 'a', page: 1, role: ['staff'] } });
  assert<Equal<typeof page.items[number]['roles'][number], 'customer' | 'staff' | 'admin'>>();
  const none = await users.listUsers();
  assert<Equal<typeof none, UserServiceTypes.ListUsersSuccess>>();
  const user = await users.getUser({ path: { userId: 'u1' } });
  assert<Equal<typeof user.email, string>>();

  // propagateError: false → success | error body; includeStatusCode → [data, status]
  const either = await users.getUser({ path: { userId: 'u1' } }, { propagateError: false });
  assert<Equal<typeof either, UserServiceTypes.GetUserSuccess | UserServiceTypes.GetUserError>>();
  const [data, status] = await users.getUser({ path: { userId: 'u1' } }, { includeStatusCode: true });
  assert<Equal<typeof data, UserServiceTypes.GetUserSuccess>>();
  assert<Equal<typeof status, number>>();
  const pair = await users.getUser({ path: { userId: 'u1' } }, { includeStatusCode: true, propagateError: false });
  assert<Equal<typeof pair, [UserServiceTypes.GetUserSuccess | UserServiceTypes.GetUserError, number]>>();

  const deleted = await users.deleteUser({ path: { userId: 'u1' } });
  assert<Equal<typeof deleted, null>>();
  const avatar = await users.getAvatar({ path: { userId: 'u1' } });
  assert<Equal<typeof avatar, Uint8Array>>();
  await users.uploadAvatar({ path: { userId: 'u1' }, files: { file: new Blob(['x']) } });
  await users.uploadAvatar({ path: { userId: 'u1' }, body: { caption: 'c' }, files: { file: { data: 'x', filename: 'a.txt' } } });
  const receipt = await getService('order').getOrderReceipt({ path: { orderId: 7 }, headers: { 'X-Tenant-Id': 't' } });
  assert<Equal<typeof receipt, string>>();
  await getService('payment').postPaymentsRefundPartial({ path: { paymentId: 'p' }, body: { amount: 1 } });
  await getService('notification').markRead({ path: { id: 'n' } }, { retryCount: 1, responseTimeout: 100, headers: { a: 'b' }, signal: AbortSignal.timeout(1) });
  assert<Equal<keyof Services, 'notification' | 'order' | 'payment' | 'user'>>();
}

export async function errors(): Promise<void> {
  const users = getService('user');
  // @ts-expect-error unknown service name
  getService('inventory');
  // @ts-expect-error wrong parameter type (page is an integer)
  await users.listUsers({ query: { page: 'two' } });
  // @ts-expect-error enum value not in the spec
  await users.listUsers({ query: { role: ['root'] } });
  // @ts-expect-error missing required parameter (path)
  await users.getUser({});
  // @ts-expect-error params are required when a part is required
  await users.getUser();
  // @ts-expect-error missing required query parameter (email)
  await users.findUserByEmail({ query: {} });
  // @ts-expect-error missing required header (X-Tenant-Id)
  await getService('order').listOrders({ query: {} });
  // @ts-expect-error missing required body field (name)
  await users.createUser({ body: { email: 'a@b.c' } });
  // @ts-expect-error the operation has no query parameters
  await users.getUser({ path: { userId: 'u' }, query: { x: 1 } });
  // @ts-expect-error missing required file
  await users.uploadAvatar({ path: { userId: 'u1' }, files: {} });
  // @ts-expect-error unknown method
  await users.listAccounts();
  // @ts-expect-error unknown call option
  await users.listUsers({}, { retries: 3 });
  const user = await users.getUser({ path: { userId: 'u1' } });
  // @ts-expect-error with the default propagateError the result is never the error body
  user.error_code;
}

// The consumer's own mistakes, with the clients' types in declaration files that skipLibCheck does not check.
export async function mistakes(): Promise<void> {
  const users = getService('user');
  // @ts-expect-error misspelt parameter field (userID for userId)
  await users.getUser({ path: { userID: 'u1' } });
  // @ts-expect-error misspelt query parameter (serch for search)
  await users.listUsers({ query: { serch: 'a' } });
  // @ts-expect-error wrong body property type (name is a string)
  await users.createUser({ body: { email: 'a@b.c', name: 42 } });
  // @ts-expect-error misspelt body property (emial for email)
  await users.updateUser({ path: { userId: 'u1' }, body: { emial: 'a@b.c' } });
  const user = await users.getUser({ path: { userId: 'u1' } });
  // @ts-expect-error not a property of the result (User has email, not emailAddress)
  user.emailAddress;
  // @ts-expect-error a result property used as the wrong type (email is a string)
  const n: number = user.email;
  void n;
  const page = await users.listUsers();
  // @ts-expect-error not a property of the page (items, not users)
  page.users;
}
`;

let out: string;
beforeAll(async () => {
  out = tempDir('svc-gen-types-');
  await generate({ inputs: [REPO_SPECS], out });
  writeFileSync(path.join(out, 'usage.ts'), USAGE);
});
afterAll(() => cleanup(out));

describe('generated client types', () => {
  it('correct calls compile with the expected types; every @ts-expect-error line is an error', () => {
    const diagnostics = typecheck(out);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('with skipLibCheck (the default above) the types are declaration files tsc skips, and the checked file still fails on its own mistakes', () => {
    expect(STRICT.skipLibCheck).toBe(true);
    // Without the directives each mistake must be an error of usage.ts itself, on its own line (a
    // type that went `any` in the unchecked declaration files would let that line compile).
    writeFileSync(path.join(out, 'usage.ts'), USAGE.replaceAll('// @ts-expect-error', '//'));
    const diagnostics = typecheck(out);
    const lines = USAGE.split('\n');
    const start = lines.findIndex((l) => l.startsWith('export async function mistakes'));
    const expected = lines.flatMap((l, i) => (i > start && l.trim().startsWith('// @ts-expect-error') ? [i + 2] : []));
    expect(expected).toHaveLength(7);
    const inMistakes = diagnostics.filter((d) => d.file === 'usage.ts' && d.line > start + 1).map((d) => d.line);
    expect([...new Set(inMistakes)]).toEqual(expected);
    expect(diagnostics.filter((d) => d.file !== 'usage.ts')).toEqual([]);
    writeFileSync(path.join(out, 'usage.ts'), USAGE);
  });

  it('without skipLibCheck the declaration files are checked too, and compile', () => {
    const diagnostics = typecheck(out, { ...STRICT, skipLibCheck: false });
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });

  it('the generated clients (without the checked file) also compile without strict', () => {
    writeFileSync(path.join(out, 'usage.ts'), 'export {};\n');
    const diagnostics = typecheck(out, LAX);
    expect(diagnostics, formatDiagnostics(diagnostics)).toEqual([]);
  });
});
