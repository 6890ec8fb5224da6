/**
 * Locates the first JSON syntax error. JSON.parse decides whether a .json file is valid, but its messages differ
 * between V8 versions, some carry no position, and some quote the surrounding text (which may be a secret);
 * this scanner gives a stable offset and a message that never repeats file content.
 */

/** A syntax error at a character offset. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Failure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  run(): void {
    this.value();
    this.space();
    if (this.pos < this.text.length) this.fail('unexpected content after the end of the JSON value');
  }

  private fail(message: string, offset = this.pos): never {
    throw new Failure(offset, message);
  }

  private space(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos++;
    const two = this.text.slice(this.pos, this.pos + 2);
    if (two === '//' || two === '/*') this.fail('JSON does not allow comments: use a .yaml file to keep comments');
  }

  private value(): void {
    this.space();
    const c = this.text[this.pos];
    if (c === undefined) this.fail('unexpected end of file: a value is missing');
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    if (c === "'") this.fail('strings must use double quotes');
    this.fail(`unexpected character ${JSON.stringify(c)}: expected a value`);
  }

  private object(): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.space();
      const c = this.text[this.pos];
      if (c === '}') this.fail('trailing comma before }');
      if (c === "'") this.fail('strings must use double quotes');
      if (c !== '"') this.fail('expected a double-quoted property name');
      this.string();
      this.space();
      if (this.text[this.pos] !== ':') this.fail('expected ":" after the property name');
      this.pos++;
      this.value();
      this.space();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
      } else if (next === '}') {
        this.pos++;
        return;
      } else {
        this.fail(
          next === undefined ? 'unexpected end of file: missing }' : 'expected "," or "}" after a property value',
        );
      }
    }
  }

  private array(): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] === ']') this.fail('trailing comma before ]');
      this.value();
      this.space();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
      } else if (c === ']') {
        this.pos++;
        return;
      } else {
        this.fail(c === undefined ? 'unexpected end of file: missing ]' : 'expected "," or "]" after a list item');
      }
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') this.fail('unterminated string', start);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c < ' ') this.fail('control character in string: escape it (e.g. \\t)');
      if (c === '\\') {
        const e = this.text[this.pos + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('invalid \\u escape');
          this.pos += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') this.fail('invalid escape sequence (use \\\\ for a backslash)');
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
  }

  private number(): void {
    const pattern = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (!match) this.fail('invalid number');
    this.pos += match[0].length;
  }
}

/** Returns the first syntax error in `text`, or null when the scanner finds none. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    new Scanner(text).run();
    return null;
  } catch (error) {
    if (error instanceof Failure) return { offset: error.offset, message: error.message };
    return null; // e.g. a stack overflow on absurd nesting: the caller falls back to JSON.parse's report
  }
}
