import { Navigate, Route, Routes } from 'react-router-dom';
import { KnownResource } from './admin/KnownResource';
import { OfferingDetailPage } from './admin/OfferingDetailPage';
import { ResourceFormPage } from './admin/ResourceFormPage';
import { ResourceListPage } from './admin/ResourceListPage';
import { RequireSignIn } from './auth/RequireSignIn';
import { Layout } from './components/Layout';
import { LoginPage } from './login/LoginPage';
import { OfferingPage } from './store/OfferingPage';
import { StorePage } from './store/StorePage';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<StorePage />} />
        <Route path="store" element={<StorePage />} />
        <Route path="store/offerings/:id" element={<OfferingPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="admin" element={<Navigate to="/admin/offerings" replace />} />
        <Route
          path="admin/offerings/new"
          element={
            <RequireSignIn>
              <ResourceFormPage resourceKey="offerings" />
            </RequireSignIn>
          }
        />
        <Route
          path="admin/offerings/:id"
          element={
            <RequireSignIn>
              <OfferingDetailPage />
            </RequireSignIn>
          }
        />
        <Route
          path="admin/offerings/:id/edit"
          element={
            <RequireSignIn>
              <ResourceFormPage resourceKey="offerings" />
            </RequireSignIn>
          }
        />
        <Route
          path="admin/:resource"
          element={
            <RequireSignIn>
              <KnownResource>
                <ResourceListPage />
              </KnownResource>
            </RequireSignIn>
          }
        />
        <Route
          path="admin/:resource/new"
          element={
            <RequireSignIn>
              <KnownResource>
                <ResourceFormPage />
              </KnownResource>
            </RequireSignIn>
          }
        />
        <Route
          path="admin/:resource/:id"
          element={
            <RequireSignIn>
              <KnownResource>
                <ResourceFormPage />
              </KnownResource>
            </RequireSignIn>
          }
        />
        <Route path="*" element={<Navigate to="/store" replace />} />
      </Route>
    </Routes>
  );
}
