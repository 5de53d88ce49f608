// @ts-check
/**
 * Problems the checks let pass for now, each with the reason. They sit in code others are
 * changing at the moment; an entry that matches no problem any more fails the check too, so the
 * list only shrinks: delete an entry when its problem is fixed.
 * @type {Record<string, Map<string, string>>}
 */
export const KNOWN_PROBLEMS = {
  'import cycles': new Map(),
  'file length': new Map([['apps/web/src/styles.css', 'dashboard styles, being reworked by its owners; to split by panel there']]),
  'references outside the repository': new Map([
    [
      'apps/ingest-service/src/imports/import-fuzz.spec.ts: "§5" cites a section without naming its document (docs/*.md, RFC n)',
      'ingest import code, being reworked by its owners; the rules meant are docs/metrics.md, "Imported plays"',
    ],
  ]),
};
