// qlmatrix counts 1-based lines and code-point columns; CodeMirror counts UTF-16 offsets in the document.

export function offsetOf(doc, line, column) {
  const number = Math.min(Math.max(line, 1), doc.lines);
  const text = doc.line(number);
  let offset = 0;
  let points = 1;
  for (const char of text.text) {
    if (points >= column) break;
    offset += char.length;
    points += 1;
  }
  return text.from + offset;
}

export function positionOf(doc, offset) {
  const line = doc.lineAt(offset);
  return { line: line.number, column: [...line.text.slice(0, offset - line.from)].length + 1 };
}
