import { compareHref, entityHref, parseRoute } from './routes';

describe('hash routes', () => {
  const range = { from: '2025-01-01', to: '2026-01-01', tz: 'Europe/Berlin' };

  it('round-trips an entity page with its range and zone, whatever the key holds', () => {
    for (const key of ['4Z8W4fKeB5YxbusRsdQVPb', 'Sigur Rós - Ágætis byrjun', 'AC/DC', 'a?b#c&d=e%']) {
      const href = entityHref('album', key, range);
      expect(href.startsWith('#/albums/')).toBe(true);
      expect(parseRoute(href)).toEqual({ page: 'entity', kind: 'album', key, range });
    }
    expect(entityHref('genre', 'art rock', {})).toBe('#/genres/art%20rock');
    expect(parseRoute('#/genres/art%20rock')).toEqual({ page: 'entity', kind: 'genre', key: 'art rock', range: {} });
  });

  it("carries the admin's account, and drops one that is no id", () => {
    const scoped = { ...range, accountId: '6f1c2a90-0b1e-4c1a-9d55-0d7e8a3b2c11' };
    expect(parseRoute(entityHref('artist', 'x', scoped))).toEqual({ page: 'entity', kind: 'artist', key: 'x', range: scoped });
    expect(parseRoute('#/artists/x?account=%3Cscript%3E')).toEqual({ page: 'entity', kind: 'artist', key: 'x', range: {} });
  });

  it('round-trips the compare view', () => {
    const href = compareHref('tracks', range, '2024-01-01', '2025-01-01');
    expect(parseRoute(href)).toEqual({ page: 'compare', dimension: 'tracks', range, compareFrom: '2024-01-01', compareTo: '2025-01-01' });
  });

  it('drops what it cannot read, and sends anything unknown to the dashboard', () => {
    expect(parseRoute('#/artists/x?from=2025-13-01&tz=Not/AZone')).toEqual({ page: 'entity', kind: 'artist', key: 'x', range: {} });
    expect(parseRoute('#/compare?dimension=planets')).toMatchObject({ page: 'compare', dimension: 'artists' });
    for (const hash of ['', '#', '#/', '#/artists', '#/artists/', '#/planets/x', '#/artists/%E0%A4%A', '#/artists/a/b'])
      expect(parseRoute(hash)).toEqual({ page: 'dashboard' });
  });
});
