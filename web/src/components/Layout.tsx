// The frame of every page: the catalog's name, the navigation, who is signed in.
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';

export function Layout() {
  const { user, signOut } = useSession();
  const location = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Catalog
        </Link>
        <nav aria-label="Main">
          <NavLink to="/store">Store</NavLink>
          {user && (
            <>
              <NavLink to="/admin/offerings">Offerings</NavLink>
              <NavLink to="/admin/specifications">Specifications</NavLink>
              <NavLink to="/admin/characteristics">Characteristics</NavLink>
              <NavLink to="/admin/prices">Prices</NavLink>
            </>
          )}
        </nav>
        <div className="account">
          {user ? (
            <>
              <span>
                {user.username} <span className="muted">({user.role.toLowerCase()})</span>
              </span>
              <button type="button" onClick={signOut}>
                Sign out
              </button>
            </>
          ) : (
            <Link to="/login" state={{ from: location.pathname + location.search }}>
              Sign in
            </Link>
          )}
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
