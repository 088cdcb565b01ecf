// Finds where a JSON text stops being valid. V8's own messages only sometimes carry a
// position, and the installer needs line and column to fix a hand-edited file.
import type { JsonPosition } from './config-error';

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function locateJsonError(text: string): (JsonPosition & { reason: string }) | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw new Stop(i, reason);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const expect = (char: string, reason: string): void => {
    if (text[i] !== char) fail(text[i] === undefined ? '内容意外结束' : reason);
    i++;
  };
  const literal = (word: string): void => {
    if (!text.startsWith(word, i)) fail('无法识别的内容');
    i += word.length;
  };
  const string = (): void => {
    expect('"', '此处应为双引号');
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail('字符串没有结束的引号');
      if (c === 0x22) break;
      if (c < 0x20) fail('字符串中不能直接换行或含控制字符');
      if (c !== 0x5c) {
        i++;
        continue;
      }
      const escape = text[i + 1] ?? '';
      if (escape !== '' && '"\\/bfnrt'.includes(escape)) i += 2;
      else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else fail('无效的转义字符');
    }
    i++;
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('无效的数字');
    i += match?.[0].length ?? 0;
  };
  const members = (close: string, member: () => void): void => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      ws();
      member();
      ws();
      if (text[i] !== ',') break;
      i++;
      ws();
      if (text[i] === close) fail('最后一项后面多了逗号');
    }
    expect(close, `此处应为逗号或 ${close}`);
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) fail('内容意外结束');
    else if (c === '{') {
      members('}', () => {
        if (text[i] !== '"') fail('此处应为带双引号的键名');
        string();
        ws();
        expect(':', '键名后面应为冒号');
        value();
      });
    } else if (c === '[') members(']', value);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else fail(`意外的字符“${c}”`);
  };

  try {
    value();
    ws();
    if (i < text.length) fail('JSON 结束后还有多余内容');
    return undefined;
  } catch (thrown) {
    if (!(thrown instanceof Stop)) throw thrown;
    const before = text.slice(0, thrown.offset).split('\n');
    return { offset: thrown.offset, line: before.length, column: (before.at(-1)?.length ?? 0) + 1, reason: thrown.reason };
  }
}
