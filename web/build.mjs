// Bundles the page's script into qlmatrix/serve/static/workbench.js (or the file given), so the wheel
// serves it without node. The bundle is committed; tests/test_serve_bundle.py rebuilds it and compares.
import { build } from "esbuild";

const outfile = process.argv[2] || new URL("../qlmatrix/serve/static/workbench.js", import.meta.url).pathname;
await build({
  entryPoints: [new URL("src/main.js", import.meta.url).pathname],
  bundle: true, format: "iife", target: "es2020", minify: true, legalComments: "none", charset: "utf8",
  outfile, logLevel: "warning",
});
