// Parse Mermaid files with Mermaid's own parser (used by tests/test_plot.py when
// ARCHCALC_MERMAID_DIR names a folder where `npm install mermaid jsdom` was run).
// Prints "OK <file> nodes=N edges=E subgraphs=S" or "FAIL <file>: <error>"; exit 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.ARCHCALC_MERMAID_DIR;
const load = (rel) => import(pathToFileURL(path.join(dir, 'node_modules', rel)).href);
const { JSDOM } = await load('jsdom/lib/api.js');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await load('mermaid/dist/mermaid.core.mjs');
mermaid.initialize({ startOnLoad: false });

let bad = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8').replace(/^```mermaid\n/, '').replace(/```\n$/, '');
  try {
    await mermaid.parse(text);
    const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
    console.log(`OK ${file} nodes=${db.getVertices().size} edges=${db.getEdges().length} subgraphs=${db.getSubGraphs().length}`);
  } catch (e) {
    bad += 1;
    console.log(`FAIL ${file}: ${String(e.message || e).slice(0, 400)}`);
  }
}
process.exit(bad ? 1 : 0);
