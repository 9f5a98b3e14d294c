import type { Command } from 'commander';
export declare function registerServe(program: Command): void;
