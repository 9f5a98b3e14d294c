const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
function addMissing(record, doc) {
    for (const key of Object.keys(doc)) {
        const mine = doc[key];
        if (!Object.prototype.hasOwnProperty.call(record, key) || record[key] === undefined)
            record[key] = mine;
        else if (isObject(record[key]) && isObject(mine))
            addMissing(record[key], mine);
    }
}
export function mergeEcs(record, doc) {
    const { ssh_log_matcher: outcome, ...fields } = doc;
    addMissing(record, fields);
    record.ssh_log_matcher = outcome;
    return record;
}
export { isObject };
