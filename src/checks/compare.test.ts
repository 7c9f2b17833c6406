import { describe, expect, it } from 'vitest';
import { compareField, matchesFilter, parseFilterValue } from './compare.js';
import type { FieldType, FilterOp, FilterSpec } from '../contract/types.js';

const money = (c: number) => ({ type: 'centPrecision', currencyCode: 'AUD', centAmount: c, fractionDigits: 2 });

describe('compareField (SRT-01)', () => {
  const rows: Array<[FieldType, unknown, unknown, -1 | 0 | 1]> = [
    ['number', 2, 10, -1],
    ['number', 10, 2, 1],
    ['integer', 3, 3, 0],
    ['money', money(999), money(1000), -1],
    ['money', money(1000), money(1000), 0],
    ['timestamp', '2024-02-10T14:20:00Z', '2024-02-10T14:20:00.5Z', -1],
    ['timestamp', '2024-02-11T00:00:00Z', '2024-02-10T23:59:59Z', 1],
    ['boolean', false, true, -1],
    ['boolean', true, true, 0],
    ['string', 'apple', 'Banana', -1],
    ['string', 'Apple', 'apple', 0],
    ['string', 'résumé', 'resume', 0],
    ['string', 'item 10', 'item 9', -1],
    ['localizedString', { 'en-AU': 'Zeta', 'en-NZ': 'Alpha' }, { 'en-AU': 'alpha' }, 1],
    ['enum', 'active', 'inactive', -1],
  ];
  it.each(rows)('%s %j vs %j -> %i', (type, a, b, want) => {
    expect(compareField(type, a, b)).toBe(want);
  });
  it('uses the given amount field', () => {
    expect(compareField('money', { amt: 1 }, { amt: 2 }, { amountField: 'amt' })).toBe(-1);
  });
});

const spec = (type: FieldType, extra: Partial<FilterSpec> = {}): FilterSpec => ({
  style: 'structured', param: 'x', type, pointer: '/x', ops: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'], ...extra,
});

describe('matchesFilter (FLT-01/02)', () => {
  const rows: Array<[FieldType, FilterOp, unknown, string, boolean, Partial<FilterSpec>?]> = [
    ['money', 'gte', money(5000), '5000', true],
    ['money', 'gt', money(5000), '5000', false],
    ['money', 'lte', money(4999), '5000', true],
    ['money', 'eq', money(5000), 'abc', false],
    ['number', 'ne', 3, '3', false],
    ['timestamp', 'lt', '2024-01-01T00:00:00Z', '2024-01-01T00:00:01Z', true],
    ['timestamp', 'eq', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00Z', true],
    ['boolean', 'eq', true, 'true', true],
    ['boolean', 'eq', false, 'true', false],
    ['boolean', 'ne', false, 'true', true],
    ['boolean', 'eq', true, 'yes', false],
    ['enum', 'eq', 'active', 'active', true, { values: ['active', 'inactive'] }],
    ['enum', 'ne', 'active', 'inactive', true, { values: ['active', 'inactive'] }],
    ['enum', 'eq', 'active', 'bogus', false, { values: ['active', 'inactive'] }],
    ['enum', 'lt', 'active', 'inactive', true, { values: ['active', 'inactive'] }],
    ['string', 'eq', 'Acme', 'Acme', true],
    ['string', 'eq', 'Acme', 'acme', false],
    ['string', 'gte', 'b', 'A', true],
    ['categorySlug', 'eq', ['c-1', 'c-2'], 'c-2', true],
    ['categorySlug', 'eq', ['c-1'], 'c-2', false],
    ['id', 'eq', null, 'null', true, { nullable: true }],
    ['id', 'eq', 'c-1', 'null', false, { nullable: true }],
    ['id', 'eq', 'c-1', 'c-1', true, { nullable: true }],
    ['id', 'ne', 'c-1', 'null', true, { nullable: true }],
  ];
  it.each(rows)('%s %s: %j vs %s -> %s', (type, op, item, raw, want, extra) => {
    expect(matchesFilter(spec(type, extra), op, item, raw)).toBe(want);
  });
  it('parses values per type', () => {
    expect(parseFilterValue(spec('money'), '12.5')).toBeUndefined();
    expect(parseFilterValue(spec('number'), '12.5')).toBe(12.5);
    expect(parseFilterValue(spec('boolean'), 'TRUE')).toBeUndefined();
    expect(parseFilterValue(spec('timestamp'), 'yesterday')).toBeUndefined();
  });
});
