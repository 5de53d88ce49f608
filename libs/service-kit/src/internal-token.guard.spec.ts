import { secretsEqual } from './internal-token.guard';

describe('secretsEqual', () => {
  it('compares whole secrets, whatever their lengths, without throwing', () => {
    expect(secretsEqual('a-long-internal-token', 'a-long-internal-token')).toBe(true);
    expect(secretsEqual('a-long-internal-token', 'a-long-internal-tokeN')).toBe(false);
    expect(secretsEqual('short', 'a-long-internal-token')).toBe(false);
    expect(secretsEqual('', 'a-long-internal-token')).toBe(false);
  });
});
