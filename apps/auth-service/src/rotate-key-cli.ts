import 'reflect-metadata';
import { DATA_DIR, embeddedDatabaseUrl, generators } from '@rewind/config';
import { startDefaultEmbeddedDatabase } from '@rewind/db';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { decodeKey } from './config/auth.config';
import { parseRotateKeyArgs, ROTATE_KEY_USAGE, UsageError } from './crypto/rotate-key-options';
import { rotateKeys, RotationCounts } from './crypto/rotate-keys';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'auth-rotate-key' });
  await client.connect();
  return client;
}

function report(counts: RotationCounts, dryRun: boolean): void {
  say(
    `${dryRun ? 'Dry run (rolled back): would re-encrypt' : 'Re-encrypted'} ${counts.total - counts.alreadyCurrent} value(s) from key ${counts.oldKeyId} to key ${counts.newKeyId}:`,
  );
  for (const [column, n] of Object.entries(counts.reencrypted)) say(`  ${column}: ${n}`);
  if (counts.alreadyCurrent) say(`  already under the new key: ${counts.alreadyCurrent}`);
}

/** `npm run auth:rotate-key`: see ROTATE_KEY_USAGE. */
async function main(): Promise<void> {
  const options = parseRotateKeyArgs(process.argv.slice(2), process.env);
  if (options.help) {
    say(ROTATE_KEY_USAGE);
    return;
  }
  let stop: (() => Promise<void>) | undefined;
  let url = options.databaseUrl;
  let embeddedKeyFile: string | undefined;
  let { oldKey, newKey } = options;

  if (!url) {
    // The embedded default: talk to the running one, or start it for the duration of the command.
    url = embeddedDatabaseUrl();
    if (!oldKey && !newKey) {
      embeddedKeyFile = path.join(DATA_DIR, 'token-encryption-key');
      if (!existsSync(embeddedKeyFile))
        throw new UsageError(`no key to rotate: ${embeddedKeyFile} does not exist (has Rewind ever been started here?)`);
      oldKey = decodeKey(readFileSync(embeddedKeyFile, 'utf8')) ?? undefined;
      if (!oldKey) throw new UsageError(`${embeddedKeyFile} does not hold a valid key`);
      newKey = decodeKey(generators.aesKey())!;
    }
  }
  if (!oldKey) throw new UsageError('the old key is missing: give --old-key-file or set TOKEN_ENCRYPTION_KEY_PREVIOUS');
  if (!newKey) throw new UsageError('the new key is missing: give --new-key-file or set TOKEN_ENCRYPTION_KEY');

  let client: Client;
  try {
    client = await connect(url);
  } catch (error) {
    if (options.databaseUrl || (error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
    const embedded = await startDefaultEmbeddedDatabase();
    stop = embedded.stop;
    client = await connect(embedded.url);
  }

  // In embedded mode the new key is written next to the old one first, so a crash can never
  // leave the database sealed under a key that exists nowhere.
  const nextFile = embeddedKeyFile ? `${embeddedKeyFile}.next` : undefined;
  try {
    if (nextFile && !options.dryRun) writeFileSync(nextFile, `${newKey.toString('base64')}\n`, { mode: 0o600 });
    const counts = await rotateKeys(client, oldKey, newKey, { dryRun: options.dryRun });
    report(counts, options.dryRun);
    if (nextFile && embeddedKeyFile && !options.dryRun) {
      renameSync(nextFile, embeddedKeyFile);
      say(`New key stored in ${embeddedKeyFile}. Restart Rewind (npm start) so the services use it.`);
    } else if (!options.dryRun) {
      say('Done. Run the services with TOKEN_ENCRYPTION_KEY set to the new key; TOKEN_ENCRYPTION_KEY_PREVIOUS is no longer needed.');
    }
  } catch (error) {
    if (nextFile) rmSync(nextFile, { force: true });
    throw error;
  } finally {
    await client.end();
    await stop?.();
  }
}

main().catch((error) => {
  const usage = error instanceof UsageError ? `\n\n${ROTATE_KEY_USAGE}` : '';
  process.stderr.write(`auth:rotate-key failed: ${error instanceof Error ? error.message : String(error)}${usage}\n`);
  process.exit(error instanceof UsageError ? 64 : 1);
});
