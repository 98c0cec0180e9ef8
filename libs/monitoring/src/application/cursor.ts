import { invalid } from '@kp/kernel';

/**
 * Lists answer `{items, nextCursor}`. A cursor is the sort key of the last item given,
 * opaque to clients: a PostgreSQL timestamp as text (microseconds kept) and a tiebreaker.
 */
export function encodeCursor(time: string, tiebreaker: string): string {
  return Buffer.from(JSON.stringify([time, tiebreaker])).toString('base64url');
}

const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

export function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && typeof key[1] === 'string' && typeof key[0] === 'string' && PG_TIMESTAMPTZ.test(key[0])) {
      return [key[0], key[1]];
    }
  } catch {
    /* not ours */
  }
  throw invalid('INVALID_CURSOR', 'The cursor is not one this list gave out.', { errors: [{ field: 'cursor', message: 'cursor is not valid' }] });
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
