import { describe, expect, it } from 'vitest';
import { comparison, emptySearch, parseSearch, rangeBounds, toApiQuery, toParams } from './searchState';

describe('search state in the URL', () => {
  it('round-trips every field through the URL', () => {
    const state = {
      q: 'fibre home',
      minPrice: '20',
      maxPrice: '100',
      currency: 'USD',
      channel: 'online',
      characteristics: ['Speed:>50Mbps', 'Color:=Black'],
      sort: 'price' as const,
      order: 'asc' as const,
      page: 3,
    };
    expect(parseSearch(toParams(state))).toEqual(state);
  });

  it('keeps only what differs from an empty search', () => {
    expect(toParams(emptySearch).toString()).toBe('');
    expect(toParams({ ...emptySearch, q: '  fibre ' }).toString()).toBe('q=fibre');
  });

  it('falls back to defaults for values the API would refuse', () => {
    const state = parseSearch(new URLSearchParams('page=-2&sort=cheapest&order=up'));
    expect(state.page).toBe(1);
    expect(state.sort).toBe('');
    expect(state.order).toBe('');
  });

  it('asks the API for a page of the size it shows', () => {
    expect(toApiQuery({ ...emptySearch, page: 2 }).toString()).toBe('page=2&page_size=12');
  });

  it('turns price ranges and comparisons into API parameters', () => {
    expect(rangeBounds('50-100')).toEqual({ min: '50', max: '100' });
    expect(rangeBounds('1000+')).toEqual({ min: '1000', max: '' });
    expect(comparison(' Speed ', '>=', ' 100 ', 'Mbps')).toBe('Speed:>=100Mbps');
  });
});
