// The publication saga's BPMN diagram with each step coloured by its state. bpmn-js and the
// diagram load only with this module (a chunk of its own), when an offering's page shows a
// publication.
import { useEffect, useRef, useState } from 'react';
import Viewer from 'bpmn-js/lib/Viewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import sagaXml from '../../../bpmn/offering-publication-saga.bpmn?raw';
import type { PublicationStep } from '../api/catalog';

interface Canvas {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
  zoom(level: string): void;
}

const MARKERS = ['step-pending', 'step-running', 'step-done', 'step-failed', 'step-compensated'];

export default function SagaDiagram({ steps }: { steps: PublicationStep[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const created = new Viewer({ container: container.current! });
    let alive = true;
    created.importXML(sagaXml).then(
      () => {
        if (!alive) return;
        (created.get('canvas') as Canvas).zoom('fit-viewport');
        setViewer(created);
      },
      (cause: Error) => alive && setError(cause.message),
    );
    return () => {
      alive = false;
      created.destroy();
    };
  }, []);

  useEffect(() => {
    if (!viewer) return;
    const canvas = viewer.get('canvas') as Canvas;
    for (const step of steps) {
      for (const marker of MARKERS) canvas.removeMarker(step.activity_id, marker);
      canvas.addMarker(step.activity_id, `step-${step.status}`);
    }
  }, [viewer, steps]);

  return (
    <figure className="saga-diagram">
      <div ref={container} className="saga-canvas" aria-hidden="true" />
      <figcaption className="visually-hidden">The publication saga's BPMN diagram</figcaption>
      {error && <p className="field-error">The diagram could not be drawn: {error}</p>}
    </figure>
  );
}
