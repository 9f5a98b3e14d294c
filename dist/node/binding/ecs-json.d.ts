import { type LineResult } from './event.js';
export declare class EcsJsonWriter {
    private readonly shapes;
    write(r: LineResult): string;
    private shapeOf;
}
