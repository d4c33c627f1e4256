import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Publication } from '../api/catalog';
import { signedIn } from '../test/session';
import { PublicationView } from './PublicationView';

// bpmn-js draws with SVG APIs jsdom lacks; the browser scenarios cover the diagram.
vi.mock('./SagaDiagram', () => ({ default: () => null }));

afterEach(() => vi.unstubAllGlobals());

const step = (name: string, kind: 'forward' | 'compensation', status: string, error: string | null = null) => ({
  step: name,
  activity_id: name,
  kind,
  status,
  started_at: null,
  ended_at: null,
  error,
});

const running: Publication = {
  offering_id: 'o-1',
  saga_id: 's-1',
  lifecycle_status: 'PUBLISHING',
  state: 'RUNNING',
  failure_reason: null,
  started_at: '2026-12-07T10:00:00Z',
  ended_at: null,
  steps: [step('lock-prices', 'forward', 'running'), step('unlock-prices', 'compensation', 'pending')] as Publication['steps'],
};

const undone: Publication = {
  ...running,
  lifecycle_status: 'DRAFT',
  state: 'FAILED',
  failure_reason: 'Price p-1 is locked by saga other',
  ended_at: '2026-12-07T10:00:02Z',
  steps: [
    step('lock-prices', 'forward', 'failed', 'Price p-1 is locked by saga other'),
    step('revert-offering-to-draft', 'compensation', 'done'),
  ] as Publication['steps'],
};

describe('the publication view', () => {
  it('follows the saga until it ends and says why it was undone', async () => {
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(new Response(JSON.stringify(running)))
        .mockImplementation(async () => new Response(JSON.stringify(undone))),
    );
    const onStatusChanged = vi.fn();
    render(
      signedIn(
        'ADMIN',
        <PublicationView offeringId="o-1" generation={0} shownStatus="PUBLISHING" onStatusChanged={onStatusChanged} />,
      ),
    );

    expect(await screen.findByText(/Lock the prices/)).toBeTruthy();
    expect(screen.getByText('running')).toBeTruthy();
    expect(screen.queryByText(/Unlock|Release/)).toBeNull(); // undo steps that did not run
    expect((await screen.findByRole('alert', {}, { timeout: 3000 })).textContent).toContain(
      'The publication was undone: Price p-1 is locked by saga other',
    );
    expect(screen.getByText(/Revert the offering to draft \(undo\)/)).toBeTruthy();
    await waitFor(() => expect(onStatusChanged).toHaveBeenCalled());
    const calls = vi.mocked(fetch).mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(vi.mocked(fetch).mock.calls.length).toBe(calls); // ended: no more polling
  });

  it('shows nothing for an offering never published, and stops asking', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(
          JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Offering o-1 has no publication', details: {} } }),
          { status: 404 },
        ),
      ),
    );
    const { container } = render(
      signedIn(
        'ADMIN',
        <PublicationView offeringId="o-1" generation={0} shownStatus="DRAFT" onStatusChanged={vi.fn()} />,
      ),
    );
    await waitFor(() => expect(container.textContent).toBe(''));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(vi.mocked(fetch)).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
