// The diagram's chunk may fail to load (a new deployment replaced it, the network dropped): the
// page and the steps in words stay, with a note instead of the diagram.
import { Component } from 'react';
import type { ReactNode } from 'react';

export class DiagramBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (this.state.failed)
      return <p className="muted">The diagram could not be loaded; the steps below say the same.</p>;
    return this.props.children;
  }
}
