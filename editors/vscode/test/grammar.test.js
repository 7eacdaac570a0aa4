// The TextMate grammar on the bundled examples (../../examples) and an English-keyword plan: keywords in
// both languages, annotations, numbering, numbers, strings and comments get the scopes a theme colours.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const GRAMMAR = path.join(__dirname, "..", "syntaxes", "qlm.tmLanguage.json");
const EXAMPLES = path.join(__dirname, "..", "..", "..", "examples");

const onigLib = oniguruma.loadWASM(fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer)
  .then(() => ({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text) => new oniguruma.OnigString(text),
  }));
const registry = new vsctm.Registry({
  onigLib,
  loadGrammar: async (scope) =>
    scope === "source.qlm" ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, "utf8"), GRAMMAR) : null,
});

async function tokenize(text) {
  const grammar = await registry.loadGrammar("source.qlm");
  const tokens = [];
  let stack = vsctm.INITIAL;
  text.split("\n").forEach((line, number) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      tokens.push({ line: number, text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    stack = result.ruleStack;
  });
  return tokens;
}

/** The innermost scope of every token whose text is exactly `text`. */
function scopesOf(tokens, text) {
  return new Set(tokens.filter((token) => token.text === text).map((token) => token.scopes[token.scopes.length - 1]));
}

function examples() {
  const found = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".qlm")) found.push(full);
    }
  };
  walk(EXAMPLES);
  return found.sort();
}

test("there are bundled examples to try", () => {
  assert.ok(examples().length >= 2);
});

for (const file of examples()) {
  test(`every comment line, keyword and annotation of ${path.relative(EXAMPLES, file)}`, async () => {
    const text = fs.readFileSync(file, "utf8");
    const tokens = await tokenize(text);
    const lines = text.split("\n");
    lines.forEach((line, number) => {
      const trimmed = line.trimStart();
      const first = tokens.find((token) => token.line === number && token.text.trim() !== "");
      if (trimmed.startsWith("#")) {
        assert.equal(first.scopes.at(-1), "comment.line.number-sign.qlm", `line ${number + 1}`);
      } else if (/^(单位|集合)[ \t]/.test(trimmed)) {
        assert.equal(first.scopes.at(-1), "storage.type.unit.qlm", `line ${number + 1}`);
      } else if (/^(章|载体|计划|任务)[ \t]/.test(trimmed)) {
        assert.equal(first.scopes.at(-1), "keyword.control.statement.qlm", `line ${number + 1}`);
      } else if (/^[(（][一二三四五六七八九十]+[)）]/.test(trimmed)) {
        assert.equal(first.scopes.at(-1), "constant.numeric.numbering.qlm", `line ${number + 1}`);
      }
    });
    // Every `(责任单位:` written outside a comment opens an annotation whose label is scoped as one.
    const labels = tokens.filter((token) => token.scopes.at(-1) === "keyword.other.annotation-label.qlm");
    const written = lines.filter((line) => !line.trimStart().startsWith("#"))
      .reduce((count, line) => count + (line.match(/[(（](责任单位|牵头单位|配合单位)[:：]/g) || []).length, 0);
    assert.equal(labels.length, written);
  });
}

test("the 咸宁高新区 example: units, properties, numbers and annotations", async () => {
  const tokens = await tokenize(fs.readFileSync(path.join(EXAMPLES, "xianning-gaoxin.qlm"), "utf8"));
  assert.deepEqual(scopesOf(tokens, "纪监委"), new Set(["entity.name.type.unit.qlm"]));
  assert.deepEqual(scopesOf(tokens, "依据"), new Set(["support.type.property-name.qlm"]));
  assert.deepEqual(scopesOf(tokens, "2021"), new Set(["constant.numeric.qlm"]));
  assert.deepEqual(scopesOf(tokens, "二、"), new Set(["constant.numeric.numbering.qlm"]));
  assert.deepEqual(scopesOf(tokens, "责任单位"), new Set(["keyword.other.annotation-label.qlm"]));
  const annotated = tokens.filter((token) => token.text === "综合办" && token.scopes.includes("meta.annotation.qlm"));
  assert.ok(annotated.length >= 2);
});

test("a plan in English keywords", async () => {
  const tokens = await tokenize(fs.readFileSync(path.join(__dirname, "fixtures", "english.qlm"), "utf8"));
  assert.deepEqual(scopesOf(tokens, "unit"), new Set(["storage.type.unit.qlm"]));
  assert.deepEqual(scopesOf(tokens, "collective"), new Set(["storage.type.unit.qlm"]));
  for (const word of ["plan", "section", "task", "report"]) {
    assert.deepEqual(scopesOf(tokens, word), new Set(["keyword.control.statement.qlm"]), word);
  }
  assert.deepEqual(scopesOf(tokens, "include"), new Set(["keyword.control.import.qlm"]));
  for (const word of ["basis", "issuer", "full", "aliases", "kind", "oversee", "cadence", "due"]) {
    assert.deepEqual(scopesOf(tokens, word), new Set(["support.type.property-name.qlm"]), word);
  }
  assert.deepEqual(scopesOf(tokens, "responsible"), new Set(["keyword.other.annotation-label.qlm"]));
  assert.deepEqual(scopesOf(tokens, "Commission"), new Set(["entity.name.type.unit.qlm"]));
  assert.deepEqual(scopesOf(tokens, "DC"), new Set(["entity.name.type.unit.qlm"]));
  assert.deepEqual(scopesOf(tokens, '"A{B}"'), new Set(["string.quoted.double.qlm"]));
  assert.deepEqual(scopesOf(tokens, '"carrier.qlm"'), new Set(["string.quoted.double.qlm"]));
  assert.deepEqual(scopesOf(tokens, "(1)"), new Set(["constant.numeric.numbering.qlm"]));
  assert.deepEqual(scopesOf(tokens, "1."), new Set(["constant.numeric.numbering.qlm"]));
  assert.deepEqual(scopesOf(tokens, "->"), new Set(["keyword.operator.arrow.qlm"]));
});

test("full-width punctuation and role marks", async () => {
  const tokens = await tokenize("＃ 全角注释\n任务 （一）甲 【牵头单位：纪监委(牵头)、党群部】 ｛ 频次：每年 ｝\n单位 乙；单位 丙\n");
  assert.deepEqual(scopesOf(tokens, "＃ 全角注释"), new Set(["comment.line.number-sign.qlm"]));
  assert.deepEqual(scopesOf(tokens, "（一）"), new Set(["constant.numeric.numbering.qlm"]));
  assert.deepEqual(scopesOf(tokens, "牵头单位"), new Set(["keyword.other.annotation-label.qlm"]));
  assert.deepEqual(scopesOf(tokens, "(牵头)"), new Set(["keyword.other.role-mark.qlm"]));
  assert.deepEqual(scopesOf(tokens, "党群部"), new Set(["entity.name.type.unit.qlm"]));
  assert.deepEqual(scopesOf(tokens, "｛"), new Set(["punctuation.section.block.begin.qlm"]));
  assert.deepEqual(scopesOf(tokens, "频次"), new Set(["support.type.property-name.qlm"]));
  assert.deepEqual(scopesOf(tokens, "丙"), new Set(["entity.name.type.unit.qlm"]));
  assert.deepEqual(scopesOf(tokens, "单位"), new Set(["storage.type.unit.qlm"]));
});

test("a keyword inside a title is title text", async () => {
  const tokens = await tokenize("任务 (一) 单位 章 都是标题\n");
  const title = tokens.find((token) => token.text.includes("单位"));
  assert.equal(title.scopes.at(-1), "meta.title.qlm");
});
