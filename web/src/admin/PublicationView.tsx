// An offering's publication as it runs: each saga step pending, running, done, failed or
// compensated, on the BPMN diagram and in a list that screen readers follow, polled every
// second until the saga has ended, with the reason when it compensated.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { publication } from '../api/catalog';
import { ApiError } from '../api/http';
import type { Publication } from '../api/catalog';
import { useSession } from '../auth/session';
import { ErrorNotice, Loading } from '../components/States';
import { DiagramBoundary } from './DiagramBoundary';

const SagaDiagram = lazy(() => import('./SagaDiagram'));
const POLL_MS = 1000;
const STEP_NAMES: Record<string, string> = {
  'lock-prices': 'Lock the prices',
  'validate-specifications': 'Validate the specifications',
  'create-store-entry': 'Create the store entry',
  'confirm-publication': 'Confirm the publication',
  'unlock-prices': 'Release the prices',
  'delete-store-entry': 'Delete the store entry',
  'revert-offering-to-draft': 'Revert the offering to draft',
};

export function PublicationView({
  offeringId,
  generation,
  shownStatus,
  onStatusChanged,
}: {
  offeringId: string;
  /** Changes when a new publication starts, to follow it from its beginning. */
  generation: number;
  /** The offering's status the page shows; told when the publication finds another. */
  shownStatus: string;
  onStatusChanged(): void;
}) {
  const { accessToken } = useSession();
  const [current, setCurrent] = useState<Publication | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [neverPublished, setNeverPublished] = useState(false);
  const shown = useRef({ shownStatus, onStatusChanged });
  shown.current = { shownStatus, onStatusChanged };

  useEffect(() => {
    const controller = new AbortController();
    let timer = 0;
    setNeverPublished(false);
    const poll = () =>
      publication(offeringId, accessToken, controller.signal).then(
        (answer) => {
          setCurrent(answer);
          setError(null);
          if (answer.lifecycle_status !== shown.current.shownStatus) shown.current.onStatusChanged();
          // The offering is PUBLISHED before the saga's last step (releasing the prices) ends;
          // a stuck saga (an incident) waits for an operator, so it is polled less often.
          if (answer.saga_id && !answer.ended_at)
            timer = window.setTimeout(poll, answer.state === 'STUCK' ? POLL_MS * 5 : POLL_MS);
        },
        (cause) => {
          if (controller.signal.aborted) return;
          // 404: never published. Another 4xx will not change by asking again; a network
          // error or a 5xx may.
          if (cause instanceof ApiError && cause.status === 404) {
            setNeverPublished(true);
            return;
          }
          setError(cause);
          if (!(cause instanceof ApiError) || cause.status === 0 || cause.status >= 500)
            timer = window.setTimeout(poll, POLL_MS * 3);
        },
      );
    poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [offeringId, accessToken, generation]);

  if (neverPublished) return null;
  if (!current) return error ? <ErrorNotice error={error} /> : <Loading what="the publication" />;
  if (!current.saga_id) return null;
  const ran = current.steps.filter((step) => step.status !== 'pending' || step.kind === 'forward');
  return (
    <section className="publication" aria-labelledby="publication-title">
      <h2 id="publication-title">Publication: {current.state.toLowerCase()}</h2>
      {current.failure_reason && (
        <p className="notice error" role="alert">
          The publication was undone: {current.failure_reason}
        </p>
      )}
      <DiagramBoundary>
        <Suspense fallback={<Loading what="the diagram" />}>
          <SagaDiagram steps={current.steps} />
        </Suspense>
      </DiagramBoundary>
      <ol className="steps" aria-live="polite">
        {ran.map((step) => (
          <li key={step.activity_id} className={`step step-${step.status}`}>
            {STEP_NAMES[step.step] ?? step.step}
            {step.kind === 'compensation' && ' (undo)'}: <strong>{step.status}</strong>
            {step.error && <span className="muted"> — {step.error}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
