import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StorePage as Page } from '../api/store';
import { StorePage } from './StorePage';

afterEach(() => vi.unstubAllGlobals());

const page: Page = {
  total: 1,
  page: 1,
  page_size: 12,
  items: [
    {
      id: 'o-1',
      name: 'Fibre Home',
      description: 'Fast at home',
      specifications: [
        {
          id: 's-1',
          name: 'Fibre 100',
          characteristics: [{ id: 'c-1', name: 'Speed', value: '100', unit: 'Mbps' }],
        },
      ],
      pricing: [{ id: 'p-1', name: 'Monthly', value: '50.00', currency: 'USD', unit: 'per month' }],
      sales_channels: ['online'],
      published_at: '2026-12-07T10:00:00Z',
      lifecycle_status: 'PUBLISHED',
    },
  ],
  facets: {
    price_ranges: [{ currency: 'USD', range: '50-100', count: 1 }],
    characteristics: [{ name: 'Speed', values: [{ value: '100', unit: 'Mbps', count: 1 }] }],
  },
};

function Location() {
  const location = useLocation();
  return <output aria-label="location">{location.search}</output>;
}

function renderStore(url = '/store') {
  return render(
    <MemoryRouter
      initialEntries={[url]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <Routes>
        <Route
          path="/store"
          element={
            <>
              <StorePage />
              <Location />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}

function requestedQueries(): URLSearchParams[] {
  return vi.mocked(fetch).mock.calls.map(([url]) => new URL(String(url), 'http://x').searchParams);
}

describe('the store page', () => {
  it('shows the offerings found with their facets', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(page))));
    renderStore('/store?q=fibre');

    expect(await screen.findByRole('link', { name: 'Fibre Home' })).toHaveProperty(
      'href',
      expect.stringContaining('/store/offerings/o-1'),
    );
    expect(screen.getByText('1 offering')).toBeTruthy();
    expect(screen.getByRole('button', { name: '50–100 USD' })).toBeTruthy();
    expect(screen.getByDisplayValue('fibre')).toBeTruthy();
    expect(requestedQueries()[0].get('q')).toBe('fibre');
  });

  it('narrows the search by a facet and keeps it in the URL', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(page))));
    renderStore();

    await userEvent.click(await screen.findByRole('button', { name: '100 Mbps' }));

    expect(screen.getByLabelText('location').textContent).toBe('?characteristic=Speed%3A%3D100Mbps');
    expect(requestedQueries().at(-1)?.getAll('characteristic')).toEqual(['Speed:=100Mbps']);
    expect(screen.getByRole('button', { name: 'Remove the filter Speed:=100Mbps' })).toBeTruthy();
  });

  it('adds a characteristic comparison', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(page))));
    renderStore();
    await screen.findByText('1 offering');

    await userEvent.type(screen.getByLabelText('Characteristic'), 'Speed');
    await userEvent.selectOptions(screen.getByLabelText('Comparison'), '>');
    await userEvent.type(screen.getByLabelText('Value'), '50');
    await userEvent.type(screen.getByLabelText('Unit'), 'Mbps');
    await userEvent.click(screen.getByRole('button', { name: 'Add filter' }));

    expect(requestedQueries().at(-1)?.getAll('characteristic')).toEqual(['Speed:>50Mbps']);
  });

  it('explains an error, quotes its reference, and tries again', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        new Response(
          JSON.stringify({
            error: {
              code: 'VALIDATION_ERROR',
              message: 'characteristic must look like Name:>value',
              details: { field: 'characteristic' },
              correlation_id: 'corr-9',
            },
          }),
          { status: 400 },
        ),
      )
      .mockResolvedValue(new Response(JSON.stringify(page)));
    vi.stubGlobal('fetch', fetchMock);
    renderStore('/store?characteristic=Speed');

    expect((await screen.findByRole('alert')).textContent).toContain(
      'characteristic must look like Name:>value',
    );
    expect(screen.getByText('Reference: corr-9')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('1 offering')).toBeTruthy();
  });

  it('says when nothing matches', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ ...page, total: 0, items: [] }))),
    );
    renderStore('/store?q=nothing');
    expect(await screen.findByText(/No offering matches this search/)).toBeTruthy();
  });
});
