import { ValueTransformer } from 'typeorm';

/** PostgreSQL returns numeric as text; carats have two decimals. */
export const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
