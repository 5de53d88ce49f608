import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dockerfileStages } from './dockerfile';

// One Node.js everywhere: the `node` dev dependency puts it first on every npm script's PATH
// (npm test included), the image builds on the same release and the types match its major.
const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const pinned = pkg.devDependencies.node;
const major = pinned.split('.')[0];

describe('Node.js version', () => {
  it('is pinned exactly to a 24.x LTS release whose install script is approved', () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
    expect(pkg.allowScripts).toMatchObject({ node: true });
    expect(pkg.engines.node).toBe('>=22');
    expect(pkg.devDependencies['@types/node'].split('.')[0]).toBe(major);
  });

  it('runs these tests (npm test puts the pinned node first on PATH)', () => {
    expect(process.version).toBe(`v${pinned}`);
  });

  it('is the release every stage of the Dockerfile builds on', () => {
    const images = dockerfileStages().map((stage) => /^node:(\d+\.\d+\.\d+)-/.exec(stage.from)?.[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([pinned]));
  });
});
