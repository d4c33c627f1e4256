// The routes below it are admin pages of the contexts resources.ts knows; any other name leads
// to the offerings.
import { Navigate, Outlet, useParams } from 'react-router-dom';
import { resources } from './resources';

export function KnownResource() {
  const { resource = '' } = useParams();
  if (!(resource in resources)) return <Navigate to="/admin/offerings" replace />;
  return <Outlet />;
}
