/** The result record: 32 little-endian u32 words per line (DESIGN.md has the table). */
export declare const RESULT_WORDS = 32;
export declare const RESULT_SIZE: number;
export declare const W_ENTRY = 0;
export declare const W_STATUS = 1;
export declare const W_LINE = 2;
export declare const W_FRAMING = 4;
export declare const W_PRI = 5;
export declare const W_TIMESTAMP = 6;
export declare const W_HOSTNAME = 8;
export declare const W_PROGRAM = 10;
export declare const W_PID = 12;
export declare const W_MESSAGE = 14;
export declare const W_FIELDS = 16;
export declare const MAX_FIELDS = 8;
/** Start of an absent span (its length is 0). */
export declare const ABSENT = 4294967295;
/** Slot number of a template element that captures nothing. */
export declare const NO_SLOT = 255;
export declare const STATUS: readonly ["matched", "no-match", "not-ssh", "empty", "too-long", "too-complex", "ambiguous"];
export type Status = (typeof STATUS)[number];
export declare const STATUS_MATCHED = 0, STATUS_NO_MATCH = 1, STATUS_NOT_SSH = 2, STATUS_EMPTY = 3, STATUS_TOO_LONG = 4, STATUS_TOO_COMPLEX = 5, STATUS_AMBIGUOUS = 6;
export declare const FRAMING: readonly ["bare", "rfc3164", "rfc3164-no-host", "rfc5424", "tag"];
export type Framing = (typeof FRAMING)[number];
export declare const FRAMING_BARE = 0, FRAMING_RFC3164 = 1, FRAMING_RFC3164_NO_HOST = 2, FRAMING_RFC5424 = 3, FRAMING_TAG = 4;
/** Shape of a captured value (high 4 bits of its length word): hosts fill `x.ip` or `x.domain` from it. */
export declare const SHAPE_TEXT = 0, SHAPE_IPV4 = 1, SHAPE_IPV6 = 2, SHAPE_NAME = 3;
/**
 * Node kinds of the ECS writer's document trees (host/compile/emit-document.ts writes them,
 * assembly/ecs/document.ts reads them): an object, or a leaf and where its value comes from.
 */
export declare const NODE_KINDS: readonly ["object", "const", "original", "messageOrLine", "timestamp", "hostname", "program", "pid", "pri", "priFacility", "priFacilityName", "priSeverity", "priSeverityName", "level", "fieldString", "fieldNumber", "derivedIp", "derivedDomain", "relatedIp", "relatedUser", "status"];
export type NodeKind = (typeof NODE_KINDS)[number];
export declare const NODE: Record<NodeKind, number>;
/** u32 words per node. */
export declare const NODE_WORDS = 5;
/** Which writers a node belongs to: the whole document, the merge into a host's record, classify only. */
export declare const MODE_DOCUMENT = 1, MODE_ENRICH = 2, MODE_CLASSIFY = 4;
/** Document option flags (set by each adapter, assembly/ecs/options.ts). */
export declare const OPTION_KEEP_ORIGINAL = 1;
/** assembly/generated/abi.ts: the same numbers as AssemblyScript constants; R_* are byte offsets. */
export declare function emitAbi(): string;
