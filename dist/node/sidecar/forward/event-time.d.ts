import { ExtData } from '@msgpack/msgpack';
export declare function eventTimeText(time: unknown): string | null;
/** EventTime of a Date in milliseconds (what test clients and the measurement send). */
export declare function eventTime(ms: number, nsec?: number): ExtData;
