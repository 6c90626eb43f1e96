// Validates a Teams app manifest against the JSON schema its "$schema" names, with Microsoft's own validator
// (@microsoft/app-manifest, AppManifestUtils.validateAgainstSchema). The schema is taken from the copies that
// package ships instead of being downloaded, so this runs without access to developer.microsoft.com.
//   node validate.mjs path/to/manifest.json
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { AppManifestUtils } from "@microsoft/app-manifest";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs <manifest.json>");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(file, "utf8"));
const declared = /\/json-schemas\/teams\/(v[^/]+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema ?? "");
if (!declared) {
  console.error(`${file}: "$schema" is not a Teams manifest schema URL: ${manifest.$schema}`);
  process.exit(1);
}
const packageRoot = path.dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json"));
const schemaFile = path.join(packageRoot, "build", "json-schemas", "teams", declared[1], "MicrosoftTeams.schema.json");
if (!existsSync(schemaFile)) {
  console.error(`${file}: @microsoft/app-manifest ships no schema ${declared[1]}`);
  process.exit(1);
}
if (manifest.manifestVersion !== declared[1].substring(1)) {
  console.error(`${file}: manifestVersion ${manifest.manifestVersion} but $schema ${declared[1]}`);
  process.exit(1);
}
const failures = await AppManifestUtils.validateAgainstSchema(manifest, JSON.parse(readFileSync(schemaFile, "utf8")));
if (failures.length > 0) {
  console.error(`${file} does not validate against the Teams manifest schema ${declared[1]}:`);
  for (const failure of failures) {
    console.error(`  ${failure}`);
  }
  process.exit(1);
}
console.log(`${file} validates against the Teams manifest schema ${declared[1]}`);
