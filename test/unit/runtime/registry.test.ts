/**
 * The service registry on literal settings: which names are known, one instance per name until
 * `configure()` or a pointing replaces it, and the URL a pointed service gets. Nothing is called,
 * so no connection is opened.
 */
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeAll, configure, getService, knownServices, pointService } from '../../../runtime/registry.js';

beforeEach(() => {
  configure({
    serviceConnections: ['reg-b', 'reg-a'],
    requiredServiceConnections: ['reg-a', 'reg-c'],
    services: { 'reg-a': { url: 'http://10.0.0.1:9000/api' } },
  });
});

afterAll(async () => {
  configure();
  await closeAll();
});

describe('knownServices', () => {
  test('declared names, deduplicated and sorted', () => {
    expect(knownServices()).toEqual(['reg-a', 'reg-b', 'reg-c']);
  });
});

describe('getService', () => {
  test('one instance per name, with its configured or templated base URL', () => {
    const a = getService('reg-a');
    expect(getService('reg-a')).toBe(a);
    expect(a.baseUrl).toBe('http://10.0.0.1:9000/api');
    expect(getService('reg-b').baseUrl).toBe('http://reg-b:8000');
  });

  test('configure() replaces every instance', () => {
    const before = getService('reg-a');
    configure({ serviceConnections: ['reg-a'] });
    const after = getService('reg-a');
    expect(after).not.toBe(before);
    expect(after.baseUrl).toBe('http://reg-a:8000');
  });

  test('an undeclared name is refused, naming the known ones', () => {
    expect(() => getService('reg-x')).toThrow(
      'Unknown service "reg-x": add it to serviceConnections or requiredServiceConnections. Known services: "reg-a", "reg-b", "reg-c".',
    );
    configure();
    expect(() => getService('reg-x')).toThrow('Known services: none.');
  });
});

describe('pointService', () => {
  test('makes a name known and points it at the URL; stacked pointings undo in any order', async () => {
    const first = pointService('reg-p', 'http://127.0.0.1:1');
    expect(knownServices()).toContain('reg-p');
    expect(getService('reg-p').baseUrl).toBe('http://127.0.0.1:1');
    const second = pointService('reg-p', 'http://127.0.0.1:2');
    expect(getService('reg-p').baseUrl).toBe('http://127.0.0.1:2');
    await first();
    expect(getService('reg-p').baseUrl).toBe('http://127.0.0.1:2');
    await second();
    await second();
    expect(knownServices()).not.toContain('reg-p');
    expect(() => getService('reg-p')).toThrow('Unknown service "reg-p"');
  });

  test('a pointing outlives configure() and beats the configured URL', async () => {
    const undo = pointService('reg-a', 'http://127.0.0.1:3');
    configure({ serviceConnections: ['reg-a'], services: { 'reg-a': { url: 'http://elsewhere' } } });
    expect(getService('reg-a').baseUrl).toBe('http://127.0.0.1:3');
    await undo();
    expect(getService('reg-a').baseUrl).toBe('http://elsewhere');
  });
});
