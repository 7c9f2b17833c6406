// Session and service tokens: HS256 JWTs (jose) with a per-server random key, a ttl, a
// revocation set (logout, AUTH-07), the service identity token (AUTH-10) and expired-token
// minting (AUTH-05). Verified tokens are cached so hot customer routes skip the HMAC.

import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import type { FaultSet } from './faults.js';

export interface Claims {
  sub: string;
  jti: string;
  exp: number;
  typ: 'customer' | 'service';
}

const ISSUER = 'storefront-check-reference';

export class Tokens {
  private readonly key = new Uint8Array(randomBytes(32));
  /** signs tokens from /auth/token under fault auth-refreshed-token-rejected */
  private readonly strayKey = new Uint8Array(randomBytes(32));
  private readonly revoked = new Set<string>();
  private readonly cache = new Map<string, Claims>();

  constructor(
    readonly ttlSeconds: number,
    private readonly faults: FaultSet,
  ) {}

  private sign(sub: string, typ: Claims['typ'], iat: number, exp: number, key = this.key): Promise<string> {
    return new SignJWT({ typ })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key);
  }

  async issueCustomer(customerId: string, viaRefresh = false): Promise<{ accessToken: string; expiresIn: number }> {
    // exp rounded up: a token lives at least ttlSeconds (JWT times are whole seconds)
    const now = Math.ceil(Date.now() / 1000);
    const key = viaRefresh && this.faults.has('auth-refreshed-token-rejected') ? this.strayKey : this.key;
    return { accessToken: await this.sign(customerId, 'customer', now, now + this.ttlSeconds, key), expiresIn: this.ttlSeconds };
  }

  issueService(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.sign('svc-storefront-check', 'service', now, now + 365 * 86_400);
  }

  mintExpired(customerId: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.sign(customerId, 'customer', now - 7200, now - 3600);
  }

  revoke(claims: Claims): void {
    this.revoked.add(claims.jti);
  }

  /** Claims of a valid, unrevoked token, or undefined (malformed, tampered, expired, revoked). */
  async verify(token: string): Promise<Claims | undefined> {
    const ignoreExpiry = this.faults.has('auth-expired-accepted');
    let claims = this.cache.get(token);
    if (!claims) {
      claims = await this.check(token, ignoreExpiry);
      if (!claims) return undefined;
      if (this.cache.size > 20_000) this.cache.clear();
      this.cache.set(token, claims);
    }
    if (this.revoked.has(claims.jti)) return undefined;
    if (!ignoreExpiry && claims.exp * 1000 <= Date.now()) return undefined;
    return claims;
  }

  private async check(token: string, ignoreExpiry: boolean): Promise<Claims | undefined> {
    try {
      const payload = this.faults.has('auth-signature-not-verified')
        ? decodeJwt(token)
        : (await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'], currentDate: ignoreExpiry ? new Date(0) : undefined })).payload;
      const { sub, jti, exp, typ } = payload as Partial<Claims>;
      if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') return undefined;
      if (typ !== 'customer' && typ !== 'service') return undefined;
      return { sub, jti, exp, typ };
    } catch {
      return undefined;
    }
  }
}
