// .qlm highlighting in both keyword languages, built from the words qlmatrix.keywords holds (/api/keywords).
import { StreamLanguage } from "@codemirror/language";

const escape = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (words) => [...words].sort((a, b) => b.length - a.length).map(escape).join("|");
const BLANK = "[ \\t\\u3000]*";
export const BRACKETS = "()[]{}（）【】｛｝〔〕";
const OPEN = "({[（【｛〔";
const SPECIAL = /[#＃"(){}\[\]（）【】｛｝〔〕;；:：、，,]/;

export function qlmLanguage(keywords) {
  const statement = new RegExp(`^(?:${alternation(keywords.statements)})(?=[ \\t\\u3000"{｛]|$)`);
  const property = new RegExp(`^(?:${alternation(keywords.properties)})(?=${BLANK}[:：])`);
  const label = new RegExp(`^(?:${alternation(keywords.labels)})(?=${BLANK}[:：])`);
  const kind = new RegExp(`^(?:${alternation(keywords.kinds)})(?=${BLANK}(?:[;；}｝\\n]|$))`);
  return StreamLanguage.define({
    name: "qlm",
    startState: () => ({ statementStart: true, afterBracket: false, afterKind: false }),
    token(stream, state) {
      if (stream.sol()) state.statementStart = true;
      if (stream.eatSpace()) return null;
      if (stream.match(/^[#＃].*/)) return "comment";
      if (stream.match(/^"(?:[^"\\\n]|\\.)*"?/)) { state.statementStart = false; return "string"; }
      const wasStart = state.statementStart;
      const afterBracket = state.afterBracket;
      state.statementStart = false;
      state.afterBracket = false;
      if (wasStart && stream.match(statement)) return "keyword";
      if ((wasStart || afterBracket) && stream.match(property)) return "propertyName";
      if (afterBracket && stream.match(label)) return "labelName";
      if (stream.match(kind)) return "typeName";
      const char = stream.next();
      if (";；{｛}｝".includes(char)) { state.statementStart = true; return char === ";" || char === "；" ? "separator" : "brace"; }
      if (OPEN.includes(char)) { state.afterBracket = true; return "paren"; }
      if (BRACKETS.includes(char)) return "paren";
      if (":：、，,".includes(char)) { state.afterBracket = char !== ":" && char !== "："; return "punctuation"; }
      while (!stream.eol() && !SPECIAL.test(stream.peek()) && !/[ \t\u3000]/.test(stream.peek())) stream.next();
      return null;
    },
    languageData: {
      commentTokens: { line: "#" },
      closeBrackets: { brackets: ["(", "[", "{", '"', "（", "【", "｛", "〔"] },
    },
  });
}
