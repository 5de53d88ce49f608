import { checkOutsideReferences } from '../src/outside-references.mjs';
import { scratchRepo, unknownProblems } from './scratch';

const scratch = scratchRepo();

const messages = (files: string[]) => checkOutsideReferences(scratch.dir, files).map((p) => p.message);

test('nothing in the repository refers to a file outside it, but the known references', () => {
  expect(unknownProblems('references outside the repository', checkOutsideReferences)).toEqual([]);
});

test('design documents that stayed outside the repository are found in code and docs', () => {
  const files = scratch.tree({
    'docs/metrics.md': '# Metrics\n',
    'libs/service-kit/src/openapi-merge.ts': '/** Public operations that need no API token (ARCHITECTURE.md §4). */\n',
    'apps/a/src/spotify.ts': '// Quirks: see SPOTIFY.md and ../shared/METABASE.md.\n',
    'README.md': 'See docs/metrics.md and docs/data-model.md.\n',
  });
  expect(messages(files)).toEqual([
    'libs/service-kit/src/openapi-merge.ts:1: names ARCHITECTURE.md, which is not a file of the repository',
    'apps/a/src/spotify.ts:1: names SPOTIFY.md, which is not a file of the repository',
    'apps/a/src/spotify.ts:1: names ../shared/METABASE.md, which is not a file of the repository',
    'README.md:1: names docs/data-model.md, which is not a file of the repository',
  ]);
});

test('paths resolve from the naming file or the root; a bare name anywhere in the repository', () => {
  const files = scratch.tree({
    'docs/metrics.md': '# Metrics\n',
    'docs/data-model.md': 'Measures: [metrics](metrics.md), [metrics](./metrics.md#plays), summary.md.\n',
    'libs/models/README.md': 'See [the data model](../../docs/data-model.md) and docs/metrics.md.\n',
    'bench/results/summary.md': '| a |\n',
    'tools/bench/src/main.ts': "writeFileSync(path.join(resultsDir, 'summary.md'), text);\n",
    'apps/a/src/x.ts': '// https://example.com/docs/README.md is a URL, not a file; `*.md` is no name.\n',
  });
  expect(messages(files)).toEqual([]);
});

test('Markdown links must stay inside the repository and exist', () => {
  const files = scratch.tree({
    'docs/guide.md': [
      '[ops](operations.md) [up](../../outside/notes.txt) [site](https://example.com/x) [anchor](#run)',
      '![logo](img/logo.png) [folder](../libs/)',
      '',
    ].join('\n'),
    'libs/x/index.ts': '',
  });
  expect(messages(files)).toEqual([
    'docs/guide.md:1: names operations.md, which is not a file of the repository',
    'docs/guide.md:1: links to operations.md, which is not in the repository',
    'docs/guide.md:1: links to ../../outside/notes.txt, which is not in the repository',
    'docs/guide.md:2: links to img/logo.png, which is not in the repository',
  ]);
});

test('a section must name its document', () => {
  const files = scratch.tree({
    'docs/metrics.md': '# Metrics\n',
    'apps/a/src/a.ts': [
      '// Whatever was accepted obeys the §5 rules.',
      '/** RFC 9110 §7.6.1: hop-by-hop headers. */',
      '// docs/metrics.md §Plays',
      '',
    ].join('\n'),
  });
  expect(messages(files)).toEqual(['apps/a/src/a.ts:1: "§5" cites a section without naming its document (docs/*.md, RFC n)']);
});
