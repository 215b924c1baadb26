"""What the source says outside its syntax tree: trailing comments become step labels, the
leading comment or the docstring the title, and the header Loopscope's own Python export
writes carries the settings a program cannot (python.gil, python.cpu_count)."""

import ast
import io
import re
import tokenize

# Comments that are instructions to tools, not labels.
_TOOL_COMMENT = re.compile(r"^(noqa|type:|pragma|pylint:|fmt:|isort:)")
# What the exporter appends to a line of its own; a label may follow it after "  # ".
_WAIT_FOR = re.compile(r"^wait_for\(.*\) as in 3\.12(  # )?")
_EXPORT_ANNOTATIONS = [
    _WAIT_FOR,
    re.compile(r"^initial items count as unfinished work$"),
    re.compile(r"^made in main\(\), inside the running loop$"),
    re.compile(r"^asyncio's default pool: .*$"),
    re.compile(r"^how long a thread keeps the GIL while another waits \(not scaled\)$"),
    re.compile(r"^a timeout <= 0 cancels the coroutine before it starts$"),
    re.compile(r"^no call between reading and writing the note: no GIL switch$"),
]
EXPORT_HEADER = "The asyncio program of a Loopscope scenario"


class Comments:
    def __init__(self, source):
        self.trailing = {}  # line -> comment text after code on that line
        self.leading = []  # comment lines before the first line of code
        code_lines = set()
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
        except (tokenize.TokenError, SyntaxError):
            tokens = []
        for tok in tokens:
            if tok.type == tokenize.COMMENT:
                text = tok.string[1:].strip()
                if tok.start[0] in code_lines:
                    self.trailing[tok.start[0]] = text
                elif not code_lines:
                    self.leading.append(text)
            elif tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                                  tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER):
                code_lines.add(tok.start[0])

    def label(self, node):
        """The label a statement's trailing comment gives it, or None."""
        text = self.trailing.get(getattr(node, "lineno", -1))
        if not text or _TOOL_COMMENT.match(text):
            return None
        for annotation in _EXPORT_ANNOTATIONS:
            match = annotation.match(text)
            if match:
                text = text[match.end():] if match.group(0).endswith("  # ") else ""
        return text or None

    def marks_wait_for(self, line):
        """Whether the line is an `async with asyncio.timeout(...)` the export wrote for a
        wait_for step (its annotation says so)."""
        return bool(_WAIT_FOR.match(self.trailing.get(line, "")))

    def is_export(self):
        return any(line.startswith(EXPORT_HEADER) for line in self.leading)

    def title(self, tree):
        """The docstring's first line, else the first leading comment that is not a
        shebang, an encoding line or the exporter's header."""
        doc = ast.get_docstring(tree)
        if doc:
            return doc.strip().splitlines()[0].strip()
        for line in self.leading:
            if line.startswith(("!", "-*-")) or line.startswith(EXPORT_HEADER) or not line:
                continue
            if re.match(r"^(Source|Author|Licence|License|Changes):", line):
                continue
            return line
        return None

    def python_settings(self):
        """python.gil and python.cpu_count as the exporter's header states them."""
        settings = {}
        for line in self.leading:
            if "python.gil = false" in line:
                settings["gil"] = False
            match = re.search(r"python\.cpu_count \((\d+)\)", line)
            if match:
                settings["cpu_count"] = int(match.group(1))
        return settings
