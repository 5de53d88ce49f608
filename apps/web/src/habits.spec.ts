import { platformLabel, reasonEndLabel } from './habits';

describe('habits labels', () => {
  it('says why a track ended in words, and keeps a code it does not know as it is', () => {
    expect(reasonEndLabel('trackdone')).toBe('played to the end');
    expect(reasonEndLabel('fwdbtn')).toBe('skipped forward');
    expect(reasonEndLabel('backbtn')).toBe('skipped back');
    expect(reasonEndLabel('endplay')).toBe('stopped playing');
    expect(reasonEndLabel('some-new-code')).toBe('some-new-code');
  });

  it('names platform families, and keeps an unknown one as it is', () => {
    expect(platformLabel('ios')).toBe('iOS');
    expect(platformLabel('macos')).toBe('macOS');
    expect(platformLabel('toaster')).toBe('toaster');
  });
});
