import type { OpenAPIObject } from '@nestjs/swagger';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { documentText, generateContracts, generateOpenApi, validateOpenApi } from './document';
import { CONTRACTS_FILE, OPENAPI_FILE } from './files';

/**
 * `npm run openapi` writes docs/openapi.json (the merged document the gateway serves) from the
 * services' decorators, after a standard validator accepts it, and the client types generated
 * from it (libs/contracts, `@rewind/contracts`); `npm run openapi -- --check` fails when the
 * document is invalid or either committed file is stale. On a given document file instead:
 * `--validate FILE` validates it, `--types FILE` prints its client types.
 */
async function main(): Promise<void> {
  const [flag, file] = process.argv.slice(2);
  if (flag === '--validate' || flag === '--types') {
    const given = JSON.parse(readFileSync(path.resolve(file), 'utf8')) as OpenAPIObject;
    if (flag === '--types') process.stdout.write(await generateContracts(given));
    else await validateOpenApi(given).then(() => console.log(`${file} is valid.`));
    return;
  }
  const doc = await generateOpenApi(path.resolve(__dirname, '../../..'));
  await validateOpenApi(doc);
  const outputs = { [OPENAPI_FILE]: documentText(doc), [CONTRACTS_FILE]: await generateContracts(doc) };
  if (process.argv.includes('--check')) {
    const stale = Object.entries(outputs).filter(([file, text]) => read(file) !== text);
    if (stale.length) {
      console.error(`${stale.map(([f]) => f).join(' and ')} out of date: run \`npm run openapi\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${OPENAPI_FILE} is valid and current, and so is ${CONTRACTS_FILE}.`);
    return;
  }
  for (const [file, text] of Object.entries(outputs)) writeFileSync(path.resolve(file), text);
  console.log(`Wrote ${OPENAPI_FILE} (${Object.keys(doc.paths).length} paths) and ${CONTRACTS_FILE}.`);
}

function read(file: string): string {
  try {
    return readFileSync(path.resolve(file), 'utf8');
  } catch {
    return '';
  }
}

main().catch((error) => {
  console.error(`openapi failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
