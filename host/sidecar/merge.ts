// Adds the ECS fields of a line's document to the record it came in. The record's own values are never
// changed or removed: a field is added only where the record has no value at that path (objects on both
// sides are merged key by key). `ssh_log_matcher` is the sidecar's own namespace and always holds the
// outcome, so a reader can tell enriched, unmatched and malformed records apart.
type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

function addMissing(record: Obj, doc: Obj): void {
  for (const key of Object.keys(doc)) {
    const mine = doc[key];
    if (!Object.prototype.hasOwnProperty.call(record, key) || record[key] === undefined) record[key] = mine;
    else if (isObject(record[key]) && isObject(mine)) addMissing(record[key] as Obj, mine);
  }
}

export function mergeEcs(record: Obj, doc: Obj): Obj {
  const { ssh_log_matcher: outcome, ...fields } = doc;
  addMissing(record, fields);
  record.ssh_log_matcher = outcome;
  return record;
}

export { isObject };
