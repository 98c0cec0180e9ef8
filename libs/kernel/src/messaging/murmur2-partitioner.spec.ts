import { Partitioners } from 'kafkajs';
import { murmur2, Murmur2Partitioner } from './murmur2-partitioner';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (key: string | Buffer) => number;

describe('murmur2 partitioner', () => {
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
  const alphabet = ['B', 'W', '-', '2', '0', '6', 'é', '€', '😀', 'z', '\u0000'];
  const text = (n: number) => Array.from({ length: n }, () => alphabet[random(alphabet.length)]).join('');

  it('hashes as the Java client does (its own test vectors)', () => {
    expect(murmur2('21')).toBe(-973932308);
    expect(murmur2('foobar')).toBe(-790332482);
    expect(murmur2('a-little-bit-long-string')).toBe(-985981536);
    expect(murmur2('a-little-bit-longer-string')).toBe(-1486304829);
    expect(murmur2('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8')).toBe(-58897971);
    expect(murmur2(Buffer.from('abc'))).toBe(479470107);
  });

  it('hashes as kafkajs does, for keys of every length up to 60, strings and buffers', () => {
    for (let i = 0; i < 3000; i++) {
      const key = text(random(61));
      const asBuffer = Buffer.from(key);
      expect([key, murmur2(key)]).toEqual([key, kafkajsMurmur2(key)]);
      expect(murmur2(asBuffer)).toBe(kafkajsMurmur2(asBuffer));
    }
  });

  it('puts each key on the partition kafkajs\'s default partitioner does, and a named partition first', () => {
    const ours = Murmur2Partitioner();
    const theirs = Partitioners.DefaultPartitioner();
    for (let i = 0; i < 3000; i++) {
      const partitions = 1 + random(12);
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: random(5) === 0 ? -1 : 1,
        partitionErrorCode: 0,
        replicas: [1],
        isr: [1],
      }));
      const message = { key: `BW-2026-${String(random(1_000_000)).padStart(6, '0')}${text(random(3))}`, value: 'v' };
      const args = { topic: 'kp.verification.performed', partitionMetadata, message };
      expect(ours(args)).toBe(theirs(args));
    }
    const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
    expect(ours({ topic: 't', partitionMetadata, message: { key: 'BW-2026-000001', value: 'v', partition: 2 } })).toBe(2);
    // Keyless: round robin over the partitions that have a leader, as kafkajs does.
    const keyless = new Set(Array.from({ length: 30 }, () => ours({ topic: 't', partitionMetadata, message: { value: 'v' } })));
    expect([...keyless].sort()).toEqual([0, 1, 2]);
  });
});
