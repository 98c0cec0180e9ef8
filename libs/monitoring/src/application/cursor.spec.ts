import { DomainError } from '@kp/kernel';
import { decodeCursor, encodeCursor } from './cursor';

describe('list cursors', () => {
  it('give back the sort key they were made of', () => {
    const cursor = encodeCursor('2026-11-28 13:30:09.292123+00', 'BW-2026-000001');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(['2026-11-28 13:30:09.292123+00', 'BW-2026-000001']);
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('refuse anything else as a 400', () => {
    for (const bad of ['nonsense', Buffer.from('["yesterday","x"]').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(DomainError);
    }
  });
});
