// Validate a SARIF file against the official SARIF 2.1.0 JSON schema (the
// OASIS schema shipped in the npm package @microsoft/jest-sarif), with ajv
// in draft-04 mode as that schema declares. usage: node validate-sarif.js FILE
'use strict';
const fs = require('fs');
const path = require('path');
const modules = path.join(__dirname, 'npm', 'node_modules');
const Ajv = require(path.join(modules, 'ajv'));
const schema = JSON.parse(fs.readFileSync(
  path.join(modules, '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
const ajv = new Ajv({schemaId: 'id', allErrors: true, format: 'full', logger: false});
ajv.addMetaSchema(require(path.join(modules, 'ajv', 'lib', 'refs', 'json-schema-draft-04.json')));
const validate = ajv.compile(schema);
const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (!validate(doc)) {
  for (const e of validate.errors.slice(0, 10))
    console.log(`${e.dataPath}: ${e.message}`);
  process.exit(1);
}
console.log('valid SARIF 2.1.0');
