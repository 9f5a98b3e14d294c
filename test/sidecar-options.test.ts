// `serve` given a bad option or an unreadable file: one line on stderr, exit code 2, nothing on stdout.
import { describe, expect, it } from 'vitest';
import { runServe } from './helpers/serve-process.js';

const cases: [string[], string][] = [
  [['--mode', 'syslog-ng'], '--mode must be one of json-lines, mmexternal, forward, got "syslog-ng"'],
  [['--input', 'xml'], '--input for --mode json-lines must be one of raw, json, journal-json, got "xml"'],
  [['--mode', 'mmexternal', '--input', 'json'], '--input for --mode mmexternal must be one of fulljson, msg, rawmsg, got "json"'],
  [['--mode', 'forward', '--input', 'raw'], '--input does not apply to --mode forward (records arrive as msgpack maps)'],
  [['--mode', 'forward', '--listen', 'localhost'], '--listen must be host:port (e.g. 127.0.0.1:24224), got "localhost"'],
  [['--mode', 'forward', '--forward-to', '127.0.0.1:99999'], '--forward-to must be host:port (e.g. 127.0.0.1:24224), got "127.0.0.1:99999"'],
  [['--mode', 'forward', '--ack-timeout', '0'], '--ack-timeout must be a positive whole number, got "0"'],
  [['--forward-to', '127.0.0.1:24224'], '--listen and --forward-to apply to --mode forward only'],
  [['/no/such/file.log'], 'cannot read /no/such/file.log: no such file or directory'],
  [['/tmp'], 'cannot read /tmp: is a directory'],
  [['--mode', 'mmexternal', 'file.log'], '--mode mmexternal reads no files (got file.log)'],
  [['--log-file', '/no/such/dir/x.log'], 'cannot write log file /no/such/dir/x.log: no such file or directory'],
];

describe('serve refuses bad options', () => {
  it.each(cases)('%j', async (args, message) => {
    const { out, err, code } = await runServe(args, '');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`ssh-log-matcher: ${message}\n`);
  });

  it('an unknown option is commander\'s one line, exit 2', async () => {
    const { err, code } = await runServe(['--bogus'], '');
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/unknown option '--bogus'/);
  });
});
