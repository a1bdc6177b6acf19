"""Excel formula text: its tokens, and a shared formula copied to another cell.

The engine reads formulas to find the references in them (to shift them, to know what a
formula reads) and the functions they call. The rules are those of openpyxl's formula
tokenizer (after Eric Bachtal's), quirks included, so that every formula reads exactly
as it did when the engine used that tokenizer; `tests/template/test_formula.py` checks
both give the same tokens, errors and translations for every formula of the real test
workbooks and for random formulas. Importing openpyxl (and numpy through it) for these
few hundred lines took about 250 ms, half of a small build.
"""

from __future__ import annotations

import re

# token types and subtypes, as openpyxl names them
OPERAND, FUNC, ARRAY, PAREN, SEP = "OPERAND", "FUNC", "ARRAY", "PAREN", "SEP"
OP_PRE, OP_IN, OP_POST = "OPERATOR-PREFIX", "OPERATOR-INFIX", "OPERATOR-POSTFIX"
WSPACE = "WHITE-SPACE"
TEXT, NUMBER, LOGICAL, ERROR, RANGE = "TEXT", "NUMBER", "LOGICAL", "ERROR", "RANGE"
OPEN, CLOSE, ARG, ROW = "OPEN", "CLOSE", "ARG", "ROW"

#: (type, subtype, text) of one token.
Token = tuple[str, str, str]

_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
           "#GETTING_DATA")
_ENDERS = frozenset(",;}) +-*/^&=><%")  # each ends the operand being read
_STRINGS = {'"': re.compile(r'"(?:[^"]*"")*[^"]*"(?!")'),
            "'": re.compile(r"'(?:[^']*'')*[^']*'(?!')")}
_SCIENTIFIC = re.compile(r"^[1-9](\.[0-9]+)?[Ee]$")  # 1.5E, before its sign
_PLAIN = re.compile(r"""[^"'\[# \n+\-*/^&=><%{()};,]+""")  # builds the operand, no more
_SPACES = re.compile(r"[ \n]+")
_BRACKETS = re.compile(r"[\[\]]")


class FormulaError(ValueError):
    """A formula the tokenizer cannot read (an unclosed string, bracket or parenthesis, an
    unknown error literal, a character where none may stand)."""


def _operand(text: str) -> Token:
    if text.startswith('"'):
        return OPERAND, TEXT, text
    if text.startswith("#"):
        return OPERAND, ERROR, text
    if text in ("TRUE", "FALSE"):
        return OPERAND, LOGICAL, text
    try:
        float(text)
    except ValueError:
        return OPERAND, RANGE, text
    return OPERAND, NUMBER, text


def tokenize(formula: str) -> list[Token]:
    """The tokens of ``formula`` (written without its leading ``=``).

    Raises FormulaError for a formula Excel's grammar cannot read.
    """
    items: list[Token] = []
    stack: list[Token] = []  # the open functions, parentheses and arrays
    token = ""  # the operand being read
    at, end = 0, len(formula)

    def no_operand(can_follow: str = "") -> None:
        if token and token[-1] not in can_follow:
            raise FormulaError(f"unexpected character at position {at + 1} in {formula!r}")

    while at < end:
        char = formula[at]
        if char in "+-" and token and _SCIENTIFIC.match(token):
            token += char
            at += 1
            continue
        if char in _ENDERS and token:
            items.append(_operand(token))
            token = ""
        if char in "\"'":
            no_operand(":")
            match = _STRINGS[char].match(formula, at)
            if match is None:
                raise FormulaError(f"a string or sheet name is not closed in {formula!r}")
            if char == '"':
                items.append((OPERAND, TEXT, match.group()))
            else:
                token += match.group()
            at = match.end()
        elif char == "[":
            depth = 0
            for bracket in _BRACKETS.finditer(formula, at):
                depth += 1 if bracket.group() == "[" else -1
                if depth == 0:
                    token += formula[at:bracket.end()]
                    at = bracket.end()
                    break
            else:
                raise FormulaError(f"a '[' is not closed in {formula!r}")
        elif char == "#":
            no_operand("!")
            error = next((e for e in _ERRORS if formula.startswith(e, at)), None)
            if error is None:
                raise FormulaError(f"unknown error at position {at + 1} in {formula!r}")
            items.append(_operand(token + error))
            token = ""
            at += len(error)
        elif char in " \n":
            items.append((WSPACE, "", char))
            at = _SPACES.match(formula, at).end()
        elif char in "+-*/^&=><%":
            pair = formula[at:at + 2]
            if pair in (">=", "<=", "<>"):
                items.append((OP_IN, "", pair))
                at += 2
                continue
            if char == "%":
                items.append((OP_POST, "", char))
            elif char in "*/^&=><":
                items.append((OP_IN, "", char))
            else:
                before = next((i for i in reversed(items) if i[0] != WSPACE), None)
                infix = before is not None and (
                    before[1] == CLOSE or before[0] == OP_POST or before[0] == OPERAND)
                items.append((OP_IN if infix else OP_PRE, "", char))
            at += 1
        elif char in "{(":
            if char == "{":
                no_operand()
                opened = (ARRAY, OPEN, "{")
            elif token:
                opened = (FUNC, OPEN, token + "(")
                token = ""
            else:
                opened = (PAREN, OPEN, "(")
            items.append(opened)
            stack.append(opened)
            at += 1
        elif char in ")}":
            if not stack:
                raise FormulaError(f"a {char!r} closes nothing in {formula!r}")
            kind = stack.pop()[0]
            closer = "}" if kind == ARRAY else ")"
            if closer != char:
                raise FormulaError(f"mismatched ( and {{ in {formula!r}")
            items.append((kind, CLOSE, closer))
            at += 1
        elif char in ";,":
            if char == ";":
                items.append((SEP, ROW, ";"))
            elif not stack or stack[-1][0] == PAREN:
                items.append((OP_IN, "", ","))  # the union of two ranges
            else:
                items.append((SEP, ARG, ","))
            at += 1
        else:
            plain = _PLAIN.match(formula, at)
            token += plain.group()
            at = plain.end()
    if token:
        items.append(_operand(token))
    return items


