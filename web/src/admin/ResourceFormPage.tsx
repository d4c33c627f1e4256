// Creates or edits one entity. An error the API ties to a field shows beside that field; a
// conflict (someone changed or uses it) and a lock (a publication holds it) are explained in
// words, with the correlation id.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { entitiesById, getEntity, listEntities, saveEntity } from '../api/catalog';
import type { Entity } from '../api/catalog';
import { ApiError } from '../api/http';
import { useSession } from '../auth/session';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { resources } from './resources';
import type { Field } from './resources';
import { useLoaded } from '../components/useLoaded';
import { usePageTitle } from '../components/usePageTitle';

type Values = Record<string, string | string[]>;

/** Why a save failed, in words, for errors not tied to one field. */
function explain(error: ApiError): string {
  if (error.status === 409 && error.field === 'version')
    return 'Someone else changed this since you opened it. Reload it to see their changes.';
  if (error.status === 423)
    return 'A publication in progress holds this price. Try again once it has ended.';
  return error.message;
}

function initialValues(fields: Field[], entity: Entity | null): Values {
  const values: Values = {};
  for (const field of fields) {
    const current = entity?.[field.name];
    values[field.name] =
      field.kind === 'references'
        ? Array.isArray(current)
          ? current.map(String)
          : []
        : field.kind === 'tags'
          ? Array.isArray(current)
            ? current.join(', ')
            : ''
          : current === undefined || current === null
            ? field.options?.[0] ?? ''
            : String(current);
  }
  return values;
}

export function ResourceFormPage({ resourceKey }: { resourceKey?: string }) {
  const params = useParams();
  const key = resourceKey ?? params.resource ?? '';
  const id = params.id;
  const resource = resources[key];
  const { accessToken, user } = useSession();
  const location = useLocation();
  const [saved, setSaved] = useState(Boolean((location.state as { saved?: boolean } | null)?.saved));
  usePageTitle(id ? `Edit ${resource.singular}` : `New ${resource.singular}`);
  const loaded = useLoaded(
    (signal) => (id ? getEntity(resource.collection, id, accessToken, signal) : Promise.resolve(null)),
    `${resource.collection}/${id ?? 'new'}`,
  );
  if (resource.editableBy === 'ADMIN' && user?.role !== 'ADMIN')
    return <Empty>Only admins can change {resource.title.toLowerCase()}.</Empty>;
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (id && !loaded.data) return <Loading what={`the ${resource.singular}`} />;
  return (
    <>
      {saved && (
        <p className="notice saved" role="status">
          Saved.
        </p>
      )}
      <EntityForm
        key={`${id ?? 'new'}@${loaded.data?.version ?? 0}`}
        resourceKey={key}
        entity={loaded.data}
        onSaved={() => {
          setSaved(true);
          loaded.reload();
        }}
      />
    </>
  );
}

