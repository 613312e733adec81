import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import * as ts from "typescript";
import { declarationEntries, reachableDeclarations } from "../../scripts/prune-declarations";

// Issue 14: what an editor shows a user. Every declaration reachable from the package's entry points is
// documented, member by member, and none of them refers to zod (its declarations need esModuleInterop,
// which `pulumi new typescript` does not set). Reads dist/, built by pretest.
const ROOT = resolve(__dirname, "..", "..");
const documented = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).length > 0;
const exported = (node: ts.Node) =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const isPrivate = (node: ts.Node) =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some(
    (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
  );
const nameOf = (node: ts.Node): string =>
  (node as { name?: ts.Node }).name?.getText() ?? ts.SyntaxKind[node.kind];

/** Declarations (and their members) a user sees without documentation. */
function undocumented(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const where = relative(ROOT, file);
  const missing: string[] = [];
  const members = (owner: string, list: ts.NodeArray<ts.Node>) => {
    for (const member of list) {
      if (isPrivate(member) || ts.isIndexSignatureDeclaration(member)) continue;
      if (!documented(member)) missing.push(`${where}: ${owner}.${nameOf(member)}`);
      const type = (member as { type?: ts.Node }).type;
      if (type && ts.isTypeLiteralNode(type)) members(`${owner}.${nameOf(member)}`, type.members);
    }
  };
  for (const statement of source.statements) {
    if (!exported(statement)) continue;
    const name = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((d) => d.name.getText()).join(", ")
      : nameOf(statement);
    if (!documented(statement)) missing.push(`${where}: ${name}`);
    if (ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement))
      members(name, statement.members);
    if (ts.isTypeAliasDeclaration(statement) && ts.isTypeLiteralNode(statement.type))
      members(name, statement.type.members);
  }
  return missing;
}

describe("the package's type declarations", () => {
  const files = [...reachableDeclarations(declarationEntries(ROOT))];

  it("reach only declarations of this package, the SDK and Node: no zod", () => {
    expect(files.length).toBeGreaterThan(5);
    const zod = files.filter((file) => /["']zod["']/.test(readFileSync(file, "utf8")));
    expect(zod.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it("document every exported declaration and every member a user can reach", () => {
    expect(files.flatMap(undocumented)).toEqual([]);
  });

  it("are all the build ships: no declaration of an internal module, no source map", () => {
    const dist = join(ROOT, "dist");
    const shipped = readdirSync(dist, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".d.ts") || file.endsWith(".map"))
      .map((file) => join(dist, file));
    expect(shipped.sort()).toEqual([...files].sort());
  });
});
