import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedIn } from '../test/session';
import { ResourceListPage } from './ResourceListPage';

afterEach(() => vi.unstubAllGlobals());

const prices = {
  total: 1,
  page: 1,
  page_size: 20,
  items: [
    {
      id: 'p-1',
      version: 1,
      name: 'Monthly',
      value: '50.00',
      currency: 'USD',
      unit: 'per month',
      locked: false,
      updated_at: '2026-12-07T10:00:00Z',
    },
  ],
};

function renderList(url: string, role: 'ADMIN' | 'USER') {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(prices))));
  render(
    signedIn(
      role,
      <MemoryRouter initialEntries={[url]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Routes>
          <Route path="/admin/:resource" element={<ResourceListPage />} />
        </Routes>
      </MemoryRouter>,
    ),
  );
}

const lastQuery = () =>
  new URL(String(vi.mocked(fetch).mock.calls.at(-1)?.[0]), 'http://x').searchParams;

describe('an entity list', () => {
  it('sorts by the column asked, then the other way', async () => {
    renderList('/admin/prices', 'ADMIN');
    const table = await screen.findByRole('table');
    const name = within(table).getByRole('columnheader', { name: /Name/ });
    expect(name.getAttribute('aria-sort')).toBe('ascending');

    await userEvent.click(within(name).getByRole('button'));
    expect(lastQuery().get('sort')).toBe('name');
    expect(lastQuery().get('order')).toBe('desc');
    expect((await screen.findByRole('columnheader', { name: /Name/ })).getAttribute('aria-sort')).toBe(
      'descending',
    );

    await userEvent.click(within(await screen.findByRole('table')).getByRole('button', { name: 'Price' }));
    expect(lastQuery().get('sort')).toBe('value');
    expect(lastQuery().get('order')).toBeNull();
  });

  it('offers a USER no way to create or edit what only admins change', async () => {
    renderList('/admin/prices', 'USER');
    expect(await screen.findByRole('cell', { name: 'Monthly' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /New price/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Monthly' })).toBeNull();
  });
});
