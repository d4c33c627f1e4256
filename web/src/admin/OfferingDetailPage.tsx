// One offering for admins and users: its specifications with their characteristics, its prices
// and channels, what may be done with it now (edit or delete a draft, publish, retire), and its
// publication as it runs.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { deleteEntity, entitiesById, getEntity, offeringAction } from '../api/catalog';
import type { Entity } from '../api/catalog';
import { ApiError } from '../api/http';
import { useSession } from '../auth/session';
import { ErrorNotice, Loading } from '../components/States';
import { PublicationView } from './PublicationView';
import { useLoaded } from '../components/useLoaded';
import { usePageTitle } from '../components/usePageTitle';

interface Details {
  offering: Entity;
  specifications: Entity[];
  characteristics: Map<string, Entity>;
  prices: Entity[];
}

const idsOf = (entity: Entity, field: string) => (entity[field] as string[] | undefined) ?? [];

export function OfferingDetailPage() {
  const { id = '' } = useParams();
  const { accessToken, user } = useSession();
  const navigate = useNavigate();
  const [generation, setGeneration] = useState(0);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const details = useLoaded<Details>(async (signal) => {
    const offering = await getEntity('/api/v1/offerings', id, accessToken, signal);
    const [specifications, prices] = await Promise.all([
      entitiesById('/api/v1/specifications', idsOf(offering, 'specification_ids'), accessToken, signal),
      entitiesById('/api/v1/prices', idsOf(offering, 'pricing_ids'), accessToken, signal),
    ]);
    const characteristicIds = [...new Set(specifications.flatMap((s) => idsOf(s, 'characteristic_ids')))];
    const characteristics = await entitiesById(
      '/api/v1/characteristics',
      characteristicIds,
      accessToken,
      signal,
    );
    return {
      offering,
      specifications,
      characteristics: new Map(characteristics.map((c) => [c.id, c])),
      prices,
    };
  }, id);

  usePageTitle(details.data?.offering.name);
  if (details.error) return <ErrorNotice error={details.error} onRetry={details.reload} />;
  if (!details.data) return <Loading what="the offering" />;
  const { offering, specifications, characteristics, prices } = details.data;
  const status = offering.lifecycle_status as string;
  const isAdmin = user?.role === 'ADMIN';

  const act = async (action: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setActionError(null);
    try {
      await action();
      after();
    } catch (cause) {
      if (cause instanceof ApiError) setActionError(cause);
      else throw cause;
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="offering-admin">
      <p>
        <Link to="/admin/offerings">← Offerings</Link>
      </p>
      <h1>
        {offering.name} <span className={`badge status-${status.toLowerCase()}`}>{status}</span>
      </h1>
      {typeof offering.description === 'string' && offering.description && <p>{offering.description}</p>}
      <div className="actions" role="group" aria-label="Actions">
        {status === 'DRAFT' && (
          <>
            <Link className="button" to={`/admin/offerings/${id}/edit`}>
              Edit
            </Link>
            {isAdmin && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  act(
                    () => offeringAction(id, 'publish', accessToken),
                    () => {
                      details.reload();
                      setGeneration((g) => g + 1);
                    },
                  )
                }
              >
                Publish
              </button>
            )}
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() =>
                window.confirm(`Delete the draft ${offering.name}?`) &&
                act(() => deleteEntity('/api/v1/offerings', id, accessToken), () => navigate('/admin/offerings'))
              }
            >
              Delete draft
            </button>
          </>
        )}
        {status === 'PUBLISHED' && isAdmin && (
          <button
            type="button"
            disabled={busy}
            onClick={() => act(() => offeringAction(id, 'retire', accessToken), details.reload)}
          >
            Retire
          </button>
        )}
      </div>
      {actionError && <ErrorNotice error={actionError} />}
      <section aria-labelledby="specifications">
        <h2 id="specifications">Specifications</h2>
        {specifications.length === 0 && <p className="muted">None yet: publishing needs one.</p>}
        {specifications.map((specification) => (
          <div key={specification.id} className="specification">
            <h3>{specification.name}</h3>
            <ul>
              {idsOf(specification, 'characteristic_ids').map((characteristicId) => {
                const c = characteristics.get(characteristicId);
                return (
                  <li key={characteristicId}>
                    {c ? `${c.name}: ${String(c.value)} ${String(c.unit_of_measure)}` : 'a deleted characteristic'}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="prices">
        <h2 id="prices">Prices</h2>
        {prices.length === 0 && <p className="muted">None yet: publishing needs one.</p>}
        <ul>
          {prices.map((price) => (
            <li key={price.id}>
              {price.name}: {String(price.value)} {String(price.currency)} {String(price.unit)}
            </li>
          ))}
        </ul>
      </section>
      <p className="muted">Sales channels: {((offering.sales_channels as string[]) ?? []).join(', ') || 'none yet'}</p>
      <PublicationView
        offeringId={id}
        generation={generation}
        shownStatus={status}
        onStatusChanged={details.reload}
      />
    </article>
  );
}
