// SPDX-License-Identifier: BSL-1.0
// Ajv (draft 2020-12, strict mode) over drx's exported JSON Schema documents
// (drx json-schema --all --out DIR; tests/schema/agreement.py drives this script).
//
//   node ajv_check.mjs DIR                 compile every DIR/*.json; fail on any error or warning
//   node ajv_check.mjs DIR CORPUS.jsonl    also validate each line {"schema": NAME, "instance": ...}
//                                          and print one line per instance: {"valid": bool, "error": ...}
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

const [dir, corpus] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node ajv_check.mjs DIR [CORPUS.jsonl]");
  process.exit(2);
}
const warnings = [];
const logger = { log: () => {}, warn: (...a) => warnings.push(a.join(" ")), error: (...a) => warnings.push(a.join(" ")) };
// strict: unknown keywords, ignored keywords, ambiguous types and formats are errors, except the
// union types drx writes on purpose (["integer", "number"] for members that keep their kind).
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: false, logger });
// drx's extension keywords are annotations: they list what the document cannot express.
ajv.addKeyword({ keyword: "x-drx-rules", schemaType: "array" });
ajv.addKeyword({ keyword: "x-drx-expressed", schemaType: "array" });

const validators = new Map();
let failed = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const name = f.slice(0, -5);
  try {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    validators.set(name, ajv.compile(doc));
  } catch (e) {
    console.error(`${name}: does not compile: ${e.message}`);
    failed++;
  }
}
for (const w of warnings) console.error(`warning: ${w}`);
if (failed || warnings.length) process.exit(1);
if (!corpus) {
  console.log(`${validators.size} documents compile in strict mode with no warnings`);
  process.exit(0);
}
const out = [];
for (const line of fs.readFileSync(corpus, "utf8").split("\n")) {
  if (!line) continue;
  const c = JSON.parse(line);
  const v = validators.get(c.schema);
  if (!v) {
    console.error(`no document for schema ${c.schema}`);
    process.exit(2);
  }
  const ok = v(c.instance);
  out.push(JSON.stringify(ok ? { valid: true } : { valid: false, error: `${v.errors[0].instancePath} ${v.errors[0].message}` }));
}
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
