/**
 * Latency under load, for `npm run bench`: closed-loop clients (each sends its next request as soon
 * as its last one is answered) in a Node process of their own, as clients are in production, so the
 * load's own work does not run on the event loop of the system it measures. The process times
 * requests through the local gateway and bare DynamoDB calls with the functions' own client, in
 * short alternating slices (A, B, C, D, A, B…) so that noise from the rest of the machine falls on
 * every action alike and ratios of one run compare like with like.
 *
 * Run by `measureUnderLoad`; as a script it reads its plan from argv and prints the samples' figures
 * as JSON on stdout.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/src/store/client';

export type LoadAction =
  | { label: string; kind: 'http'; url: string; token?: string }
  | { label: string; kind: 'get'; tableName: string; key: Record<string, string> }
  | { label: string; kind: 'query'; tableName: string; index?: string; keyName: string; key: string; limit: number };

export interface LoadPlan {
  dynamodbEndpoint: string;
  actions: LoadAction[];
  /** Concurrent clients; each level is measured in turn. */
  clients: number[];
  /** Seconds each level runs, shared by its actions in slices. */
  seconds: number;
  sliceMs: number;
  /** Seconds of unrecorded warm-up before the first level (JIT of DynamoDB Local and of both processes). */
  warmupSeconds: number;
}

export interface LoadFigures {
  label: string;
  clients: number;
  requests: number;
  median: number;
  p99: number;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs the plan in a fresh Node process and returns each action's figures at each level. */
export function measureUnderLoad(plan: LoadPlan): Promise<LoadFigures[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'load.ts'), JSON.stringify(plan)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done(JSON.parse(out) as LoadFigures[]) : fail(new Error(`load client exited with ${code}`))));
  });
}

type Run = () => Promise<void>;

function actionRunner(action: LoadAction, db: ReturnType<typeof createDocumentClient>, agent: Agent): Run {
  switch (action.kind) {
    case 'http':
      return () =>
        new Promise((done, fail) => {
          const req = request(action.url, { agent, headers: action.token ? { authorization: `Bearer ${action.token}` } : {} }, (res) => {
            res.on('data', () => undefined);
            res.once('end', () => ((res.statusCode ?? 500) < 400 ? done() : fail(new Error(`${action.url} → ${res.statusCode}`))));
            res.once('error', fail);
          });
          req.once('error', fail);
          req.end();
        });
    case 'get':
      return async () => {
        const { Item } = await db.send(new GetCommand({ TableName: action.tableName, Key: action.key }));
        if (!Item) throw new Error(`${action.label}: no item`);
      };
    case 'query':
      return async () => {
        const { Items } = await db.send(
          new QueryCommand({
            TableName: action.tableName,
            IndexName: action.index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': action.keyName },
            ExpressionAttributeValues: { ':pk': action.key },
            Limit: action.limit,
          }),
        );
        if (Items?.length !== action.limit) throw new Error(`${action.label}: ${Items?.length} items`);
      };
  }
}

/** `clients` closed loops of `run` until `endsAt`; each request's milliseconds go to `samples`. */
async function slice(run: Run, clients: number, endsAt: number, samples: number[] | undefined): Promise<void> {
  const loop = async () => {
    while (performance.now() < endsAt) {
      const started = performance.now();
      await run();
      samples?.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
}

async function runPlan(plan: LoadPlan): Promise<LoadFigures[]> {
  const db = createDocumentClient(plan.dynamodbEndpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...plan.clients) });
  const runs = plan.actions.map((action) => actionRunner(action, db, agent));
  for (const run of runs) await slice(run, Math.max(...plan.clients), performance.now() + (plan.warmupSeconds * 1000) / runs.length, undefined);
  const figures: LoadFigures[] = [];
  for (const clients of plan.clients) {
    const samples = runs.map((): number[] => []);
    const rounds = Math.max(1, Math.round((plan.seconds * 1000) / (plan.sliceMs * runs.length)));
    for (let round = 0; round < rounds; round++) {
      for (const [index, run] of runs.entries()) await slice(run, clients, performance.now() + plan.sliceMs, samples[index]);
    }
    for (const [index, action] of plan.actions.entries()) {
      figures.push({
        label: action.label,
        clients,
        requests: samples[index].length,
        median: percentile(samples[index], 50),
        p99: percentile(samples[index], 99),
      });
    }
  }
  db.destroy();
  agent.destroy();
  return figures;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.stdout.write(JSON.stringify(await runPlan(JSON.parse(process.argv[2]) as LoadPlan)));
}
