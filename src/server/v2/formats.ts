// Value formats of CONTRACT-v2 (V2-FMT): decimal money beside an ISO 4217 currency (integers in
// minor units inside the server, so arithmetic never drifts) and second-precision UTC timestamps.

const MINOR_DIGITS: Record<string, number> = { GBP: 2, EUR: 2, TRY: 2, JPY: 0 };

export const minorDigits = (currency: string): number => MINOR_DIGITS[currency] ?? 2;

/** Minor units to the decimal JSON number of the wire (1299 GBP -> 12.99, 1299 JPY -> 1299). */
export const toDecimal = (minor: number, currency: string): number => minor / 10 ** minorDigits(currency);

/** A decimal amount as sent by a client (query or body) to minor units, or undefined if it has too many digits. */
export function toMinor(decimal: number, currency: string): number | undefined {
  const scaled = decimal * 10 ** minorDigits(currency);
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-6 ? rounded : undefined;
}

/** `yyyy-MM-ddTHH:mm:ssZ` (V2-FMT-01): whole seconds, UTC. */
export const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export const nowIso = (): string => isoSeconds(Date.now());
