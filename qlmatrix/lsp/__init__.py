"""`qlm lsp`: the language server for .qlm plans (pygls, over standard input and output).

The modules under it each do one job and most know nothing of pygls:
`analysis` (the one seam the server calls to read and check a plan),
`positions` (UTF-16 columns, as the protocol counts them, and the code points
of qlmatrix's spans), `index` (every place a unit is named), then one module
per feature (`diagnostics`, `hover`, `completion`, `navigation`, `actions`,
`tokens`) and `server`, which wires them to the protocol.

Needs the `lsp` extra (pygls, lsprotocol, pygments).
"""
