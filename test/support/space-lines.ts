// Lines whose spaces the matcher reads as issue 12 item 4 asks (runs of spaces inside a field are kept, an
// empty user name is "", spaces that end a line do not prevent a match), each with the module's answer:
// the exported rules are held against it (test/exporters.test.ts, test/external-engines.test.ts).
import type { CatalogEntry } from '../../host/compile/load.js';
import { newMatcher, projectCatalog } from './catalog.js';

export interface SpaceLine { line: string; e: CatalogEntry; fields: Record<string, string> }

const P = 'Nov 25 10:00:00 gw sshd[4242]: ';
const LINES = [
  `${P}Invalid user  0101 from 10.0.0.9 port 22`,
  `${P}Invalid user  from 10.0.0.9 port 22`,
  `${P}Failed password for invalid user  from 10.0.0.9 port 22 ssh2`,
  `${P}Failed password for invalid user   x  from 10.0.0.9 port 22 ssh2`,
  `${P}Accepted password for  bob from 10.0.0.9 port 22 ssh2`,
  `${P}Failed password for root from 10.0.0.9 port 22 ssh2   `,
  `${P}Connection closed by 10.0.0.9 port 22 [preauth] `,
  `${P}Received disconnect from 10.0.0.9 port 22:11: Bye  Bye  `,
  `${P}pam_unix(sshd:session): session closed for user  a  b`,
];

/** The lines with the module's entry and the entry's own fields (not the derived .ip/.domain) as strings. */
export function spaceLines(): SpaceLine[] {
  const m = newMatcher();
  const catalog = projectCatalog();
  return LINES.map((line) => {
    const r = m.matchDetailed(line);
    const e = catalog.entries.find((x) => x.id === r.event?.id);
    if (!e) throw new Error(`not matched by the module: ${line}`);
    return { line, e, fields: Object.fromEntries(e.fields.filter((f) => f.name in r.event!.fields).map((f) => [f.name, String(r.event!.fields[f.name])])) };
  });
}
