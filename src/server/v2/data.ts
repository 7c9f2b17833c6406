// Seeded, deterministic v2 catalogue and content: a category tree four levels deep with names in
// every language, products priced per region (deliberate price ties, an accented name for q and
// name_asc), comments, banners, sliders, showrooms, layouts and news. People are in data-customers.ts.

import { Faker, base, en, en_GB } from '@faker-js/faker';
import { DATA_EPOCH_MS } from '../data.js';
import { Ids } from '../ids.js';
import { generateCustomers } from './data-customers.js';
import { isoSeconds } from './formats.js';
import type { CategoryRec, CommentRec, LayoutRec, NewsRec, ProductRec, Text, V2Dataset } from './records.js';
import { regionalPrices, STORES } from './regions.js';

const DAY = 86_400_000;
const t = (en: string, de: string, tr: string, ja: string): Text => ({ 'en-GB': en, 'de-DE': de, 'tr-TR': tr, 'ja-JP': ja });

// slug, parent slug, name, product noun (categories without a noun hold no products directly)
const TREE: Array<[string, string | null, Text, Text | null]> = [
  ['living-room', null, t('Living Room', 'Wohnzimmer', 'Oturma Odası', 'リビング'), null],
  ['bedroom', null, t('Bedroom', 'Schlafzimmer', 'Yatak Odası', '寝室'), null],
  ['dining', null, t('Dining', 'Esszimmer', 'Yemek Odası', 'ダイニング'), null],
  ['lighting', null, t('Lighting', 'Beleuchtung', 'Aydınlatma', '照明'), null],
  ['sofas', 'living-room', t('Sofas', 'Sofas', 'Kanepeler', 'ソファ'), t('Sofa', 'Sofa', 'Kanepe', 'ソファ')],
  ['sofa-beds', 'sofas', t('Sofa Beds', 'Schlafsofas', 'Çekyatlar', 'ソファベッド'), t('Sofa Bed', 'Schlafsofa', 'Çekyat', 'ソファベッド')],
  ['futons', 'sofa-beds', t('Futons', 'Futons', 'Futonlar', '布団ソファ'), t('Futon', 'Futon', 'Futon', '布団ソファ')],
  ['armchairs', 'living-room', t('Armchairs', 'Sessel', 'Berjerler', 'アームチェア'), t('Armchair', 'Sessel', 'Berjer', 'アームチェア')],
  ['coffee-tables', 'living-room', t('Coffee Tables', 'Couchtische', 'Orta Sehpalar', 'コーヒーテーブル'), t('Coffee Table', 'Couchtisch', 'Orta Sehpa', 'コーヒーテーブル')],
  ['beds', 'bedroom', t('Beds', 'Betten', 'Yataklar', 'ベッド'), t('Bed', 'Bett', 'Yatak', 'ベッド')],
  ['bunk-beds', 'beds', t('Bunk Beds', 'Etagenbetten', 'Ranzalar', '二段ベッド'), t('Bunk Bed', 'Etagenbett', 'Ranza', '二段ベッド')],
  ['mattresses', 'bedroom', t('Mattresses', 'Matratzen', 'Şilteler', 'マットレス'), t('Mattress', 'Matratze', 'Şilte', 'マットレス')],
  ['dining-tables', 'dining', t('Dining Tables', 'Esstische', 'Yemek Masaları', 'ダイニングテーブル'), t('Dining Table', 'Esstisch', 'Yemek Masası', 'ダイニングテーブル')],
  ['dining-chairs', 'dining', t('Dining Chairs', 'Esszimmerstühle', 'Yemek Sandalyeleri', 'ダイニングチェア'), t('Dining Chair', 'Stuhl', 'Sandalye', 'チェア')],
  ['bar-stools', 'dining-chairs', t('Bar Stools', 'Barhocker', 'Bar Tabureleri', 'バースツール'), t('Bar Stool', 'Barhocker', 'Bar Taburesi', 'バースツール')],
  ['lamps', 'lighting', t('Lamps', 'Lampen', 'Lambalar', 'ランプ'), t('Lamp', 'Lampe', 'Lamba', 'ランプ')],
  ['floor-lamps', 'lamps', t('Floor Lamps', 'Stehlampen', 'Lambaderler', 'フロアランプ'), t('Floor Lamp', 'Stehlampe', 'Lambader', 'フロアランプ')],
  ['pendant-lights', 'lighting', t('Pendant Lights', 'Pendelleuchten', 'Sarkıt Lambalar', 'ペンダントライト'), t('Pendant Light', 'Pendelleuchte', 'Sarkıt Lamba', 'ペンダントライト')],
];
// 'Élan' and 'Café' carry accents: name_asc must collate them (V2-SRT-01), q must fold them (V2-FLT-02)
const ADJECTIVES: Text[] = [
  t('Élan', 'Élan', 'Élan', 'エラン'), t('Classic', 'Klassisch', 'Klasik', 'クラシック'), t('Nordic', 'Nordisch', 'İskandinav', 'ノルディック'),
  t('Coastal', 'Küsten', 'Sahil', 'コースタル'), t('Café', 'Café', 'Kafe', 'カフェ'), t('Modern', 'Modern', 'Modern', 'モダン'),
  t('Luxe', 'Luxus', 'Lüks', 'ラックス'), t('Rustic', 'Rustikal', 'Rustik', 'ラスティック'), t('Urban', 'Urban', 'Kentsel', 'アーバン'),
  t('Heritage', 'Erbe', 'Miras', 'ヘリテージ'),
];
const BRANDS = ['Harbour Home', 'Linen & Oak', 'Nordic Nest', 'Urban Loft', 'Studio Form', 'Kōbō Living'];
// pence; repeated values make price ties; .95 prices make float drift visible in line totals
const PRICE_LADDER = [495, 1295, 1495, 2495, 4495, 7995, 9995, 12900, 14995, 19900, 29995, 49900];
const COLOURS = ['Natural', 'Charcoal', 'Ivory', 'Sage', 'Navy', 'Walnut'];

