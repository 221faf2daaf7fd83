/**
 * A local S3 (s3rver) in this process. CORS lets the H5 app upload straight from the browser.
 */
import S3rver from 's3rver';
import { mkdirSync } from 'node:fs';
import { freePort } from './ports';

const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startS3Local(requestedPort: number | undefined, directory: string, bucket: string): Promise<S3Local> {
  const port = requestedPort ?? (await freePort());
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [CORS] }] });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
