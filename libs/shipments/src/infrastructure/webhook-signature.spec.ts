import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const body = JSON.stringify({ certificateNumber: 'BW-2026-000001' });
  const at = new Date('2026-11-28T12:00:00Z');

  it('verifies what it signed, with the same secret, close to the signing time', () => {
    const header = signWebhook(secret, body, at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, body, header, 300, at)).toBe(true);
  });

  it('refuses another body, another secret, an old timestamp, and garbage', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhook(secret, body.replace('000001', '000002'), header, 300, at)).toBe(false);
    expect(verifyWebhook(`${secret}x`, body, header, 300, at)).toBe(false);
    expect(verifyWebhook(secret, body, header, 300, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook(secret, body, 'nonsense', 300, at)).toBe(false);
  });
});
