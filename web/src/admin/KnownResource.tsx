// Admin pages of the contexts resources.ts knows; any other name leads to the offerings.
import type { ReactNode } from 'react';
import { Navigate, useParams } from 'react-router-dom';
import { resources } from './resources';

export function KnownResource({ children }: { children: ReactNode }) {
  const { resource = '' } = useParams();
  if (!(resource in resources)) return <Navigate to="/admin/offerings" replace />;
  return <>{children}</>;
}
