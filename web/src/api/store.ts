// The store's public API (SRS §3.2.5): published offerings, found by text, price, channel and
// characteristic comparisons, with facets counted over every match.
import { request } from './http';

export interface StoreCharacteristic {
  id: string;
  name: string;
  value: string;
  unit: string;
}

export interface StorePrice {
  id: string;
  name: string;
  value: string;
  currency: string;
  unit: string;
}

export interface StoreOffering {
  id: string;
  name: string;
  description: string;
  specifications: { id: string; name: string; characteristics: StoreCharacteristic[] }[];
  pricing: StorePrice[];
  sales_channels: string[];
  published_at: string | null;
  lifecycle_status: string;
}

export interface PriceRangeFacet {
  currency: string;
  range: string;
  count: number;
}

export interface CharacteristicFacet {
  name: string;
  values: { value: string; unit: string; count: number }[];
}

export interface StorePage {
  total: number;
  page: number;
  page_size: number;
  items: StoreOffering[];
  facets: { price_ranges: PriceRangeFacet[]; characteristics: CharacteristicFacet[] };
}

/** `query` is the search state as the API takes it (see searchState.ts). */
export function searchStore(query: URLSearchParams, signal?: AbortSignal): Promise<StorePage> {
  return request<StorePage>('GET', `/api/v1/store/search?${query}`, { signal });
}

export function storeOffering(id: string, signal?: AbortSignal): Promise<StoreOffering> {
  return request<StoreOffering>('GET', `/api/v1/store/offerings/${encodeURIComponent(id)}`, {
    signal,
  });
}
