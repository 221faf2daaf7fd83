/**
 * `npm start`: the whole system on this machine, on embedded defaults. Data persists in .data/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLocalSystem } from './local/system';
import { DEMO_ACCOUNTS, seedDemoCommunity, seedDemoComplaints, seedDemoSources, seedOfficers } from './local/seed';
import { createLogger } from '../functions/src/lib/logger';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(root, '.data');
const h5Dir = resolve(root, 'miniapp/dist');
const port = Number(process.env.PORT ?? 3000);

function buildH5IfMissing(): void {
  if (existsSync(resolve(h5Dir, 'index.html')) && !process.argv.includes('--rebuild')) return;
  console.log('Building the H5 app (first start only; `npm start -- --rebuild` rebuilds)…');
  const result = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The H5 build failed');
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  buildH5IfMissing();
  const logger = createLogger({});
  const system = await startLocalSystem({
    dataDir,
    persist: true,
    gatewayPort: port,
    dynamodbPort: Number(process.env.DYNAMODB_PORT ?? 8700),
    s3Port: Number(process.env.S3_PORT ?? 4569),
    staticDir: h5Dir,
    logger,
    runScheduler: true,
  });
  await seedOfficers(system.identityDeps);
  const seeded = await seedDemoComplaints({ ...system.identityDeps, objects: system.objects });
  await seedDemoSources(system);
  await seedDemoCommunity(system);

  const accounts = Object.values(DEMO_ACCOUNTS)
    .map((account) => `    ${account.phone}  ${account.name}`)
    .join('\n');
  console.log(`
绿盾通 Green Shield is running${seeded ? ' (demo data seeded)' : ''}.

  App (H5)        ${system.url}/
  API             ${system.url}/api/health   ·   OpenAPI ${system.url}/api/openapi.json
  DynamoDB Local  ${system.dynamodbEndpoint}   (table ${system.tableName}, data in .data/dynamodb)
  Local S3        ${system.s3Endpoint}   (bucket ${system.bucket}, files in .data/s3)

  Demo sign-ins (request a code in the app; it appears in this log as "otp"):
${accounts}

  Ctrl-C stops everything; data is kept in .data/ (delete it to start afresh).
`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
