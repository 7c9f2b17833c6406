// The regions of GET /config (V2-HDR-02..04): currency, languages, the per-region price of a GBP
// base price, the flat shipping fee, the stores, and the payment methods each region offers.

import type { Lang, PaymentMethodRec, PerRegion, RegionCode, StoreRec } from './records.js';

export interface RegionDef {
  code: RegionCode;
  currency: 'GBP' | 'EUR' | 'TRY' | 'JPY';
  defaultLanguage: Lang;
  languages: Lang[];
}

export const DEFAULT_REGION: RegionCode = 'GB';

export const REGIONS: ReadonlyArray<RegionDef> = [
  { code: 'GB', currency: 'GBP', defaultLanguage: 'en-GB', languages: ['en-GB'] },
  { code: 'DE', currency: 'EUR', defaultLanguage: 'de-DE', languages: ['de-DE', 'en-GB'] },
  { code: 'TR', currency: 'TRY', defaultLanguage: 'tr-TR', languages: ['tr-TR', 'en-GB'] },
  { code: 'JP', currency: 'JPY', defaultLanguage: 'ja-JP', languages: ['ja-JP', 'en-GB'] },
];

export const regionByCode = new Map(REGIONS.map((r) => [r.code, r]));

/** A GBP price in pence to every region's minor units, rounded to prices a shop would show. */
export function regionalPrices(pence: number): PerRegion {
  return {
    GB: pence,
    DE: Math.round((pence * 1.15) / 5) * 5,
    TR: Math.round((pence * 41) / 100) * 100,
    JP: Math.round((pence * 1.9) / 10) * 10,
  };
}

/** Flat shipping per region in minor units (mode shipping=flat); free for an empty basket. */
export const SHIPPING_FEE: PerRegion = { GB: 495, DE: 595, TR: 14990, JP: 800 };

export const STORES: StoreRec[] = [
  { id: 'store-london', name: 'London Oxford Street', region: 'GB' },
  { id: 'store-manchester', name: 'Manchester Arndale', region: 'GB' },
  { id: 'store-berlin', name: 'Berlin Mitte', region: 'DE' },
  { id: 'store-istanbul', name: 'İstanbul Nişantaşı', region: 'TR' },
  { id: 'store-tokyo', name: 'Tokyo Ginza', region: 'JP' },
];

export const PAYMENT_METHODS: PaymentMethodRec[] = [
  { id: 'pm-card', type: 'CARD', name: 'Card', requiresOtp: false, regions: ['GB', 'DE', 'TR', 'JP'] },
  { id: 'pm-card-3ds', type: 'CARD', name: 'Card with 3-D Secure', requiresOtp: true, regions: ['GB', 'DE', 'TR', 'JP'] },
  { id: 'pm-paypal', type: 'WALLET', name: 'PayPal', requiresOtp: false, regions: ['GB', 'DE'] },
  { id: 'pm-sofort', type: 'BANK_TRANSFER', name: 'Sofortüberweisung', requiresOtp: false, regions: ['DE'] },
  { id: 'pm-havale', type: 'BANK_TRANSFER', name: 'Havale / EFT', requiresOtp: true, regions: ['TR'] },
  { id: 'pm-konbini', type: 'BANK_TRANSFER', name: 'コンビニ払い', requiresOtp: false, regions: ['JP'] },
];

export const methodById = new Map(PAYMENT_METHODS.map((m) => [m.id, m]));
