/** resolveSettings: defaults, the given settings, environment URL overrides, and each refusal naming its setting. */
import { describe, expect, test } from 'vitest';
import { resolveSettings, type Settings, urlEnvName } from '../../../runtime/settings.js';

describe('urlEnvName', () => {
  test.each([
    ['user', 'SVC_GEN_USER_URL'],
    ['order-history', 'SVC_GEN_ORDER_HISTORY_URL'],
    ['a-b-c', 'SVC_GEN_A_B_C_URL'],
  ])('%s → %s', (service, want) => {
    expect(urlEnvName(service)).toBe(want);
  });
});

describe('resolveSettings', () => {
  test('defaults when nothing is given', () => {
    const s = resolveSettings({}, {});
    expect({
      port: s.serviceGlobalPort,
      timeout: s.serviceTimeoutTotal,
      retries: s.serviceConnectionDefaultRetryCount,
      max: s.maxResponseBytes,
      accept: s.acceptEncoding,
      header: s.requestIdHeaderField,
      budget: s.retryBudget,
      breaker: s.circuitBreaker,
      ejectAfter: s.endpoints.ejectAfterFailures,
      token: s.serviceTokenKey,
    }).toEqual({
      port: 8000,
      timeout: 5000,
      retries: 2,
      max: 4_194_304,
      accept: 'gzip, deflate, br',
      header: 'x-insanic-request-id',
      budget: { maxTokens: 10, tokenRatio: 0.1 },
      breaker: { enabled: true, failureRatio: 0.5, minimumCalls: 20, windowMs: 10_000, cooldownMs: 5_000, halfOpenProbes: 1 },
      ejectAfter: 5,
      token: undefined,
    });
  });

  test('given values win; undefined ones do not erase defaults; nested objects merge field by field', () => {
    // A JavaScript caller can pass undefined where the types say a number.
    const s = resolveSettings(
      {
        serviceTimeoutTotal: 100,
        serviceGlobalPort: undefined,
        retryBudget: { maxTokens: 3 },
        circuitBreaker: { minimumCalls: 2 },
        endpoints: { ejectMs: 9, dnsTtlMs: undefined },
      } as unknown as Settings,
      {},
    );
    expect(s.serviceTimeoutTotal).toBe(100);
    expect(s.serviceGlobalPort).toBe(8000);
    expect(s.retryBudget).toEqual({ maxTokens: 3, tokenRatio: 0.1 });
    expect(s.circuitBreaker.minimumCalls).toBe(2);
    expect(s.circuitBreaker.cooldownMs).toBe(5000);
    expect(s.endpoints.ejectMs).toBe(9);
    expect(s.endpoints.dnsTtlMs).toBe(5000);
  });

  test('SVC_GEN_<NAME>_URL beats url and urls of declared services only', () => {
    const s = resolveSettings(
      {
        serviceConnections: ['order-history'],
        requiredServiceConnections: ['user'],
        services: { 'order-history': { urls: ['http://a', 'http://b'], timeout: 7 }, other: { url: 'http://o' } },
      },
      { SVC_GEN_ORDER_HISTORY_URL: 'http://env:1', SVC_GEN_USER_URL: 'http://env:2', SVC_GEN_OTHER_URL: 'http://env:3' },
    );
    expect(s.services).toEqual({
      'order-history': { url: 'http://env:1', timeout: 7 },
      user: { url: 'http://env:2' },
      other: { url: 'http://o' },
    });
  });

  test('an empty environment value is no override', () => {
    expect(resolveSettings({ serviceConnections: ['user'], services: { user: { url: 'http://u' } } }, { SVC_GEN_USER_URL: '' }).services['user']).toEqual({
      url: 'http://u',
    });
  });

  test("the caller's services object is not mutated", () => {
    const services = { user: { url: 'http://u' } };
    resolveSettings({ serviceConnections: ['user'], services }, { SVC_GEN_USER_URL: 'http://env' });
    expect(services).toEqual({ user: { url: 'http://u' } });
  });

  test.each([
    [{ requestIdHeaderField: 'x id' }, 'svc-gen: setting requestIdHeaderField ("x id") is not a valid header name.'],
    [{ serviceAuthHeader: '' }, 'svc-gen: setting serviceAuthHeader ("") is not a valid header name.'],
    [{ serviceName: 'a\r\nb' }, 'svc-gen: setting serviceName contains CR, LF or NUL.'],
    [{ jwtServiceAuthHeaderPrefix: 'MSA\0' }, 'svc-gen: setting jwtServiceAuthHeaderPrefix contains CR, LF or NUL.'],
    [{ maxResponseBytes: 0 }, 'svc-gen: setting maxResponseBytes (0) must be a positive integer.'],
    [{ maxResponseBytes: 1.5 }, 'svc-gen: setting maxResponseBytes (1.5) must be a positive integer.'],
    [{ bodyIdleTimeout: -1 }, 'svc-gen: setting bodyIdleTimeout (-1) must be a number of ms >= 0.'],
    [{ bodyIdleTimeout: Number.NaN }, 'svc-gen: setting bodyIdleTimeout (NaN) must be a number of ms >= 0.'],
    [{ acceptEncoding: 'gzip\n' }, 'svc-gen: setting acceptEncoding contains CR, LF or NUL.'],
    [{ services: { user: { maxResponseBytes: -5 } } }, 'svc-gen: setting services.user.maxResponseBytes (-5) must be a positive integer.'],
    [{ services: { user: { socketPath: '' } } }, 'svc-gen: setting services.user.socketPath must be a non-empty path.'],
  ] as const)('%j is refused', (settings, message) => {
    expect(() => resolveSettings(settings, {})).toThrow(new TypeError(message));
  });

  test('edge values that are allowed', () => {
    expect(resolveSettings({ bodyIdleTimeout: 0, acceptEncoding: false, maxResponseBytes: 1 }, {}).bodyIdleTimeout).toBe(0);
  });
});
