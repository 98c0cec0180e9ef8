import { ValueTransformer } from 'typeorm';

/** PostgreSQL returns numeric as text; carats and dollars are numbers with two decimals here. */
export const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