export function generateV2Data(seed: number, productCount: number, ids: Ids): V2Dataset {
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(seed);
  const categories = generateCategories(ids);
  const products = generateProducts(faker, ids, categories, productCount);
  const comments = generateComments(faker, ids, products);
  const people = generateCustomers(faker, ids, products);
  return { categories, products, comments, ...generateContent(faker, ids, products), stores: STORES, ...people };
}

function generateCategories(ids: Ids): CategoryRec[] {
  const bySlug = new Map<string, CategoryRec>();
  const positions = new Map<string | null, number>();
  for (const [slug, parent, name] of TREE) {
    const parentRec = parent === null ? null : bySlug.get(parent)!;
    const position = (positions.get(parent) ?? 0) + 1;
    positions.set(parent, position);
    const rec: CategoryRec = { id: ids.next('cat', 2), slug, name, parentId: parentRec?.id ?? null, position, childIds: [] };
    parentRec?.childIds.push(rec.id);
    bySlug.set(slug, rec);
  }
  return [...bySlug.values()];
}

function generateProducts(faker: Faker, ids: Ids, categories: CategoryRec[], count: number): ProductRec[] {
  const withNoun = TREE.filter((row) => row[3] !== null);
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  const names = new Set<string>();
  const start = Date.UTC(2023, 0, 1);
  const products: ProductRec[] = [];
  for (let i = 0; i < count; i++) {
    const [slug, , , noun] = withNoun[i % withNoun.length];
    const adjective = faker.helpers.arrayElement(ADJECTIVES);
    const surname = faker.person.lastName().replace(/[^A-Za-z]/g, '');
    let suffix = '';
    while (names.has(`${adjective['en-GB']} ${surname} ${noun!['en-GB']}${suffix}`.toLowerCase())) suffix += ` ${faker.helpers.arrayElement(COLOURS)}`;
    const name = {} as Text;
    for (const lang of Object.keys(noun!) as Array<keyof Text>) name[lang] = `${adjective[lang]} ${surname} ${noun![lang]}${suffix}`;
    names.add(name['en-GB'].toLowerCase());
    const pence = faker.helpers.arrayElement(PRICE_LADDER);
    const onSale = faker.number.int({ max: 9 }) < 3;
    const createdMs = start + faker.number.int({ max: 800 }) * DAY + faker.number.int({ max: 86_399 }) * 1000;
    const id = ids.next('prod');
    const description = t(`The ${name['en-GB']} by its maker.`, `${name['de-DE']} vom Hersteller.`, `Üreticisinden ${name['tr-TR']}.`, `${name['ja-JP']}。`);
    products.push({
      id,
      slug: name['en-GB'].toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-'),
      name,
      description,
      brand: faker.helpers.arrayElement(BRANDS),
      categoryId: bySlug.get(slug)!.id,
      price: regionalPrices(pence),
      listPrice: regionalPrices(onSale ? Math.round(pence * 1.25) : pence),
      // the first product is active and in stock: the natural pick of a check that needs "a product"
      inStock: i === 0 || faker.number.int({ max: 9 }) < 8,
      rating: faker.number.int({ min: 0, max: 10 }) / 2,
      status: i === 0 || faker.number.int({ max: 9 }) < 9 ? 'active' : 'inactive',
      images: Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, (_, k) => ({ url: `https://images.example.com/${id}/${k + 1}.jpg`, position: k + 1 })),
      createdAt: isoSeconds(createdMs),
      updatedAt: isoSeconds(Math.min(DATA_EPOCH_MS, createdMs + faker.number.int({ max: 200 }) * DAY)),
    });
  }
  return products;
}

