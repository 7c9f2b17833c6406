// Seeded, deterministic catalogue: categories (a hierarchy incl. `sofas`), products with variants
// and media (deliberate sort ties on price and popularity), collections and CMS content.
// Customers, addresses and orders come from data-customers.ts.

import { Faker, base, en, en_AU } from '@faker-js/faker';
import { generateCustomers } from './data-customers.js';
import { Ids } from './ids.js';
import type { CategoryRec, CollectionRec, ContentRec, Dataset, LocalizedString, ProductRec, ProductStatus } from './records.js';

/** Fixed "now" of the seeded history, so the data does not depend on the clock. */
export const DATA_EPOCH_MS = Date.UTC(2025, 5, 1);

export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const both = (s: string): LocalizedString => ({ 'en-AU': s, 'en-NZ': s });

// slug, name, parent slug, position among siblings, product nouns (leaf categories)
const CATEGORY_TREE: Array<[string, string, string | null, number, string[]]> = [
  ['living-room', 'Living Room', null, 1, []],
  ['bedroom', 'Bedroom', null, 2, []],
  ['dining', 'Dining', null, 3, []],
  ['outdoor', 'Outdoor', null, 4, []],
  ['decor', 'Decor', null, 5, []],
  ['lighting', 'Lighting', null, 6, []],
  ['sofas', 'Sofas', 'living-room', 1, ['Sofa', '3 Seater Sofa', '2 Seater Sofa', 'Modular Sofa', 'Chaise Sofa']],
  ['armchairs', 'Armchairs', 'living-room', 2, ['Armchair', 'Accent Chair', 'Recliner']],
  ['coffee-tables', 'Coffee Tables', 'living-room', 3, ['Coffee Table', 'Side Table']],
  ['sofa-beds', 'Sofa Beds', 'sofas', 1, ['Sofa Bed', '3 Seater Sofa Bed']],
  ['beds', 'Beds', 'bedroom', 1, ['Queen Bed', 'King Bed', 'Bed Frame']],
  ['mattresses', 'Mattresses', 'bedroom', 2, ['Mattress', 'Pocket Spring Mattress']],
  ['bedside-tables', 'Bedside Tables', 'bedroom', 3, ['Bedside Table', 'Nightstand']],
  ['dining-tables', 'Dining Tables', 'dining', 1, ['Dining Table', 'Extendable Dining Table']],
  ['dining-chairs', 'Dining Chairs', 'dining', 2, ['Dining Chair', 'Bar Stool']],
  ['outdoor-lounges', 'Outdoor Lounges', 'outdoor', 1, ['Outdoor Lounge', 'Outdoor Sofa', 'Sun Lounger']],
  ['rugs', 'Rugs', 'decor', 1, ['Rug', 'Runner Rug']],
  ['wall-art', 'Wall Art', 'decor', 2, ['Canvas Print', 'Framed Print']],
  ['mirrors', 'Mirrors', 'decor', 3, ['Mirror', 'Round Mirror']],
  ['pendant-lights', 'Pendant Lights', 'lighting', 1, ['Pendant Light']],
  ['floor-lamps', 'Floor Lamps', 'lighting', 2, ['Floor Lamp', 'Arc Floor Lamp']],
];
const ADJECTIVES = ['Premium', 'Classic', 'Nordic', 'Coastal', 'Hamptons', 'Modern', 'Luxe', 'Rustic', 'Urban', 'Scandi', 'Heritage', 'Boho'];
const BRANDS = ['Horizon Home', 'Linen & Oak', 'Coastal Living', 'Nordic Nest', 'Urban Loft', 'Bayside Furniture', 'Heritage Co', 'Studio Form'];
// shelf prices as stores write them: some end in 99 or 95, so a percentage discount can fall between cents
const PRICE_LADDER = [4900, 7999, 9900, 14995, 19900, 29999, 49900, 79995, 99900, 129999, 199900, 249995];
const COLOURS = ['Natural', 'Charcoal', 'Ivory', 'Sage', 'Navy', 'Walnut', 'Oatmeal'];
const COLLECTIONS = ['New Arrivals', 'Best Sellers', 'Summer Sale', 'Hamptons Style', 'Scandi Living', 'Outdoor Entertaining', 'Small Spaces', 'Clearance'];

export interface GenerateOptions {
  seed: number;
  productCount: number;
  idFormat: 'prefixed' | 'uuid';
}

