// The routes below it are for signed-in users: anyone else is sent to sign in, and comes back
// after.
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from './session';

export function RequireSignIn() {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}
