import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedIn } from '../test/session';
import { ResourceFormPage } from './ResourceFormPage';

afterEach(() => vi.unstubAllGlobals());

const future = { v7_startTransition: true, v7_relativeSplatPath: true };

function renderForm(url: string, role: 'ADMIN' | 'USER' = 'ADMIN') {
  return render(
    signedIn(
      role,
      <MemoryRouter initialEntries={[url]} future={future}>
        <Routes>
          <Route path="/admin/:resource/new" element={<ResourceFormPage />} />
          <Route path="/admin/:resource/:id" element={<ResourceFormPage />} />
        </Routes>
      </MemoryRouter>,
    ),
  );
}

function errorBody(status: number, code: string, message: string, details: object) {
  return new Response(JSON.stringify({ error: { code, message, details, correlation_id: 'c-7' } }), {
    status,
  });
}

describe('the entity form', () => {
  it('offers the SRS units and puts an error about a field beside it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        errorBody(409, 'CONFLICT', "A characteristic named 'Speed' already exists", { field: 'name' }),
      ),
    );
    renderForm('/admin/characteristics/new');

    expect(screen.getByRole('option', { name: 'Gbps' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText(/Name/), 'Speed');
    await userEvent.type(screen.getByLabelText(/Value/), '100');
    await userEvent.selectOptions(screen.getByLabelText(/Unit/), 'Mbps');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    const name = screen.getByLabelText(/Name/);
    expect(await screen.findByText("A characteristic named 'Speed' already exists")).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toContain('field-name-error');
    const [, init] = vi.mocked(fetch).mock.calls[0];
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Speed',
      value: '100',
      unit_of_measure: 'Mbps',
    });
  });

  it('explains a conflicting change and a lock in words', async () => {
    const price = { id: 'p-1', version: 3, name: 'Monthly', value: '50.00', unit: 'per month', currency: 'USD' };
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(new Response(JSON.stringify(price)))
        .mockResolvedValueOnce(
          errorBody(409, 'CONFLICT', 'Price was modified by someone else; reload and retry', {
            field: 'version',
          }),
        )
        .mockResolvedValueOnce(errorBody(423, 'LOCKED', 'Price p-1 is locked by saga s-1', {})),
    );
    renderForm('/admin/prices/p-1');

    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed this');
    expect(screen.getByText('Reference: c-7')).toBeTruthy();
    const [, init] = vi.mocked(fetch).mock.calls[1];
    expect(JSON.parse(String(init?.body))).toMatchObject({ version: 3, value: '50.00' });

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'A publication in progress holds this price',
    );
  });

  it('tells a USER that only admins change characteristics', () => {
    vi.stubGlobal('fetch', vi.fn());
    renderForm('/admin/characteristics/new', 'USER');
    expect(screen.getByText('Only admins can change characteristics.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('sends sales channels as a list', async () => {
    const offering = {
      id: 'o-1', version: 1, name: 'Fibre', description: '', specification_ids: [], pricing_ids: [],
      sales_channels: ['online'], lifecycle_status: 'DRAFT',
    };
    const list = { total: 0, page: 1, page_size: 100, items: [] };
    let version = 1;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'PUT') version += 1;
        if (String(url).includes('?')) return new Response(JSON.stringify(list));
        return new Response(JSON.stringify({ ...offering, version }));
      }),
    );
    render(
      signedIn(
        'USER',
        <MemoryRouter initialEntries={['/admin/offerings/o-1/edit']} future={future}>
          <Routes>
            <Route path="/admin/offerings/:id/edit" element={<ResourceFormPage resourceKey="offerings" />} />
            <Route path="/admin/offerings/:id" element={<p>detail</p>} />
          </Routes>
        </MemoryRouter>,
      ),
    );

    const channels = await screen.findByLabelText('Sales channels');
    expect((channels as HTMLInputElement).value).toBe('online');
    await userEvent.clear(channels);
    await userEvent.type(channels, 'online, retail shop ,');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('detail')).toBeTruthy();
    const put = vi.mocked(fetch).mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(put?.[1]?.body))).toMatchObject({
      sales_channels: ['online', 'retail shop'],
      version: 1,
    });
  });

  it('saves again with the version the last save made', async () => {
    let version = 1;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === 'PUT') version += 1;
        return new Response(
          JSON.stringify({ id: 'p-1', version, name: 'Monthly', value: '50.00', unit: 'per month', currency: 'USD' }),
        );
      }),
    );
    renderForm('/admin/prices/p-1');

    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(await screen.findByText(/version 2/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(version).toBe(3));
    const puts = vi.mocked(fetch).mock.calls.filter(([, init]) => init?.method === 'PUT');
    expect(puts.map(([, init]) => JSON.parse(String(init?.body)).version)).toEqual([1, 2]);
  });
});
