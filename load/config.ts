// The k6 side's configuration, read once at init: the data files beside this file (open() is
// called here, next to main.ts, so relative paths mean the same whether k6 resolves them from the
// entry script or from the calling module), the test data as SharedArrays, and the settings the
// storefront-check CLI passes as environment variables (secrets only ever in the environment).

import { SharedArray } from 'k6/data';
import type { JourneyCatalogue, MetricCatalogue, Overrides, ProfileCatalogue, RouteCatalogue, Slo } from './lib/options.ts';

export type RouteKey = keyof (typeof import('./routes.json'))['routes'];

export const ROUTES: RouteCatalogue = JSON.parse(open('./routes.json'));
export const PROFILES: ProfileCatalogue = JSON.parse(open('./profiles.json'));
export const SLO: Slo = JSON.parse(open(__ENV.STOREFRONT_LOAD_SLO || './slo.json'));
export const JOURNEY_COSTS: JourneyCatalogue = JSON.parse(open('./journeys.json'));
export const METRICS: MetricCatalogue = JSON.parse(open('./metrics.json'));

export const settings = {
  baseUrl: (__ENV.STOREFRONT_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, ''),
  apiVersion: __ENV.STOREFRONT_API_VERSION || 'v1.0',
  profile: __ENV.STOREFRONT_LOAD_PROFILE || 'smoke',
  recaptchaToken: __ENV.STOREFRONT_RECAPTCHA_TOKEN || 'load-test',
  /** seconds a person pauses between steps (0 in the project's own journey tests) */
  thinkTime: __ENV.STOREFRONT_LOAD_THINK_TIME === undefined ? 1 : Number(__ENV.STOREFRONT_LOAD_THINK_TIME),
};

function numberEnv(name: string): number | undefined {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!isFinite(n)) throw new Error(`${name}='${raw}' is not a number`);
  return n;
}

/** `browse=60,search=30,buy=10` */
export function parseMix(text: string): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [journey, weight] = part.split('=');
    if (!journey || weight === undefined || !isFinite(Number(weight))) {
      throw new Error(`mix '${text}' must be written journey=weight,..., e.g. browse=60,search=30,buy=10`);
    }
    mix[journey.trim()] = Number(weight);
  }
  return mix;
}

/** --rate, --vus, --duration, --mix, threshold overrides and the think time, as the CLI passes them. */
export function envOverrides(): Overrides {
  return {
    rate: numberEnv('STOREFRONT_LOAD_RATE'),
    vus: numberEnv('STOREFRONT_LOAD_VUS'),
    duration: __ENV.STOREFRONT_LOAD_DURATION || undefined,
    mix: __ENV.STOREFRONT_LOAD_MIX ? parseMix(__ENV.STOREFRONT_LOAD_MIX) : undefined,
    thresholds: __ENV.STOREFRONT_LOAD_THRESHOLDS ? JSON.parse(__ENV.STOREFRONT_LOAD_THRESHOLDS) : undefined,
    thinkTime: settings.thinkTime,
  };
}

// --- test data (storefront-check load --gen-data): one SharedArray per list ---------------------

export interface Account {
  email: string;
  /** the environment variable holding the password (the data file never holds secrets) */
  passwordEnv?: string;
  /** allowed for throwaway local accounts; generated files never contain it */
  password?: string;
}
export interface DiscountCode {
  code: string;
  /** whether the target accepts it: valid codes expect 200, invalid ones the documented 422 */
  valid: boolean;
}
export interface AddressInput {
  firstName: string;
  lastName: string;
  streetName: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
}
interface TestData {
  accounts: Account[];
  searchTerms: string[];
  discountCodes: DiscountCode[];
  addresses: AddressInput[];
}

const DATA_FILE = __ENV.STOREFRONT_LOAD_DATA || './test-data.json';
let parsed: TestData | undefined;
function data(): TestData {
  if (!parsed) parsed = JSON.parse(open(DATA_FILE)) as TestData;
  return parsed;
}

export const accounts = new SharedArray<Account>('accounts', () => data().accounts);
export const searchTerms = new SharedArray<string>('searchTerms', () => data().searchTerms);
export const discountCodes = new SharedArray<DiscountCode>('discountCodes', () => data().discountCodes);
export const addresses = new SharedArray<AddressInput>('addresses', () => data().addresses);
