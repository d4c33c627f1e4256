// The store: full-text search, facets, characteristic comparisons, sorting and paging, all held
// in the URL (searchState.ts), so every search can be shared and the back button undoes one.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { searchStore } from '../api/store';
import type { StoreOffering, StorePage as Page } from '../api/store';
import { Pager } from '../components/Pager';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { useLoaded } from '../components/useLoaded';
import { usePageTitle } from '../components/usePageTitle';
import { PAGE_SIZE, comparison, parseSearch, rangeBounds, toApiQuery, toParams } from './searchState';
import type { SearchState } from './searchState';

const OPERATORS = ['>', '>=', '<', '<=', '=', '!='];

export function StorePage() {
  const [params, setParams] = useSearchParams();
  const state = parseSearch(params);
  usePageTitle(state.q ? `"${state.q}" in the store` : 'Store');
  const apiQuery = toApiQuery(state).toString();
  const {
    data: page,
    error,
    reload,
  } = useLoaded<Page>((signal) => searchStore(new URLSearchParams(apiQuery), signal), apiQuery);

  const change = (changes: Partial<SearchState>) =>
    setParams(toParams({ ...state, page: 1, ...changes }));

  return (
    <div className="store">
      <SearchBox initial={state.q} onSearch={(q) => change({ q })} />
      <div className="store-body">
        <aside className="filters" aria-label="Filters">
          <ActiveFilters state={state} onChange={change} />
          {page && <Facets page={page} state={state} onChange={change} />}
          <ComparisonForm
            onAdd={(added) =>
              change({ characteristics: [...new Set([...state.characteristics, added])] })
            }
          />
        </aside>
        <section className="results" aria-label="Offerings" aria-busy={!page && !error}>
          <SortControls state={state} onChange={change} />
          {error ? (
            <ErrorNotice error={error} onRetry={reload} />
          ) : !page ? (
            <Loading what="offerings" />
          ) : page.items.length === 0 ? (
            <Empty>No offering matches this search. Remove a filter or try other words.</Empty>
          ) : (
            <>
              <p className="count">
                {page.total} {page.total === 1 ? 'offering' : 'offerings'}
              </p>
              <ul className="cards">
                {page.items.map((offering) => (
                  <OfferingCard key={offering.id} offering={offering} />
                ))}
              </ul>
              <Pager
                page={state.page}
                pages={Math.max(1, Math.ceil(page.total / PAGE_SIZE))}
                onPage={(next) => setParams(toParams({ ...state, page: next }))}
              />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch(q: string): void }) {
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(q);
  };
  return (
    <form role="search" className="search" onSubmit={submit}>
      <label htmlFor="store-search">Search offerings</label>
      <input
        id="store-search"
        type="search"
        value={q}
        placeholder="fibre, 1 Gbps, mobile…"
        onChange={(event) => setQ(event.target.value)}
      />
      <button type="submit">Search</button>
    </form>
  );
}

function ActiveFilters({
  state,
  onChange,
}: {
  state: SearchState;
  onChange(changes: Partial<SearchState>): void;
}) {
  const price =
    state.minPrice || state.maxPrice
      ? `${state.minPrice || '0'}–${state.maxPrice || '…'} ${state.currency}`.trim()
      : '';
  if (!price && !state.channel && state.characteristics.length === 0) return null;
  return (
    <div className="active-filters">
      <h2>Filters</h2>
      <ul>
        {price && (
          <li>
            Price {price}{' '}
            <button
              type="button"
              aria-label={`Remove the price filter ${price}`}
              onClick={() => onChange({ minPrice: '', maxPrice: '', currency: '' })}
            >
              ×
            </button>
          </li>
        )}
        {state.channel && (
          <li>
            Sold {state.channel}{' '}
            <button
              type="button"
              aria-label={`Remove the channel filter ${state.channel}`}
              onClick={() => onChange({ channel: '' })}
            >
              ×
            </button>
          </li>
        )}
        {state.characteristics.map((filter) => (
          <li key={filter}>
            {filter}{' '}
            <button
              type="button"
              aria-label={`Remove the filter ${filter}`}
              onClick={() =>
                onChange({ characteristics: state.characteristics.filter((c) => c !== filter) })
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Facets({
  page,
  state,
  onChange,
}: {
  page: Page;
  state: SearchState;
  onChange(changes: Partial<SearchState>): void;
}) {
  const { price_ranges: prices, characteristics } = page.facets;
  return (
    <>
      {prices.length > 0 && (
        <fieldset className="facet">
          <legend>Price</legend>
          <ul>
            {prices.map(({ currency, range, count }) => {
              const { min, max } = rangeBounds(range);
              return (
                <li key={currency + range}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => onChange({ minPrice: min, maxPrice: max, currency })}
                  >
                    {range.replace('-', '–')} {currency}
                  </button>{' '}
                  <span className="facet-count">({count})</span>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      {characteristics.map(({ name, values }) => (
        <fieldset className="facet" key={name}>
          <legend>{name}</legend>
          <ul>
            {values.map(({ value, unit, count }) => {
              // "None" is no unit to compare in: Color:=Black, not Color:=BlackNone.
              const filter = comparison(name, '=', value, unit === 'None' ? '' : unit);
              return (
                <li key={value + unit}>
                  <button
                    type="button"
                    className="link"
                    disabled={state.characteristics.includes(filter)}
                    onClick={() => onChange({ characteristics: [...state.characteristics, filter] })}
                  >
                    {value} {unit === 'None' ? '' : unit}
                  </button>{' '}
                  <span className="facet-count">({count})</span>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </>
  );
}

function ComparisonForm({ onAdd }: { onAdd(filter: string): void }) {
  const [name, setName] = useState('');
  const [operator, setOperator] = useState('>=');
  const [value, setValue] = useState('');
  const [unit, setUnit] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !value.trim()) return;
    onAdd(comparison(name, operator, value, unit));
    setValue('');
  };
  return (
    <form className="comparison" onSubmit={submit} aria-label="Compare a characteristic">
      <h2>Compare a characteristic</h2>
      <label>
        Characteristic
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="Speed" />
      </label>
      <label>
        Comparison
        <select value={operator} onChange={(event) => setOperator(event.target.value)}>
          {OPERATORS.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
      </label>
      <label>
        Value
        <input value={value} onChange={(event) => setValue(event.target.value)} placeholder="50" />
      </label>
      <label>
        Unit
        <input value={unit} onChange={(event) => setUnit(event.target.value)} placeholder="Mbps" />
      </label>
      <button type="submit">Add filter</button>
    </form>
  );
}

function SortControls({
  state,
  onChange,
}: {
  state: SearchState;
  onChange(changes: Partial<SearchState>): void;
}) {
  return (
    <div className="sort">
      <label>
        Sort by
        <select
          value={state.sort}
          onChange={(event) => onChange({ sort: event.target.value as SearchState['sort'] })}
        >
          <option value="">{state.q ? 'Best match' : 'Newest'}</option>
          <option value="price">Price</option>
          <option value="name">Name</option>
          <option value="published_at">Publication date</option>
        </select>
      </label>
      <label>
        Order
        <select
          value={state.order}
          onChange={(event) => onChange({ order: event.target.value as SearchState['order'] })}
        >
          <option value="">Default</option>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </label>
    </div>
  );
}

function OfferingCard({ offering }: { offering: StoreOffering }) {
  const lowest = [...offering.pricing].sort((a, b) => Number(a.value) - Number(b.value))[0];
  return (
    <li className="card">
      <h3>
        <Link to={`/store/offerings/${offering.id}`}>{offering.name}</Link>
      </h3>
      {offering.description && <p>{offering.description}</p>}
      {lowest && (
        <p className="price">
          from {lowest.value} {lowest.currency} <span className="unit">{lowest.unit}</span>
        </p>
      )}
      <p className="facts">
        {offering.specifications
          .flatMap((specification) => specification.characteristics)
          .map((c) => `${c.name} ${c.value} ${c.unit}`.trim())
          .join(' · ')}
      </p>
    </li>
  );
}
