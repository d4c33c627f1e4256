// One published offering as customers see it: its specifications with their characteristics,
// its prices and where it is sold.
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/http';
import { storeOffering } from '../api/store';
import type { StoreOffering } from '../api/store';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { useLoaded } from '../components/useLoaded';
import { usePageTitle } from '../components/usePageTitle';

export function OfferingPage() {
  const { id = '' } = useParams();
  const { data: offering, error } = useLoaded<StoreOffering>(
    (signal) => storeOffering(id, signal),
    id,
  );
  usePageTitle(offering?.name);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <Empty>
        This offering is not in the store: it may have been retired.{' '}
        <Link to="/store">Back to the store</Link>
      </Empty>
    );
  }
  if (error) return <ErrorNotice error={error} />;
  if (!offering) return <Loading what="the offering" />;
  return (
    <article className="offering">
      <p>
        <Link to="/store">← Store</Link>
      </p>
      <h1>{offering.name}</h1>
      {offering.description && <p className="description">{offering.description}</p>}
      <section aria-labelledby="prices">
        <h2 id="prices">Prices</h2>
        <ul className="prices">
          {offering.pricing.map((price) => (
            <li key={price.id}>
              <strong>
                {price.value} {price.currency}
              </strong>{' '}
              {price.unit} <span className="muted">({price.name})</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="specifications">
        <h2 id="specifications">What you get</h2>
        {offering.specifications.map((specification) => (
          <div className="specification" key={specification.id}>
            <h3>{specification.name}</h3>
            <table>
              <caption className="visually-hidden">
                Characteristics of {specification.name}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Characteristic</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {specification.characteristics.map((characteristic) => (
                  <tr key={characteristic.id}>
                    <th scope="row">{characteristic.name}</th>
                    <td>
                      {characteristic.value} {characteristic.unit}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <p className="muted">Sold {offering.sales_channels.join(', ')}</p>
    </article>
  );
}
