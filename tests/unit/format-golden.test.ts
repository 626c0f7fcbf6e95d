// Golden tests: outputs of the real LXC 5.0.2 lxc-ls / lxc-info (tests/fixtures/format, made
// by capture.ts) must come out of our formatters byte for byte, given the same inputs.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type InfoData, type InfoSelection, formatInfo } from "../../src/format/info.ts";
import { type LsRow, formatLsFancy, formatLsLines, formatLsPlain, parseLsColumns } from "../../src/format/ls.ts";

const dir = join(import.meta.dir, "../fixtures/format");
const load = <T>(f: string): { cases: T[] } => JSON.parse(readFileSync(join(dir, f), "utf8"));

interface LsCase {
  id: string;
  kind: "plain" | "lines" | "fancy";
  argv: string[];
  stdout: string;
  stderr: string;
  names?: string[];
  tty?: boolean;
  termColumns?: number;
  rows?: LsRow[];
  columns?: string | null;
}

interface InfoCase {
  id: string;
  argv: string[];
  data: InfoData;
  sel: InfoSelection;
  stdout: string;
  stderr: string;
}

/** What lxc-ls prints, composed from our pieces the way the CLI does. */
function lsOutput(c: LsCase): { stdout: string; stderr: string } {
  if (c.kind === "lines") return { stdout: formatLsLines(c.names ?? []), stderr: "" };
  if (c.kind === "plain") return { stdout: formatLsPlain(c.names ?? [], { tty: !!c.tty, columns: c.termColumns ?? 0 }), stderr: "" };
  const rows = c.rows ?? [];
  if (c.columns === null || c.columns === undefined) return { stdout: formatLsFancy(rows), stderr: "" };
  const cols = parseLsColumns(c.columns);
  if (typeof cols === "string") return { stdout: "", stderr: rows.length ? `${cols}\n` : "" };
  return { stdout: formatLsFancy(rows, cols), stderr: "" };
}

describe("lxc-ls golden", () => {
  const { cases } = load<LsCase>("ls.json");
  test("fixtures are present", () => expect(cases.length).toBeGreaterThan(40));
  for (const c of cases) {
    test(`${c.id}: ${c.argv.join(" ")}`, () => {
      expect(lsOutput(c)).toEqual({ stdout: c.stdout, stderr: c.stderr });
    });
  }
});

describe("lxc-info golden", () => {
  const { cases } = load<InfoCase>("info.json");
  test("fixtures are present", () => expect(cases.length).toBeGreaterThan(100));
  for (const c of cases) {
    test(`${c.id}: ${c.argv.join(" ")}`, () => {
      expect(formatInfo(c.data, c.sel)).toEqual({ stdout: c.stdout, stderr: c.stderr });
    });
  }
});
