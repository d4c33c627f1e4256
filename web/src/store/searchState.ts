// What a store search asks for, kept in the page's URL so that a search can be shared and the
// back button returns to the previous one. The URL's parameters are the API's own.

export type SortKey = 'relevance' | 'price' | 'name' | 'published_at';

export interface SearchState {
  q: string;
  minPrice: string;
  maxPrice: string;
  currency: string;
  channel: string;
  /** `Name:<op><value>[unit]`, e.g. `Speed:>50Mbps`. */
  characteristics: string[];
  sort: SortKey | '';
  order: 'asc' | 'desc' | '';
  page: number;
}

export const PAGE_SIZE = 12;

export const emptySearch: SearchState = {
  q: '',
  minPrice: '',
  maxPrice: '',
  currency: '',
  channel: '',
  characteristics: [],
  sort: '',
  order: '',
  page: 1,
};

const SORTS: readonly string[] = ['relevance', 'price', 'name', 'published_at'];

export function parseSearch(params: URLSearchParams): SearchState {
  const sort = params.get('sort') ?? '';
  const order = params.get('order') ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: params.get('q') ?? '',
    minPrice: params.get('min_price') ?? '',
    maxPrice: params.get('max_price') ?? '',
    currency: params.get('currency') ?? '',
    channel: params.get('channel') ?? '',
    characteristics: params.getAll('characteristic'),
    sort: SORTS.includes(sort) ? (sort as SortKey) : '',
    order: order === 'asc' || order === 'desc' ? order : '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The page's URL parameters: only what differs from an empty search. */
export function toParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string) => value && params.set(key, value);
  set('q', state.q.trim());
  set('min_price', state.minPrice);
  set('max_price', state.maxPrice);
  set('currency', state.currency);
  set('channel', state.channel);
  for (const characteristic of state.characteristics) params.append('characteristic', characteristic);
  set('sort', state.sort);
  set('order', state.order);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** What the API is asked: the page's parameters and the page size. */
export function toApiQuery(state: SearchState): URLSearchParams {
  const params = toParams(state);
  params.set('page_size', String(PAGE_SIZE));
  return params;
}

/** The price bounds of a price-range facet ("50-100", "1000+"). */
export function rangeBounds(range: string): { min: string; max: string } {
  if (range.endsWith('+')) return { min: range.slice(0, -1), max: '' };
  const [min, max] = range.split('-');
  return { min, max };
}

/** A characteristic comparison as the API takes it: `Speed:>=100Mbps`. */
export function comparison(name: string, operator: string, value: string, unit: string): string {
  return `${name.trim()}:${operator}${value.trim()}${unit.trim()}`;
}