export function generateData(opts: GenerateOptions, ids: Ids): Dataset {
  const faker = new Faker({ locale: [en_AU, en, base] });
  faker.seed(opts.seed);
  // uuids from their own seeded stream, so both id formats get the same catalogue
  const uuidFaker = new Faker({ locale: [base] });
  uuidFaker.seed(opts.seed + 1);
  const seededUuid = () => uuidFaker.string.uuid();
  const saved = ids.uuid;
  ids.uuid = seededUuid;
  try {
    const categories = generateCategories(ids);
    const products = generateProducts(faker, ids, categories, opts.productCount);
    const collections = generateCollections(faker, ids, products);
    const content = generateContent(faker);
    const people = generateCustomers(faker, ids, products);
    return { categories, products, collections, content, ...people };
  } finally {
    ids.uuid = saved;
  }
}

function generateCategories(ids: Ids): CategoryRec[] {
  const bySlug = new Map<string, CategoryRec>();
  for (const [slug, name, parent, position] of CATEGORY_TREE) {
    const parentId = parent === null ? null : bySlug.get(parent)!.id;
    bySlug.set(slug, { id: ids.next('cat', 2), slug, name: { 'en-AU': name, 'en-NZ': name }, parentId, position });
  }
  return sortById([...bySlug.values()]);
}

function generateProducts(faker: Faker, ids: Ids, categories: CategoryRec[], count: number): ProductRec[] {
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  const leaves = CATEGORY_TREE.filter((row) => row[4].length > 0);
  const names = new Set<string>();
  const products: ProductRec[] = [];
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < count; i++) {
    const [slug, , parentSlug, , nouns] = leaves[i % leaves.length];
    const leaf = bySlug.get(slug)!;
    let name = `${faker.helpers.arrayElement(ADJECTIVES)} ${faker.person.lastName().replace(/[^A-Za-z]/g, '')} ${faker.helpers.arrayElement(nouns)}`;
    while (names.has(name.toLowerCase())) name = `${name} ${faker.helpers.arrayElement(COLOURS)}`;
    names.add(name.toLowerCase());
    const roll = faker.number.int({ max: 99 });
    // the first product is active and in stock: the natural pick of a check that needs "a product"
    const status: ProductStatus = i === 0 || roll < 78 ? 'active' : roll < 90 ? 'inactive' : 'discontinued';
    const inStock = i === 0 || faker.number.int({ max: 99 }) < 75;
    const priceCents = faker.helpers.arrayElement(PRICE_LADDER);
    const createdMs = start + faker.number.int({ max: 800 }) * 86_400_000 + faker.number.int({ max: 86_399 }) * 1000;
    const modified = Math.min(DATA_EPOCH_MS, createdMs + faker.number.int({ max: 200 }) * 86_400_000);
    const version = modified === createdMs ? 1 : faker.number.int({ min: 2, max: 6 });
    const categoryIds = [leaf.id];
    if (parentSlug && faker.datatype.boolean()) categoryIds.push(bySlug.get(parentSlug)!.id);
    const brand = faker.helpers.arrayElement(BRANDS);
    const colour = faker.helpers.arrayElement(COLOURS);
    const id = ids.next('prod');
    // the first product (the natural pick of a check) has several variants and media to page and sort
    const variantCount = i === 0 ? 4 : faker.number.int({ min: 1, max: 4 });
    const variants = Array.from({ length: variantCount }, (_, v) => ({
      id: ids.next('var', 5),
      sku: `SKU-${String(i + 1).padStart(4, '0')}-${v + 1}`,
      priceCents: v === 0 ? priceCents : priceCents + faker.helpers.arrayElement([0, 1000, 2000]),
      inStock: inStock && (i === 0 ? v !== 2 : faker.number.int({ max: 9 }) < 7),
      attributes: { colour: v === 0 ? colour : faker.helpers.arrayElement(COLOURS), size: faker.helpers.arrayElement(['S', 'M', 'L']) },
    }));
    const mediaCount = i === 0 ? 5 : faker.number.int({ min: 1, max: 5 });
    const positions = faker.helpers.shuffle(Array.from({ length: mediaCount }, (_, k) => k + 1));
    const media = positions.map((position, k) => ({
      id: ids.next('med', 5),
      type: k === 4 ? ('video' as const) : ('image' as const),
      url: `https://media.storefront.example.com/products/${String(i + 1).padStart(4, '0')}/${k + 1}.${k === 4 ? 'mp4' : 'jpg'}`,
      position,
    }));
    const description = `${name} by ${brand}, finished in ${colour.toLowerCase()}. ${faker.helpers.arrayElement(['Built to last.', 'Designed in Australia.', 'Easy to assemble.', 'A customer favourite.'])}`;
    products.push({
      id,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      name: both(name),
      description: both(description),
      brand,
      status,
      featured: faker.number.int({ max: 99 }) < 20,
      inStock,
      popularity: faker.number.int({ max: 50 }),
      priceCents,
      categoryIds,
      createdAt: iso(createdMs),
      createdMs,
      lastModifiedAt: iso(modified),
      version,
      variants,
      media,
      nameLower: name.toLowerCase(),
      searchText: `${name} ${brand} ${leaf.name['en-AU']}`.toLowerCase(),
    });
  }
  return sortById(products);
}

