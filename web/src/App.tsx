import { Navigate, Route, Routes } from 'react-router-dom';
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
        <Route path="*" element={<Navigate to="/store" replace />} />
      </Route>
    </Routes>
  );
}
