// SPDX-License-Identifier: BSL-1.0
// Validates a JSON document against drx's JSON Schema of SCHEMA with Ajv (Node).
//   npm install ajv@8.17.1        (draft 2020-12 support: ajv/dist/2020.js)
//   node validate.mjs SCHEMA_DIR SCHEMA FILE
// SCHEMA_DIR is share/drx/schemas of an installed drx, or the output of
// `drx json-schema --all --out DIR`. Prints "valid", or the first error and exits 1.
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const [dir, name, file] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
// drx's annotations: the rules the document cannot express, and the ones it does.
ajv.addKeyword({ keyword: "x-drx-rules", schemaType: "array" });
ajv.addKeyword({ keyword: "x-drx-expressed", schemaType: "array" });
const validate = ajv.compile(JSON.parse(fs.readFileSync(`${dir}/${name}.json`, "utf8")));
if (validate(JSON.parse(fs.readFileSync(file, "utf8")))) {
  console.log("valid");
} else {
  const e = validate.errors[0];
  console.log(`invalid: ${e.instancePath || "/"} ${e.message}`);
  process.exit(1);
}
