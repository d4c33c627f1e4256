// A context's entities, a page at a time, narrowed by lifecycle status where there is one; the
// page and the filter live in the URL.
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { listEntities } from '../api/catalog';
import { useSession } from '../auth/session';
import { Pager } from '../components/Pager';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { resources } from './resources';
import { useLoaded } from '../components/useLoaded';
import { usePageTitle } from '../components/usePageTitle';

const PAGE_SIZE = 20;

export function ResourceListPage() {
  const resource = resources[useParams().resource ?? ''];
  const { accessToken, user } = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const status = params.get('lifecycle_status') ?? '';
  const sort = params.get('sort') ?? '';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const query = new URLSearchParams({ page: String(page), page_size: String(PAGE_SIZE) });
  if (status) query.set('lifecycle_status', status);
  if (sort) query.set('sort', sort);
  if (order === 'desc') query.set('order', 'desc');
  const list = useLoaded(
    (signal) => listEntities(resource.collection, query, accessToken, signal),
    `${resource.collection}?${query}`,
  );

  usePageTitle(resource.title);
  const canEdit = user?.role === 'ADMIN' || resource.editableBy === 'USER';
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  return (
    <section className="admin-list">
      <div className="heading">
        <h1>{resource.title}</h1>
        {canEdit && (
          <Link className="button" to={`/admin/${resource.key}/new`}>
            New {resource.singular}
          </Link>
        )}
      </div>
      {resource.lifecycle && (
        <label className="inline">
          Status
          <select value={status} onChange={(event) => go({ lifecycle_status: event.target.value, page: '' })}>
            <option value="">Any</option>
            {resource.lifecycle.map((value) => (
              <option key={value} value={value}>
                {value.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      )}
      {list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading what={resource.title.toLowerCase()} />
      ) : list.data.items.length === 0 ? (
        <Empty>No {resource.title.toLowerCase()} yet.</Empty>
      ) : (
        <table className="entities">
          <caption className="visually-hidden">
            {resource.title}, page {page} of {pages}
          </caption>
          <thead>
            <tr>
              {resource.columns.map((column) => {
                const sorted = column.sort !== undefined && column.sort === (sort || 'name');
                return (
                  <th
                    scope="col"
                    key={column.label}
                    aria-sort={sorted ? (order === 'desc' ? 'descending' : 'ascending') : undefined}
                  >
                    {column.sort ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() =>
                          go({
                            sort: column.sort ?? '',
                            order: sorted && order === 'asc' ? 'desc' : '',
                            page: '',
                          })
                        }
                      >
                        {column.label}
                        {sorted && <span aria-hidden="true">{order === 'desc' ? ' ▼' : ' ▲'}</span>}
                      </button>
                    ) : (
                      column.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((entity) => (
              <tr key={entity.id}>
                {resource.columns.map((column, index) => (
                  <td key={column.label}>
                    {index === 0 && (canEdit || resource.key === 'offerings') ? (
                      <Link to={`/admin/${resource.key}/${entity.id}`}>{column.value(entity)}</Link>
                    ) : (
                      column.value(entity)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} onPage={(next) => go({ page: String(next) })} />
    </section>
  );
}
