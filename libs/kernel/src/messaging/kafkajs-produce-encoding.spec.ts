import { fastProduceRequest, stockProduceRequest, useFastProduceEncoding } from './kafkajs-produce-encoding';

/* eslint-disable @typescript-eslint/no-require-imports */
const Long = require('kafkajs/src/utils/long');
const { Types } = require('kafkajs/src/protocol/message/compression');
const V3 = 'kafkajs/src/protocol/requests/produce/v3/request';

type Args = Parameters<ReturnType<typeof stockProduceRequest>>[0];
type Message = Args['topicData'][number]['partitions'][number]['messages'][number];

/**
 * The fast encoder must write, byte for byte, what kafkajs writes: a broker would reject a
 * record batch whose CRC or lengths are off, or store a different message. Each request is
 * encoded both ways at the same instant (Date.now fixed: kafkajs stamps the batch with it).
 */
describe('kafkajs produce encoding', () => {
  const stock = stockProduceRequest();
  const fast = fastProduceRequest(stock);

  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(1_764_400_000_123));
  afterEach(() => jest.restoreAllMocks());

  const bytes = async (encode: () => Promise<{ buffer: Buffer }>) => (await encode()).buffer;
  async function expectSameBytes(args: Args): Promise<Buffer> {
    const expected = await bytes(() => stock(args).encode());
    const actual = await bytes(() => fast(args).encode());
    expect(actual.toString('hex')).toBe(expected.toString('hex'));
    return actual;
  }

  const envelope = (i: number) =>
    JSON.stringify({ id: `0193b6c0-0000-7000-8000-${String(i).padStart(12, '0')}`, type: 'verification.performed', payload: { certificateNumber: `CI-2026-${i}`, note: 'Côte d’Ivoire — ✓' } });

  it('a verification batch: many messages over several partitions, unicode in the values', async () => {
    const partitions = [0, 1, 2, 3].map((partition) => ({
      partition,
      firstSequence: 1000 * partition,
      messages: Array.from({ length: 40 }, (_, i) => ({ key: `BW-2026-${String(partition * 40 + i).padStart(6, '0')}`, value: envelope(i) })),
    }));
    const out = await expectSameBytes({ acks: -1, timeout: 30_000, producerId: Long.fromNumber(7), producerEpoch: 0, topicData: [{ topic: 'kp.verification.performed', partitions }] });
    expect(out.length).toBeGreaterThan(160 * 100);
  });

  it('buffers, null keys, tombstones, empty strings', async () => {
    const messages: Message[] = [
      { key: Buffer.from('bin\u0000ary'), value: Buffer.from([0, 255, 1, 254]) },
      { key: null, value: 'no key' },
      { key: 'tombstone', value: null },
      { key: '', value: '' },
      { key: undefined, value: 'undefined key' },
    ];
    await expectSameBytes({ acks: 1, timeout: 5000, topicData: [{ topic: 't', partitions: [{ partition: 0, messages }] }] });
  });

  it('lengths and offsets past one varint byte, a transactional producer, several topics', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(i) }));
    const large = [{ key: 'large', value: 'x'.repeat(70_000) }];
    await expectSameBytes({
      acks: -1,
      timeout: 30_000,
      transactionalId: 'kp-tx-é',
      producerId: Long.fromNumber(2 ** 40 + 3),
      producerEpoch: 12,
      topicData: [
        { topic: 'kp.a', partitions: [{ partition: 5, firstSequence: 2 ** 31 - 1, messages: many }] },
        { topic: 'kp.b', partitions: [{ partition: 0, messages: large }, { partition: 1, firstSequence: 3, messages: many.slice(0, 2) }] },
      ],
    });
  });

  it('random requests, two hundred of them', async () => {
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n);
    const alphabet = ['a', 'Z', '0', '"', '\\', 'é', '€', '😀', '\n', '\u0000'];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[random(alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const topicData = Array.from({ length: 1 + random(2) }, (_, t) => ({
        topic: `kp.topic.${t}.${text(random(4))}`,
        partitions: Array.from({ length: 1 + random(3) }, (_, p) => ({
          partition: p * 7 + random(5),
          firstSequence: random(100_000),
          messages: Array.from({ length: 1 + random(150) }, () => ({
            key: random(10) === 0 ? null : text(random(40)),
            value: random(20) === 0 ? Buffer.from(text(random(300))) : text(random(random(10) === 0 ? 5000 : 400)),
          })),
        })),
      }));
      await expectSameBytes({ acks: random(2) ? -1 : 1, timeout: 1000 + random(60_000), producerId: Long.fromNumber(random(1_000_000)), producerEpoch: random(30), topicData });
    }
  });

  it('what the bus never sends (compression, headers, a message\'s own timestamp) kafkajs encodes itself', async () => {
    const topicData = (messages: Message[]) => [{ topic: 'kp.x', partitions: [{ partition: 0, messages }] }];
    await expectSameBytes({ acks: -1, timeout: 30_000, compression: Types.GZIP, topicData: topicData([{ key: 'k', value: 'v'.repeat(500) }]) });
    await expectSameBytes({ acks: -1, timeout: 30_000, topicData: topicData([{ key: 'k', value: 'v', headers: { trace: 'abc' } }]) });
    await expectSameBytes({ acks: -1, timeout: 30_000, topicData: topicData([{ key: 'k', value: 'v', timestamp: '1764400000000' }, { key: 'k', value: 'w' }]) });
  });

  describe('installing it', () => {
    afterEach(() => {
      require(V3);
      require.cache[require.resolve(V3)]!.exports = stock;
    });

    it('replaces kafkajs\'s Produce v3 request, which versions 4 to 7 build on, once it wrote kafkajs\'s bytes', async () => {
      const warn = jest.fn();
      await expect(useFastProduceEncoding(warn)).resolves.toBe(true);
      expect(warn).not.toHaveBeenCalled();
      const installed = require(V3);
      expect(installed).not.toBe(stock);
      expect(installed.stock).toBe(stock);
      const args = { acks: -1, timeout: 30_000, topicData: [{ topic: 'kp.y', partitions: [{ partition: 2, messages: [{ key: 'k', value: 'v' }] }] }] };
      const v7 = require('kafkajs/src/protocol/requests/produce/v7/request')(args);
      expect(v7.apiVersion).toBe(7);
      expect((await v7.encode()).buffer.equals((await stock(args).encode()).buffer)).toBe(true);
    });

    it('leaves kafkajs alone, and says so, when its own encoder writes something else', async () => {
      const other = (args: Args) => ({ ...stock(args), encode: async () => stock({ ...args, acks: 0 }).encode() });
      require(V3);
      require.cache[require.resolve(V3)]!.exports = other;
      const warn = jest.fn();
      await expect(useFastProduceEncoding(warn)).resolves.toBe(false);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('kafkajs encodes the messages itself'));
      expect(require(V3)).toBe(other);
    });
  });
});
