// Recognizers-Text (JavaScript) numbers over a plain-text file, as a whole
// process: read the file, hand each paragraph (the text between two
// newlines in a row: one article body of scripts/news-text.py's output) to
// the English number model (what recognizeNumber uses, built once), and
// write one line per result to standard output, tab-separated: the offset
// in the file where it starts (UTF-16 units, as JavaScript counts), the
// text it covers, and its value.
//
//     node recognize.js FILE
//
// Run by scripts/bench-peers.sh after `npm ci` in a copy of this folder
// under the bench work dir; not part of the test suite.
"use strict";

const fs = require("fs");
const { NumberRecognizer, Culture } = require("@microsoft/recognizers-text-number");

function main() {
  const path = process.argv[2];
  const text = fs.readFileSync(path, "utf8");
  const model = new NumberRecognizer(Culture.English).getNumberModel();
  const lines = [];
  let found = 0;
  let at = 0;
  for (const para of text.split("\n\n")) {
    if (para.trim() !== "") {
      for (const r of model.parse(para)) {
        const value = r.resolution ? r.resolution.value : "";
        lines.push(`${at + r.start}\t${r.text.replace(/[\n\t]/g, " ")}\t${value}\n`);
        found += 1;
      }
      if (lines.length >= 4096) {
        process.stdout.write(lines.join(""));
        lines.length = 0;
      }
    }
    at += para.length + 2;
  }
  process.stdout.write(lines.join(""));
  process.stderr.write(`recognizers-js: ${found} results\n`);
}

main();
