/**
 * The header step with an injected `next`: what it adds from the request context and the settings,
 * and what it refuses before `next` is reached. normalizeHeaders' checks on literal input.
 */
import { describe, expect, test } from 'vitest';
import { runWithContext } from '../../../../runtime/context.js';
import { ServiceTokens } from '../../../../runtime/jwt.js';
import type { Fetch, OutgoingRequest } from '../../../../runtime/pipeline.js';
import { resolveSettings } from '../../../../runtime/settings.js';
import { injectHeaders, normalizeHeaders } from '../../../../runtime/steps/headers.js';
import { outgoingRequest, scripted } from '../../../helpers/outgoing.js';

const settings = resolveSettings({ serviceName: 'orders' }, {});
/** The step throws its refusals synchronously (before any promise); as a rejection here. */
const send = async (step: Fetch, request: OutgoingRequest) => step(request);

describe('normalizeHeaders', () => {
  test('lower-cases names, writes values as text, skips undefined and null; later sources win', () => {
    expect(normalizeHeaders({ 'X-A': 1, 'X-B': undefined, 'X-C': null, 'X-D': true }, undefined, { 'x-a': 'two' })).toEqual({ 'x-a': 'two', 'x-d': 'true' });
  });
  test.each([
    [{ 'bad name': 'v' }, 'Header name "bad name" is not a valid HTTP token.'],
    [{ 'x-a': 'v\r\nx-b: w' }, 'Header x-a contains CR, LF or NUL.'],
    [{ 'x-a': 'v\0' }, 'Header x-a contains CR, LF or NUL.'],
  ])('%j is refused as invalid_usage', (headers, description) => {
    expect(() => normalizeHeaders(headers)).toThrow(expect.objectContaining({ errorCode: expect.objectContaining({ name: 'invalid_usage' }), description }));
  });
});

describe('injectHeaders', () => {
  test('outside a request: a fresh request id, the anonymous user, the calling service, a date; no traceparent', async () => {
    const next = scripted(200);
    await injectHeaders(settings, undefined)(next)(outgoingRequest());
    const sent = next.seen[0]!.headers;
    expect(sent['x-insanic-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent['x-insanic-request-user']).toBe('id=;level=-1;is_authenticated=0');
    expect(sent['x-insanic-request-service']).toBe('orders');
    expect(Date.parse(sent.date!)).toBeGreaterThan(Date.now() - 2000);
    expect(sent.traceparent).toBeUndefined();
    expect(sent.authorization).toBeUndefined();
  });

  test("inside a request: the context's id, user and trace parent are forwarded", async () => {
    const next = scripted(200);
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const context = { requestId: 'req-1', user: { id: '42', level: 3, isAuthenticated: true }, traceparent };
    await runWithContext(context, () => injectHeaders(settings, undefined)(next)(outgoingRequest()));
    expect(next.seen[0]!.headers).toMatchObject({
      'x-insanic-request-id': 'req-1',
      'x-insanic-request-user': 'id=42;level=3;is_authenticated=1',
      traceparent,
    });
  });

  test('a changed context field is sent changed (the per-context cache is not stale)', async () => {
    const next = scripted(200);
    const context = { requestId: 'req-1', user: { id: '42', level: 3, isAuthenticated: true } };
    const step = injectHeaders(settings, undefined)(next);
    await runWithContext(context, () => step(outgoingRequest()));
    context.user.level = 5;
    context.requestId = 'req-2';
    await runWithContext(context, () => step(outgoingRequest()));
    expect(next.seen.map((s) => [s.headers['x-insanic-request-id'], s.headers['x-insanic-request-user']])).toEqual([
      ['req-1', 'id=42;level=3;is_authenticated=1'],
      ['req-2', 'id=42;level=5;is_authenticated=1'],
    ]);
  });

  test.each(['date', 'x-insanic-request-id', 'x-insanic-request-user', 'x-insanic-request-service', 'traceparent', 'x-svc-deadline-ms'])(
    'a caller header %j that the step injects is refused before next',
    async (name) => {
      const next = scripted(200);
      await expect(send(injectHeaders(settings, undefined)(next), outgoingRequest({ headers: { [name]: 'mine' } }))).rejects.toMatchObject({
        errorCode: { name: 'invalid_usage' },
      });
      expect(next.seen).toHaveLength(0);
    },
  );

  test('a context value with CR/LF is refused, not forwarded', async () => {
    const next = scripted(200);
    const call = runWithContext({ requestId: 'a\r\nx-evil: 1' }, () => send(injectHeaders(settings, undefined)(next), outgoingRequest()));
    await expect(call).rejects.toMatchObject({ errorCode: { name: 'invalid_usage' }, description: "The context's request id contains CR, LF or NUL." });
    expect(next.seen).toHaveLength(0);
  });

  test('with a service token key: `<prefix> <jwt>` in the auth header, and a caller Authorization is refused', async () => {
    const tokens = new ServiceTokens('orders', 'a-test-key-of-32-bytes-or-more!!');
    const next = scripted(200);
    await injectHeaders(settings, tokens)(next)(outgoingRequest());
    expect(next.seen[0]!.headers.authorization).toMatch(/^MSA [\w-]+\.[\w-]+\.[\w-]+$/);
    await expect(send(injectHeaders(settings, tokens)(next), outgoingRequest({ headers: { authorization: 'Bearer u' } }))).rejects.toMatchObject({
      errorCode: { name: 'invalid_usage' },
    });
    expect(next.seen).toHaveLength(1);
  });

  test("without a token key a caller's Authorization is sent as given", async () => {
    const next = scripted(200);
    await injectHeaders(settings, undefined)(next)(outgoingRequest({ headers: { authorization: 'Bearer u' } }));
    expect(next.seen[0]!.headers.authorization).toBe('Bearer u');
  });
});
