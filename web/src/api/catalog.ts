// The catalog's admin API: every context's entities share one shape of list, read, create,
// replace (PUT with the version read, 409 when someone changed it first) and delete.
import { request } from './http';

export interface Entity {
  id: string;
  version: number;
  name: string;
  [field: string]: unknown;
}

export interface ListPage<T = Entity> {
  total: number;
  page: number;
  page_size: number;
  items: T[];
}

export function listEntities<T = Entity>(
  collection: string,
  query: URLSearchParams,
  token: string | null,
  signal?: AbortSignal,
): Promise<ListPage<T>> {
  return request<ListPage<T>>('GET', `${collection}?${query}`, { token: token ?? undefined, signal });
}

/** The entities with these ids (one request, at most 100). */
export async function entitiesById<T = Entity>(
  collection: string,
  ids: string[],
  token: string | null,
  signal?: AbortSignal,
): Promise<T[]> {
  if (ids.length === 0) return [];
  const query = new URLSearchParams({ page_size: '100' });
  for (const id of ids) query.append('id', id);
  return (await listEntities<T>(collection, query, token, signal)).items;
}

export function getEntity<T = Entity>(
  collection: string,
  id: string,
  token: string | null,
  signal?: AbortSignal,
): Promise<T> {
  return request<T>('GET', `${collection}/${encodeURIComponent(id)}`, {
    token: token ?? undefined,
    signal,
  });
}

export function saveEntity<T = Entity>(
  collection: string,
  id: string | null,
  body: Record<string, unknown>,
  token: string | null,
): Promise<T> {
  return id
    ? request<T>('PUT', `${collection}/${encodeURIComponent(id)}`, { body, token: token ?? undefined })
    : request<T>('POST', collection, { body, token: token ?? undefined });
}

export function deleteEntity(collection: string, id: string, token: string | null): Promise<void> {
  return request<void>('DELETE', `${collection}/${encodeURIComponent(id)}`, {
    token: token ?? undefined,
  });
}

export function offeringAction(
  id: string,
  action: 'publish' | 'retire',
  token: string | null,
): Promise<unknown> {
  return request('POST', `/api/v1/offerings/${encodeURIComponent(id)}/${action}`, {
    token: token ?? undefined,
  });
}

export interface PublicationStep {
  step: string;
  activity_id: string;
  kind: 'forward' | 'compensation';
  status: 'pending' | 'running' | 'done' | 'failed' | 'compensated';
  started_at: string | null;
  ended_at: string | null;
  error: string | null;
}

export interface Publication {
  offering_id: string;
  saga_id: string | null;
  lifecycle_status: string;
  state: string;
  failure_reason: string | null;
  started_at: string | null;
  /** Null while the saga runs. */
  ended_at: string | null;
  steps: PublicationStep[];
}

export function publication(id: string, token: string | null, signal?: AbortSignal): Promise<Publication> {
  return request<Publication>('GET', `/api/v1/offerings/${encodeURIComponent(id)}/publication`, {
    token: token ?? undefined,
    signal,
  });
}
