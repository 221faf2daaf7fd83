import { SaxesParser } from 'saxes';

/** Why a document is not well-formed XML 1.0 (a strict parser's first complaint), or undefined. */
export function xmlProblem(document: string): string | undefined {
  const parser = new SaxesParser();
  let problem: string | undefined;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.write(document).close();
  return problem;
}
