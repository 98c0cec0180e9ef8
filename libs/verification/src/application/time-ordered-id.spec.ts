import { timeOrderedId } from './time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a version 7 UUID carrying its millisecond, unique, and sorts by time', () => {
    const at = Date.UTC(2026, 10, 28, 12, 0, 0, 5);
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    const many = Array.from({ length: 10_000 }, (_, i) => timeOrderedId(at + Math.floor(i / 10)));
    expect(new Set(many).size).toBe(many.length);
    many.forEach((x) => expect(x).toMatch(UUID_V7));
    const later = many.filter((_, i) => i % 10 === 0);
    expect([...later].sort()).toEqual(later);
  });
});
