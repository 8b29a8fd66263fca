// Copies the pinned uPlot build (package-lock.json) into theodoi/static/vendor/: the
// minified script, its stylesheet and its licence. Run by `make charts`.
const fs = require("fs");
const path = require("path");
const src = path.join(__dirname, "node_modules", "uplot");
const dest = path.join(__dirname, "..", "..", "theodoi", "static", "vendor");
for (const [from, to] of [
  ["dist/uPlot.iife.min.js", "uplot.min.js"],
  ["dist/uPlot.min.css", "uplot.min.css"],
  ["LICENSE", "uplot.LICENSE"],
]) {
  fs.copyFileSync(path.join(src, from), path.join(dest, to));
  console.log(`${to}: ${fs.statSync(path.join(dest, to)).size} bytes`);
}