function generateComments(faker: Faker, ids: Ids, products: ProductRec[]): CommentRec[] {
  const comments: CommentRec[] = [];
  products.forEach((p, i) => {
    // the first product has two pages of comments (pageSize 24)
    const n = i === 0 ? 30 : faker.number.int({ max: 6 });
    for (let k = 0; k < n; k++) {
      comments.push({
        id: ids.next('cmt', 5),
        productId: p.id,
        authorName: faker.person.firstName(),
        rating: faker.number.int({ min: 1, max: 5 }),
        text: faker.lorem.sentence(),
        createdAt: isoSeconds(Date.parse(p.createdAt) + faker.number.int({ min: 1, max: 400 }) * DAY),
      });
    }
  });
  return comments;
}

function generateContent(faker: Faker, ids: Ids, products: ProductRec[]) {
  const banners = [3, 1, 2].map((position) => ({
    id: ids.next('ban'),
    title: t(`Spring offers ${position}`, `Frühlingsangebote ${position}`, `Bahar fırsatları ${position}`, `春のセール ${position}`),
    imageUrl: `https://images.example.com/banners/${position}.jpg`,
    link: `/campaigns/${position}`,
    position,
  }));
  const sliders = [1, 2, 3].map((n) => ({
    id: ids.next('sld'),
    title: t(`Inspiration ${n}`, `Inspiration ${n}`, `İlham ${n}`, `インスピレーション ${n}`),
    slides: [1, 2, 3].map((position) => ({ imageUrl: `https://images.example.com/sliders/${n}-${position}.jpg`, link: `/inspiration/${n}/${position}`, position })),
  }));
  const showrooms = Array.from({ length: 30 }, (_, n) => ({
    id: ids.next('shw'),
    title: t(`Showroom ${n + 1}`, `Ausstellung ${n + 1}`, `Showroom ${n + 1}`, `ショールーム ${n + 1}`),
    blocks: [{ type: 'products', productIds: faker.helpers.arrayElements(products, 3).map((p) => p.id) }],
  }));
  const layouts: LayoutRec[] = [
    { pageKey: 'home', title: t('Home', 'Startseite', 'Ana Sayfa', 'ホーム'), blocks: [{ type: 'banner', bannerId: banners[0].id }, { type: 'slider', sliderId: sliders[0].id }], updatedAt: isoSeconds(DATA_EPOCH_MS - 3 * DAY) },
    { pageKey: 'sale', title: t('Sale', 'Sale', 'İndirim', 'セール'), blocks: [{ type: 'showroom', showroomId: showrooms[0].id }], updatedAt: isoSeconds(DATA_EPOCH_MS - 9 * DAY) },
  ];
  const news: NewsRec[] = Array.from({ length: 40 }, (_, n) => ({
    id: ids.next('news'),
    title: t(`News ${n + 1}`, `Neuigkeit ${n + 1}`, `Haber ${n + 1}`, `ニュース ${n + 1}`),
    summary: t(faker.lorem.sentence(), 'Kurz gesagt.', 'Kısaca.', '概要。'),
    publishedAt: isoSeconds(DATA_EPOCH_MS - faker.number.int({ min: 1, max: 700 }) * DAY - faker.number.int({ max: 86_399 }) * 1000),
  }));
  return { banners, sliders, showrooms, layouts, news };
}
