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
        <Route path="admin" element={<RequireSignIn />}>
          <Route index element={<Navigate to="/admin/offerings" replace />} />
          <Route path="offerings/new" element={<ResourceFormPage resourceKey="offerings" />} />
          <Route path="offerings/:id" element={<OfferingDetailPage />} />
          <Route path="offerings/:id/edit" element={<ResourceFormPage resourceKey="offerings" />} />
          <Route path=":resource" element={<KnownResource />}>
            <Route index element={<ResourceListPage />} />
            <Route path="new" element={<ResourceFormPage />} />
            <Route path=":id" element={<ResourceFormPage />} />
          </Route>
        </Route>
        <Route path="*" element={<Navigate to="/store" replace />} />
      </Route>
    </Routes>
  );
}
