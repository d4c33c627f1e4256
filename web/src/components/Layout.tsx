// The frame of every page: the catalog's name, the navigation, who is signed in.
import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';

export function Layout() {
  const { user, signOut } = useSession();
  const location = useLocation();
  // After a move to another page, focus goes to the page's content, so that a screen reader
  // reads the new page and the next Tab starts there, not at the old page's last control.
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (location.pathname !== firstPath.current) {
      firstPath.current = '';
      main.current?.focus();
    }
  }, [location.pathname]);
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
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
