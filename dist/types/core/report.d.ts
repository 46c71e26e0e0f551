/**
 * Renders a list of changes as the JSON report (a public contract), plain text for terminals and
 * Markdown for pull requests. All three read the same Change data and the same hazard catalogue.
 */
import { type Change } from './diff.js';
import { type Hazard } from './hazards.js';
export declare const REPORT_VERSION = 1;
export interface ReportChange {
    kind: Change['kind'];
    objectType: Change['objectType'];
    object: string;
    table?: string;
    description: string;
    destructive: boolean;
    hazards: Hazard[];
    before?: unknown;
    after?: unknown;
}
export interface Report {
    version: number;
    drift: boolean;
    summary: {
        changes: number;
        destructive: number;
        tables: number;
        byKind: Record<string, number>;
    };
    changes: ReportChange[];
    /** Spec paths PostgreSQL could not check yet; compared as written. */
    unverified: string[];
}
/** Builds the JSON report: `{ version, drift, summary, changes, unverified }`. */
export declare function buildReport(changes: Change[], unverified?: string[]): Report;
/** One line that says what the change does, in SQL terms. */
export declare function describeChange(c: Change): string;
/** Plain text for terminals: a headline, then the changes grouped by table. */
export declare function renderText(report: Report): string;
/** Markdown for pull requests and job summaries: one table per group of changes. */
export declare function renderMarkdown(report: Report, noun?: string): string;
