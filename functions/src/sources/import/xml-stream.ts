/**
 * A workbook part's XML read strictly (saxes: XML 1.0, no DTD) as it inflates, so a sheet is never
 * held whole. What is wrong with the XML refuses the file at once with a typed error naming the part
 * and the place; a run of text or markup longer than the record limit does too, since the parser
 * would have to hold it.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { IMPORT_LIMITS, type ImportLimits } from '@green-shield/shared/api/limits';
import { ImportFileError } from './errors';
import { badCharacterReference } from './xml';

export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}

/** Element names without their namespace prefix (`x:row` is a row: some .NET exporters write them so). */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Some of saxes' complaints in the uploader's words; others are quoted. */
const XML_PROBLEMS: Record<string, string> = {
  'disallowed character.': '含有 XML 不允许的字符',
  'undefined entity.': '使用了未定义的实体',
  'unexpected close tag.': '结束标签与开始标签不匹配',
  'unexpected end.': '内容不完整',
  'text data outside of root node.': '根元素之外有文字',
  'documents may contain only one root.': '有多个根元素',
  'document must contain a root element.': '没有根元素',
};

/**
 * Feeds the part's bytes to the parser as they arrive; `handlers` see its elements (names without
 * prefix) and text, and what they `emit` comes out after each chunk.
 */
export async function* parseXmlPart<T>(
  chunks: AsyncIterable<Uint8Array>,
  part: string,
  handlers: (emit: (item: T) => void) => XmlHandlers,
  limits: Pick<ImportLimits, 'recordChars'> = IMPORT_LIMITS,
): AsyncGenerator<T> {
  const parser = new SaxesParser();
  const emitted: T[] = [];
  const on = handlers((item) => emitted.push(item));
  parser.on('error', (error) => {
    throw xmlError(part, parser, error.message);
  });
  parser.on('doctype', () => {
    throw new ImportFileError('BAD_XML', `工作簿的 ${part} 含有 DOCTYPE 声明，不是 Excel 保存的文件，无法导入`);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => on.open(localName(tag.name), tag.attributes));
  parser.on('closetag', (tag: SaxesTagPlain) => on.close(localName(tag.name)));
  parser.on('text', on.text);
  parser.on('cdata', on.text);
  const decoder = new TextDecoder();
  const run = new RunLength(part, limits.recordChars);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    run.check(text);
    parser.write(text);
    if (emitted.length > 0) yield* emitted.splice(0);
  }
  parser.write(decoder.decode());
  parser.close();
  yield* emitted.splice(0);
}

function xmlError(part: string, parser: SaxesParser, message: string): ImportFileError {
  const problem = message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
  const where = `的 ${part} 第 ${parser.line} 行第 ${parser.column + 1} 列`;
  if (problem === 'malformed character entity.') return badCharacterReference(where);
  return new ImportFileError(
    'BAD_XML',
    `工作簿${where}不是有效的 XML（${XML_PROBLEMS[problem] ?? problem}），文件可能已损坏；请在 Excel 中打开并重新保存后再导入`,
  );
}

/** The length of the text since the last `<` or `>`: what the parser holds for the text or tag it is in. */
class RunLength {
  private length = 0;

  constructor(
    private readonly part: string,
    private readonly limit: number,
  ) {}

  check(text: string): void {
    const lastMarkup = Math.max(text.lastIndexOf('<'), text.lastIndexOf('>'));
    this.length = lastMarkup === -1 ? this.length + text.length : text.length - lastMarkup - 1;
    if (this.length > this.limit) {
      throw new ImportFileError('RECORD_TOO_LONG', `工作簿的 ${this.part} 中有一段超过 ${this.limit.toLocaleString('en')} 个字符的文字或标记，无法导入`);
    }
  }
}