function EntityForm({
  resourceKey,
  entity,
  onSaved,
}: {
  resourceKey: string;
  entity: Entity | null;
  /** After a change: loads the entity again, with its new version. */
  onSaved(): void;
}) {
  const resource = resources[resourceKey];
  const { accessToken } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(() => initialValues(resource.fields, entity));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFieldErrors({});
    setError(null);
    const body: Record<string, unknown> = { ...values };
    for (const field of resource.fields) {
      if (field.kind === 'tags')
        body[field.name] = (values[field.name] as string)
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean);
    }
    if (entity) body.version = entity.version;
    try {
      const saved = await saveEntity(resource.collection, entity?.id ?? null, body, accessToken);
      if (!entity) navigate(`/admin/${resource.key}/${saved.id}`, { state: { saved: true } });
      else if (resource.key === 'offerings') navigate(`/admin/offerings/${saved.id}`);
      else onSaved();
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const field = cause.field;
      if (field && resource.fields.some((f) => f.name === field))
        setFieldErrors({ [field]: cause.message });
      else setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="entity-form" onSubmit={submit} noValidate>
      <h1>
        {entity ? `Edit ${resource.singular}` : `New ${resource.singular}`}
        {entity && <span className="muted"> · version {entity.version}</span>}
      </h1>
      {resource.fields.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={values[field.name]}
          error={fieldErrors[field.name]}
          onChange={(value) => setValues({ ...values, [field.name]: value })}
        />
      ))}
      {error && (
        <div className="notice error" role="alert">
          <p>{explain(error)}</p>
          {error.correlationId && <p className="correlation">Reference: {error.correlationId}</p>}
        </div>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="secondary" onClick={() => navigate(-1)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FieldInput({
  field,
  value,
  error,
  onChange,
}: {
  field: Field;
  value: string | string[];
  error?: string;
  onChange(value: string | string[]): void;
}) {
  const id = `field-${field.name}`;
  const described = [field.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
    required: field.required,
  };
  let input;
  switch (field.kind) {
    case 'textarea':
      input = <textarea {...common} value={value as string} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'select':
      input = (
        <select {...common} value={value as string} onChange={(e) => onChange(e.target.value)}>
          {field.options?.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'decimal':
      input = (
        <input
          {...common}
          inputMode="decimal"
          pattern="[0-9]+([.][0-9]{1,2})?"
          value={value as string}
          onChange={(e) => onChange(e.target.value.replace(',', '.'))}
        />
      );
      break;
    case 'references':
      input = (
        <ReferencePicker {...common} collection={field.collection ?? ''} value={value as string[]} onChange={onChange} />
      );
      break;
    case 'tags':
      input = <input {...common} value={value as string} onChange={(e) => onChange(e.target.value)} />;
      break;
    default:
      input = <input {...common} value={value as string} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span aria-hidden="true"> *</span>}
      </label>
      {input}
      {field.hint && (
        <p id={`${id}-hint`} className="hint">
          {field.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

// How a referenced entity reads in a picker: a characteristic with its value and unit, a price
// with its amount, anything else by name.
function describe(entity: Entity): string {
  if (entity.unit_of_measure !== undefined)
    return `${entity.name} (${String(entity.value)} ${String(entity.unit_of_measure)})`;
  if (entity.currency !== undefined)
    return `${entity.name} (${String(entity.value)} ${String(entity.currency)} ${String(entity.unit)})`;
  return entity.name;
}

// Several entities of another context, chosen from its first hundred, with the chosen ones
// listed in full below.
function ReferencePicker({
  collection,
  value,
  onChange,
  ...common
}: {
  id: string;
  collection: string;
  value: string[];
  onChange(value: string[]): void;
  required?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { accessToken } = useSession();
  // The chosen ones too, which need not be among the first hundred: an option missing for one
  // would drop it from the selection at the first change.
  const [initial] = useState(value);
  const choices = useLoaded(async (signal) => {
    const [first, chosen] = await Promise.all([
      listEntities(collection, new URLSearchParams({ page_size: '100' }), accessToken, signal),
      entitiesById(collection, initial, accessToken, signal),
    ]);
    const byId = new Map([...first.items, ...chosen].map((entity) => [entity.id, entity]));
    return [...byId.values()];
  }, collection);
  if (choices.error) return <ErrorNotice error={choices.error} onRetry={choices.reload} />;
  if (!choices.data) return <Loading what="the choices" />;
  const options = choices.data;
  const chosen = options.filter((option) => value.includes(option.id));
  return (
    <>
      <select
        {...common}
        multiple
        size={Math.min(8, Math.max(3, options.length))}
        value={value}
        onChange={(e) => onChange(Array.from(e.target.selectedOptions, (option) => option.value))}
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {describe(option)}
          </option>
        ))}
      </select>
      {chosen.length > 0 && (
        <ul className="chosen" aria-label="Chosen">
          {chosen.map((option) => (
            <li key={option.id}>{describe(option)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
