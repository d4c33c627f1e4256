// What the admin screens show and edit of each context's entities: the list's columns and the
// form's fields, with the API's field names, so that an error naming a field lands beside it.
import type { Entity } from '../api/catalog';

export type FieldKind = 'text' | 'textarea' | 'decimal' | 'select' | 'references' | 'tags';

export interface Field {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  options?: readonly string[];
  /** For references: the collection the ids point into. */
  collection?: string;
  hint?: string;
}

export interface Column {
  label: string;
  value(entity: Entity): string;
  /** The list's ?sort= key for this column, when the API sorts by it. */
  sort?: string;
}

export interface Resource {
  key: string;
  title: string;
  singular: string;
  collection: string;
  columns: Column[];
  fields: Field[];
  /** Who may create and edit: ADMIN only, or any signed-in user (offering drafts). */
  editableBy: 'ADMIN' | 'USER';
  /** The list's lifecycle filter, when the entity has a lifecycle. */
  lifecycle?: readonly string[];
}

// SRS §3.2.1's units.
export const UNITS = [
  'Mbps', 'Gbps', 'MB', 'GB', 'TB', 'GHz', 'Volt', 'Watt', 'Meter', 'Percent', 'Seconds',
  'Minutes', 'Hours', 'Days', 'Months', 'Years', 'Unit', 'None',
] as const;

export const CURRENCIES = ['USD', 'EUR', 'TRY'] as const;

const text = (field: string) => (entity: Entity) => String(entity[field] ?? '');

const updated: Column = {
  label: 'Updated',
  value: (entity) => new Date(String(entity.updated_at)).toLocaleString(),
  sort: 'updated_at',
};

export const resources: Record<string, Resource> = {
  characteristics: {
    key: 'characteristics',
    title: 'Characteristics',
    singular: 'characteristic',
    collection: '/api/v1/characteristics',
    editableBy: 'ADMIN',
    columns: [
      { label: 'Name', value: text('name'), sort: 'name' },
      { label: 'Value', value: (c) => `${c.value} ${c.unit_of_measure}` },
      updated,
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true, hint: 'Letters, digits and spaces' },
      { name: 'value', label: 'Value', kind: 'text', required: true },
      { name: 'unit_of_measure', label: 'Unit', kind: 'select', options: UNITS, required: true },
    ],
  },
  specifications: {
    key: 'specifications',
    title: 'Specifications',
    singular: 'specification',
    collection: '/api/v1/specifications',
    editableBy: 'ADMIN',
    columns: [
      { label: 'Name', value: text('name'), sort: 'name' },
      {
        label: 'Characteristics',
        value: (s) => String(((s.characteristic_ids as string[]) ?? []).length),
      },
      { label: 'Valid', value: (s) => (s.valid === false ? 'no' : 'yes') },
      updated,
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      {
        name: 'characteristic_ids',
        label: 'Characteristics',
        kind: 'references',
        collection: '/api/v1/characteristics',
        required: true,
      },
    ],
  },
  prices: {
    key: 'prices',
    title: 'Prices',
    singular: 'price',
    collection: '/api/v1/prices',
    editableBy: 'ADMIN',
    columns: [
      { label: 'Name', value: text('name'), sort: 'name' },
      { label: 'Price', value: (p) => `${p.value} ${p.currency} ${p.unit}`, sort: 'value' },
      { label: 'Locked', value: (p) => (p.locked ? `by saga ${p.locked_by_saga_id}` : 'no') },
      updated,
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'value', label: 'Amount', kind: 'decimal', required: true, hint: 'Up to two decimals, e.g. 49.90' },
      { name: 'unit', label: 'Per', kind: 'text', required: true, hint: 'e.g. per month' },
      { name: 'currency', label: 'Currency', kind: 'select', options: CURRENCIES, required: true },
    ],
  },
  offerings: {
    key: 'offerings',
    title: 'Offerings',
    singular: 'offering',
    collection: '/api/v1/offerings',
    editableBy: 'USER',
    lifecycle: ['DRAFT', 'PUBLISHING', 'PUBLISHED', 'RETIRED'],
    columns: [
      { label: 'Name', value: text('name'), sort: 'name' },
      { label: 'Status', value: text('lifecycle_status'), sort: 'lifecycle_status' },
      { label: 'Channels', value: (o) => ((o.sales_channels as string[]) ?? []).join(', ') },
      updated,
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'description', label: 'Description', kind: 'textarea' },
      {
        name: 'specification_ids',
        label: 'Specifications',
        kind: 'references',
        collection: '/api/v1/specifications',
      },
      { name: 'pricing_ids', label: 'Prices', kind: 'references', collection: '/api/v1/prices' },
      { name: 'sales_channels', label: 'Sales channels', kind: 'tags', hint: 'e.g. online, retail' },
    ],
  },
};