def range_operands(formula: str) -> list[tuple[int, str]] | None:
    """(position, text) of each range operand in ``formula`` (without its leading ``=``):
    references, names, table references. None when the formula cannot be read."""
    try:
        tokens = tokenize(formula)
    except FormulaError:
        return None
    found: list[tuple[int, str]] = []
    cursor = 0
    for kind, subtype, text in tokens:
        if kind == WSPACE:
            continue
        pos = formula.find(text, cursor)
        if pos < 0:
            return None
        cursor = pos + len(text)
        if kind == OPERAND and subtype == RANGE:
            found.append((pos, text))
    return found


_ROWS = re.compile(r"(\$?[1-9][0-9]{0,6}):(\$?[1-9][0-9]{0,6})$")
_COLUMNS = re.compile(r"(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3})$")
_CELL = re.compile(r"(\$?[A-Za-z]{1,3})(\$?[1-9][0-9]{0,6})$")
_MAX_COLUMN = 18_278  # ZZZ: the last column openpyxl's translation writes


def translate(formula: str, origin: str, dest: str) -> str:
    """``formula``, written in cell ``origin``, as Excel copies it to cell ``dest``:
    relative rows and columns move by the distance between the two (how each cell of a
    shared formula reads its master's text).

    Raises FormulaError when the formula cannot be read or a reference would move
    above row 1 or left of column A (Excel's ``#REF!``).
    """
    from .refs import column_index

    rows = _row_of(dest) - _row_of(origin)
    columns = column_index(_letters(dest)) - column_index(_letters(origin))
    out = []
    for kind, subtype, text in tokenize(formula):
        out.append(_moved(text, rows, columns) if kind == OPERAND and subtype == RANGE
                   else text)
    return "".join(out)


def _letters(ref: str) -> str:
    return ref.rstrip("0123456789").lstrip("$").replace("$", "")


def _row_of(ref: str) -> int:
    return int(ref[len(ref.rstrip("0123456789")):])


def _moved(operand: str, rows: int, columns: int) -> str:
    sheet, bang, ref = operand.rpartition("!")
    return sheet + bang + _moved_ref(ref, rows, columns)


def _moved_ref(ref: str, rows: int, columns: int) -> str:
    m = _ROWS.match(ref)
    if m:
        return _move_row(m.group(1), rows) + ":" + _move_row(m.group(2), rows)
    m = _COLUMNS.match(ref)
    if m:
        return _move_column(m.group(1), columns) + ":" + _move_column(m.group(2), columns)
    if ":" in ref:  # either end may be a name; Excel even allows A1:B2:C3
        return ":".join(_moved_ref(piece, rows, columns) for piece in ref.split(":"))
    m = _CELL.match(ref)
    if m is None:
        return ref  # a name
    return _move_column(m.group(1), columns) + _move_row(m.group(2), rows)


def _move_row(text: str, rows: int) -> str:
    if text.startswith("$"):
        return text
    row = int(text) + rows
    if row <= 0:
        raise FormulaError("a reference would move above row 1")
    return str(row)


def _move_column(text: str, columns: int) -> str:
    from .refs import column_index, letters_of

    if text.startswith("$"):
        return text
    index = column_index(text) + columns
    if not 1 <= index <= _MAX_COLUMN:
        raise FormulaError("a reference would move outside columns A to ZZZ")
    return letters_of(index)
