/** The service identity token: header and claims decoded exactly, the HS256 signature, caching and re-signing. */
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ServiceTokens } from '../../../runtime/jwt.js';

const NOW = 1_700_000_000;
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('ServiceTokens', () => {
  test('an HS256 JWT: header, claims (source, aud, iat, exp = iat + 3600) and signature', async () => {
    const token = await new ServiceTokens('orders', 'secret').tokenFor('user', NOW);
    const [header, claims, signature] = token.split('.') as [string, string, string];
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decode(claims)).toEqual({ source: 'orders', aud: 'user', iat: NOW, exp: NOW + 3600 });
    expect(signature).toBe(createHmac('sha256', 'secret').update(`${header}.${claims}`).digest('base64url'));
  });

  test('reused while more than 300 s of it is left, re-signed after', async () => {
    const tokens = new ServiceTokens('orders', 'k');
    const first = await tokens.tokenFor('user', NOW);
    expect(tokens.tokenFor('user', NOW + 3299)).toBe(first);
    const renewed = await tokens.tokenFor('user', NOW + 3300);
    expect(renewed).not.toBe(first);
    expect(decode(renewed.split('.')[1] as string).iat).toBe(NOW + 3300);
  });

  test('one token per target; concurrent first calls share one signing', async () => {
    const tokens = new ServiceTokens('orders', 'k');
    const a = tokens.tokenFor('user', NOW);
    const b = tokens.tokenFor('user', NOW);
    expect(a).toBe(b);
    const other = await tokens.tokenFor('billing', NOW);
    expect(decode(other.split('.')[1] as string).aud).toBe('billing');
    expect(await a).not.toBe(other);
  });
});
