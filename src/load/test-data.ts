// `storefront-check load --gen-data <file>`: the k6 scripts' test data for one target, seeded and
// deterministic. Accounts are the configured test customers, by email, with the NAME of the env
// var holding each password (the file never holds a secret, so it can go in a ConfigMap); search
// terms are words of the target's own product names (so searches find things), plus a few faker
// words that find nothing; discount codes are the ones given as valid plus faker codes the target
// must refuse (422); addresses are faker Australian addresses for customers who have none saved.

import { writeFileSync } from 'node:fs';
import { Faker, base, en, en_AU } from '@faker-js/faker';
import { UnreachableError } from '../errors.js';
import { SECRET_ENV } from './plan.js';

export interface TestData {
  $comment: string;
  accounts: { email: string; passwordEnv: string }[];
  searchTerms: string[];
  discountCodes: { code: string; valid: boolean }[];
  addresses: {
    firstName: string;
    lastName: string;
    streetName: string;
    city: string;
    state: string;
    postcode: string;
    country: string;
  }[];
}

export interface GenerateOptions {
  seed: number;
  /** test customers' emails: the first signs in with STOREFRONT_CUSTOMER_PASSWORD, the second with STOREFRONT_CUSTOMER2_PASSWORD */
  emails: string[];
  /** the product names of the target's catalogue (see fetchProductNames) */
  productNames: string[];
  /** discount codes the target accepts */
  validDiscountCodes?: string[];
  searchTerms?: number;
  addresses?: number;
}

/** Words of the catalogue's product names a shopper would type: letters only, 4+ characters. */
export function searchWords(productNames: string[]): string[] {
  const words = new Set<string>();
  for (const name of productNames) {
    for (const word of name.toLowerCase().split(/[^a-z]+/)) if (word.length >= 4) words.add(word);
  }
  return [...words].sort();
}

export function generateTestData(opts: GenerateOptions): TestData {
  const faker = new Faker({ locale: [en_AU, en, base] });
  faker.seed(opts.seed);
  const wanted = opts.searchTerms ?? 20;
  const real = faker.helpers.shuffle(searchWords(opts.productNames)).slice(0, wanted - 2);
  const misses = [faker.commerce.productMaterial().toLowerCase(), faker.word.noun().toLowerCase()].filter(
    (w) => !real.includes(w),
  );
  const passwordEnvs = [SECRET_ENV.customerPassword, SECRET_ENV.customer2Password];
  return {
    $comment: `storefront-check load --gen-data, seed ${opts.seed}. No secrets: each account names the env var holding its password.`,
    accounts: opts.emails.slice(0, 2).map((email, i) => ({ email, passwordEnv: passwordEnvs[i] })),
    searchTerms: real.length > 0 ? [...real, ...misses] : [...misses, ...faker.helpers.multiple(() => faker.commerce.product().toLowerCase(), { count: 3 })],
    discountCodes: [
      ...(opts.validDiscountCodes ?? []).map((code) => ({ code, valid: true })),
      ...faker.helpers.multiple(() => ({ code: `ZZ${faker.string.alphanumeric({ length: 8, casing: 'upper' })}`, valid: false }), { count: 2 }),
    ],
    addresses: faker.helpers.multiple(
      () => ({
        firstName: faker.person.firstName(),
        lastName: faker.person.lastName(),
        streetName: faker.location.streetAddress(),
        city: faker.location.city(),
        state: faker.location.state({ abbreviated: true }),
        postcode: faker.location.zipCode('####'),
        country: 'AU',
      }),
      { count: opts.addresses ?? 10 },
    ),
  };
}

/** The en-AU names of up to `limit` active products of the target (a public endpoint). */
export async function fetchProductNames(baseUrl: string, apiVersion: string, limit = 100): Promise<string[]> {
  const url = `${baseUrl}/products?status=active&limit=${Math.min(limit, 100)}&sort=popularity:desc`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json', 'X-Api-Version': apiVersion } });
  } catch (err) {
    throw new UnreachableError(`cannot read the catalogue for test data from ${url}: ${(err as Error).message} (or pass prepared test data with --data <file>)`);
  }
  if (!res.ok) throw new UnreachableError(`GET ${url} answered ${res.status}: cannot read the catalogue for test data (or pass prepared test data with --data <file>)`);
  const body = (await res.json()) as { results?: { name?: Record<string, string> | string }[] };
  return (body.results ?? [])
    .map((p) => (typeof p.name === 'string' ? p.name : (p.name?.['en-AU'] ?? Object.values(p.name ?? {})[0])))
    .filter((n): n is string => typeof n === 'string');
}

export function writeTestData(file: string, data: TestData): void {
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}