function generateCollections(faker: Faker, ids: Ids, products: ProductRec[]): CollectionRec[] {
  return sortById(
    COLLECTIONS.map((name) => {
      const size = Math.min(products.length, faker.number.int({ min: 6, max: 30 }));
      const picked = faker.helpers.arrayElements(products, size).map((p) => p.id);
      return { id: ids.next('col', 2), slug: name.toLowerCase().replace(/ /g, '-'), name: both(name), productIds: picked.sort() };
    }),
  );
}

// slug, type, title, locales ('*' = en-AU and en-NZ)
const CONTENT: Array<[string, 'page' | 'banner' | 'block', string, string]> = [
  ['footer', 'block', 'Footer', '*'],
  ['header', 'block', 'Header', '*'],
  ['newsletter-signup', 'block', 'Newsletter signup', '*'],
  ['home-hero', 'banner', 'Home hero', '*'],
  ['summer-sale-banner', 'banner', 'Summer sale', '*'],
  ['free-delivery-banner', 'banner', 'Free delivery', '*'],
  ['about-us', 'page', 'About us', '*'],
  ['contact-us', 'page', 'Contact us', '*'],
  ['delivery-information', 'page', 'Delivery information', '*'],
  ['returns-policy', 'page', 'Returns policy', '*'],
  ['privacy-policy', 'page', 'Privacy policy', '*'],
  ['terms-and-conditions', 'page', 'Terms and conditions', '*'],
  ['gift-cards', 'page', 'Gift cards', '*'],
  ['afterpay', 'page', 'Afterpay', 'en-AU'],
  ['trade-program', 'page', 'Trade program', 'en-AU'],
  ['kiwi-delivery', 'page', 'Delivery across Aotearoa', 'en-NZ'],
];
const STYLE_GUIDES = ['hamptons', 'scandi', 'coastal', 'industrial', 'japandi', 'boho', 'mid-century', 'french-provincial', 'minimalist', 'art-deco'];

function generateContent(faker: Faker): ContentRec[] {
  const rows = [...CONTENT, ...STYLE_GUIDES.map((s) => [`style-guide-${s}`, 'page', `Style guide: ${s.replace(/-/g, ' ')}`, '*'] as const)];
  const out: ContentRec[] = [];
  for (const [slug, type, title, locales] of rows) {
    for (const locale of locales === '*' ? ['en-AU', 'en-NZ'] : [locales]) {
      const country = locale === 'en-NZ' ? 'nz' : 'au';
      const blocks: Array<Record<string, unknown>> =
        slug === 'footer'
          ? [
              { type: 'links', items: [{ label: 'Delivery', href: `https://www.storefront.example.com/${country}/delivery-information` }, { label: 'Returns', href: `https://www.storefront.example.com/${country}/returns-policy` }] },
              { type: 'text', text: `© Horizon Storefront ${locale === 'en-NZ' ? 'New Zealand' : 'Australia'}` },
            ]
          : [
              { type: 'heading', text: title },
              { type: 'richText', html: `<p>${title}. ${faker.helpers.arrayElement(['Find out more.', 'Read the details.', 'Shop the look.'])}</p>` },
            ];
      out.push({ slug, locale, type, title, blocks, updatedAt: iso(DATA_EPOCH_MS - faker.number.int({ min: 1, max: 300 }) * 86_400_000) });
    }
  }
  return out.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

export function sortById<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
