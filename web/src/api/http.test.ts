import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from './http';

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status })),
  );
}

describe('request', () => {
  it('sends JSON with the bearer token and returns the parsed answer', async () => {
    answer(201, { id: 'c-1' });
    await expect(request('POST', '/api/v1/characteristics', { body: { name: 'Speed' }, token: 't' }))
      .resolves.toEqual({ id: 'c-1' });
    const [, init] = vi.mocked(fetch).mock.calls[0];
    expect(init?.headers).toMatchObject({
      Authorization: 'Bearer t',
      'Content-Type': 'application/json',
    });
    expect(init?.body).toBe('{"name":"Speed"}');
  });

  it('turns an SRS error body into an ApiError naming its field', async () => {
    answer(409, {
      error: {
        code: 'CONFLICT',
        message: "A characteristic named 'Speed' already exists",
        details: { field: 'name' },
        correlation_id: 'corr-1',
      },
    });
    const error = await request('POST', '/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT', field: 'name', correlationId: 'corr-1' });
  });

  it('says the catalog could not be reached when the network fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(request('GET', '/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
