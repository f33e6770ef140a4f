/**
 * The calling service's identity: an HS256 JWT with claims `source`, `aud`, `iat`, `exp`,
 * signed once per target service and reused until close to expiry (signing costs ~50 µs).
 */
// jose is ESM-only: loaded with import() so the CommonJS build can use it too (signing is async
// anyway, and the result is cached). The subpath loads ~10 modules instead of jose's ~60.
let jose: Promise<typeof import('jose/jwt/sign')> | undefined;

/** Token lifetime; a token is re-signed when less than REFRESH_MARGIN_S of it is left. */
const LIFETIME_S = 3600;
const REFRESH_MARGIN_S = 300;

interface CachedToken {
  token: string;
  exp: number;
}

/** Signs and caches identity tokens for one (source, key) pair. */
export class ServiceTokens {
  readonly #key: Uint8Array;
  readonly #source: string;
  readonly #cache = new Map<string, CachedToken>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(source: string, key: string) {
    this.#source = source;
    this.#key = new TextEncoder().encode(key);
  }

  /** The token for `target`, from the cache when it is still fresh. */
  tokenFor(target: string, nowS = Math.floor(Date.now() / 1000)): string | Promise<string> {
    const cached = this.#cache.get(target);
    if (cached && cached.exp - REFRESH_MARGIN_S > nowS) return cached.token;
    let pending = this.#pending.get(target);
    if (!pending) {
      pending = this.#sign(target, nowS).finally(() => this.#pending.delete(target));
      this.#pending.set(target, pending);
    }
    return pending;
  }

  async #sign(target: string, iat: number): Promise<string> {
    const exp = iat + LIFETIME_S;
    const { SignJWT } = await (jose ??= import('jose/jwt/sign'));
    const token = await new SignJWT({ source: this.#source })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience(target)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.#key);
    this.#cache.set(target, { token, exp });
    return token;
  }
}
