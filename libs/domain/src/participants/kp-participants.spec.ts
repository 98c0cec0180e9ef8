import {
  CHINESE_TAIPEI_TRADING_ENTITY,
  EU,
  EU_MEMBER_STATES,
  isCountryCode,
  isKpParticipantCode,
  KP_PARTICIPANT_CODES,
  participantName,
} from './kp-participants';

describe('KP participants', () => {
  it('lists exactly 60 participants, each once', () => {
    expect(KP_PARTICIPANT_CODES).toHaveLength(60);
    expect(new Set(KP_PARTICIPANT_CODES).size).toBe(60);
  });

  it.each(['EU', 'CF', 'AE', 'BW', 'ZA', 'CD', 'RU', 'IN', 'US', 'GB', 'CH'])('includes %s', (code) => {
    expect(KP_PARTICIPANT_CODES).toContain(code);
    expect(isKpParticipantCode(code)).toBe(true);
  });

  it('does not list the Chinese Taipei trading entity as a participant', () => {
    expect(CHINESE_TAIPEI_TRADING_ENTITY).toBe('TW');
    expect(KP_PARTICIPANT_CODES).not.toContain('TW');
    expect(isKpParticipantCode('TW')).toBe(false);
  });

  it('does not list EU member states separately, since the EU takes part as one', () => {
    for (const member of EU_MEMBER_STATES) expect(isKpParticipantCode(member)).toBe(false);
  });

  it.each(['XX', 'bw', 'eu', 'FR', ''])('isKpParticipantCode refuses %p', (code) => {
    expect(isKpParticipantCode(code)).toBe(false);
  });

  it('has 27 distinct EU member states, each a valid country code', () => {
    expect(EU).toBe('EU');
    expect(EU_MEMBER_STATES).toHaveLength(27);
    expect(new Set(EU_MEMBER_STATES).size).toBe(27);
    for (const member of EU_MEMBER_STATES) expect(isCountryCode(member)).toBe(true);
    expect(EU_MEMBER_STATES).toEqual(expect.arrayContaining(['DE', 'FR', 'BE', 'HR']));
    expect(EU_MEMBER_STATES).not.toContain('GB');
  });

  it('has every participant code in ISO 3166-1 (or EU) with a name', () => {
    for (const code of KP_PARTICIPANT_CODES) {
      expect(isCountryCode(code)).toBe(true);
      expect(participantName(code).length).toBeGreaterThan(0);
    }
  });

  describe('isCountryCode', () => {
    it.each(['BW', 'EU', 'TW', 'CF', 'US'])('accepts %p', (code) => {
      expect(isCountryCode(code)).toBe(true);
    });

    it.each([['XX'], ['bw'], ['Bw'], ['eu'], ['EUR'], ['BWA'], ['B'], [''], [' BW'], ['ZZ']])('rejects %p', (code) => {
      expect(isCountryCode(code)).toBe(false);
    });

    it.each([[null], [undefined], [42], [{}], [['BW']], [true]])('rejects the non-string %p', (value) => {
      expect(isCountryCode(value)).toBe(false);
    });
  });

  describe('participantName', () => {
    it.each([
      ['CF', 'Central African Republic'],
      ['EU', 'European Union'],
      ['BW', 'Botswana'],
      ['CD', 'Democratic Republic of the Congo'],
    ])('names %s %p', (code, name) => {
      expect(participantName(code)).toBe(name);
    });

    it('refuses a code without an ISO name', () => {
      expect(() => participantName('XX')).toThrow(RangeError);
    });
  });
});
