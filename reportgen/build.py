"""``reportgen build``: check the facts, model them, render the template, write safely.

The chain runs one way: evidence -> check -> model -> render(template) -> file.
The workbook is written to a temporary file in the output folder and renamed
over the target only when complete, so a failed build leaves the previous
workbook untouched. The same inputs give a byte-identical file.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import Project
from .errors import BuildError, FactsError, TemplateError, UsageError
from .evidence.check import check_project
from .evidence.corpus import Articles, Corpus, display_path
from .gcpause import collector_paused
from .problems import Report, plural


@dataclass
class BuildResult:
    output: Path
    sha256: str
    fingerprint: str
    report: Report
    warnings: list[str] = field(default_factory=list)
    #: with --since: what this edition was compared with, and the counts of changes
    compared: str = ""


def input_fingerprint(project: Project, fact_paths: list[Path], articles: list[Path],
                      previous: bytes = b"") -> str:
    """A hash of every input: what the workbook was built from (no clock, no folders);
    with ``build --since``, ``previous`` is the previous edition's facts snapshot."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(label.encode() + b"\0" + len(data).to_bytes(8, "big") + data)

    add("title", project.title.encode())
    add("subtitle", project.subtitle.encode())
    add("metrics", repr([(m.id, m.label, m.headline) for m in project.metrics]).encode())
    add("sources", project.sources.read_bytes())
    add("template", project.template.read_bytes())
    for path in sorted(articles):
        add(f"article:{path.name}", path.read_bytes())
    for path in sorted(fact_paths):
        name = path.relative_to(project.facts) if project.facts.is_dir() else path.name
        add(f"facts:{name.as_posix() if isinstance(name, Path) else name}", path.read_bytes())
    if previous:
        add("since", previous)
    return digest.hexdigest()[:16]


def build(project: Project, strict: bool = False, use_cache: bool = True,
          recalculate: bool = False, since: Path | None = None) -> BuildResult:
    """Check, model, render and write the workbook; ``recalculate`` has LibreOffice fill in
    the results of formulas whose inputs changed (template.recalc); ``since`` names the
    previous edition's workbook, to show what changed (it is read before anything is
    written, so it may be the output itself)."""
    from .briefing.model import COLLECTIONS, build_briefing, collection_sizes
    from .briefing.snapshot import add_snapshot, snapshot
    from .evidence.discrepancies import find_discrepancies
    from .evidence.metrics import Catalogue
    from .template import (
        Collection,
        RenderContext,
        check_row_limits,
        is_macro_enabled,
        render_template,
    )

    # a symbolic link as output: the workbook replaces the file it points to (the link stays)
    output = project.output.resolve()
    _refuse_output_over_inputs(output, _project_inputs(project))
    _check_output_path(output)
    if not project.template.is_file():
        raise BuildError(
            f"template {display_path(project.template)} does not exist "
            "(set 'template' in reportgen.yml or pass --template)"
        )
    keep_macros = project.output.suffix.lower() == ".xlsm"
    if keep_macros and not is_macro_enabled(project.template):
        raise UsageError(
            f"output {display_path(project.output)} is named .xlsm but the template "
            f"{display_path(project.template)} holds no macros; name it .xlsx"
        )
    previous = _previous_edition(since) if since is not None else None
    checked = check_project(project, use_cache)
    report = checked.report
    if not report.passes(strict):
        raise FactsError(
            f"the facts have {plural(len(report.errors), 'error')}"
            + (f" and {plural(len(report.warnings), 'warning')} (--strict)" if strict else "")
            + "; nothing was written. Run 'reportgen check' for the list.",
            report,
        )
    articles = list(checked.corpus.article_paths.values())
    _refuse_output_over_inputs(output, articles + checked.corpus.fact_paths)
    # a collection longer than its sheet may hold is refused now, from the counts, not
    # after the rows are made (the rows of a million facts take minutes and gigabytes)
    check_row_limits(project.template, collection_sizes(checked.corpus),
                     {name: fields for name, (_, fields) in COLLECTIONS.items()})
    fingerprint = input_fingerprint(project, checked.corpus.fact_paths, articles,
                                    previous.part if previous else b"")
    corpus = shown(checked.corpus)
    del checked
    discrepancies = find_discrepancies(corpus.facts)  # the snapshot's and the model's
    # inside the workbook, for diff and the next edition's --since
    facts_snapshot = snapshot(corpus, project.facts, fingerprint, project.title,
                              discrepancies)
    comparison = _comparison(previous, facts_snapshot, project.title) if previous else None
    compared = (f"Compared with the previous edition ({comparison.edition}): "
                f"{comparison.changes.summary()}") if comparison else ""
    del previous
    with collector_paused():
        briefing = build_briefing(corpus, project.title, project.subtitle, fingerprint,
                                  __version__, Catalogue(project.metrics), comparison,
                                  discrepancies)
        del comparison
        del corpus  # the rows hold what the workbook needs
        context = RenderContext(
            scalars=briefing.scalars,
            collections={name: Collection(t.fields, t.rows)
                         for name, t in briefing.tables.items()},
        )
        del briefing
        with tempfile.TemporaryDirectory(prefix="reportgen-") as folder:
            template = prepared_template(project, Path(folder))

            def write(stream):
                found = render_template(template, context, stream, keep_macros)
                add_snapshot(stream, facts_snapshot)
                return found

            try:
                warnings = write_atomically(output, write,
                                            after=_recalculate if recalculate else None)
            except TemplateError as exc:  # name the user's template, not the prepared copy
                raise TemplateError(str(exc).replace(str(template), str(project.template))
                                    ) from None
    sha = hashlib.sha256(output.read_bytes()).hexdigest()
    return BuildResult(output, sha, fingerprint, report, warnings, compared)


def _previous_edition(since: Path):
    """The previous edition's snapshot (``build --since``): a usage error, naming the
    option, when it cannot be read."""
    from .briefing.snapshot import read_edition

    try:
        return read_edition(since)
    except UsageError as exc:
        raise UsageError(f"--since {exc}") from None


def _comparison(previous, packed: bytes, title: str):
    """What changed from the previous edition to the rows this workbook carries."""
    from .briefing.changes import Comparison, name_edition
    from .briefing.snapshot import snapshot_rows
    from .evidence.diff import diff_rows

    rows = snapshot_rows(packed)
    return Comparison(diff_rows(previous.rows, rows), previous.rows, rows,
                      name_edition(previous.rows, previous.fingerprint, previous.title,
                                   previous.sha256, title))


def shown(checked: Corpus) -> Corpus:
    """What the workbook shows of a checked corpus: sources, facts, the articles' text.

    The rest is dropped before the rows are made, so the rows reuse its memory: the fact
    summaries, the articles as normalised for matching (11 million characters at 100,000
    facts), and each fact's locator (there are no problems left to locate)."""
    articles = Articles()
    for source_id in checked.sources:
        text = checked.articles.raw(source_id)
        if text is not None:
            articles.add(source_id, text)
    for fact in checked.facts:
        fact.locate = None
    return Corpus(sources=checked.sources, facts=checked.facts, articles=articles)


CORE_PART = "docProps/core.xml"
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def core_properties(project: Project) -> bytes:
    """The workbook's document properties, from the project file: title, subject,
    keywords, description; creator reportgen; no dates (a build has no clock)."""
    from .template.xmltext import escape

    values = (
        ("dc:title", project.title),
        ("dc:subject", project.subject or project.subtitle),
        ("dc:creator", "reportgen"),
        ("cp:keywords", ", ".join(project.keywords)),
        ("dc:description", project.description or project.subtitle),
        ("cp:lastModifiedBy", "reportgen"),
    )
    namespaces = " ".join(f'xmlns:{k}="{v}"' for k, v in _CORE_NS.items())
    body = "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in values if text)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f"<cp:coreProperties {namespaces}>{body}</cp:coreProperties>").encode()


PAPER_SIZES = {"A4": 9, "A3": 8, "letter": 1, "legal": 5}  # Excel's paperSize codes
_PAGE_SETUP = re.compile(rb"<(?:\w+:)?pageSetup\b[^>]*>")
_PAPER_SIZE = re.compile(rb'\spaperSize="\d+"')


def prepared_template(project: Project, folder: Path) -> Path:
    """A copy of the template in ``folder`` with the project's document properties and,
    if the project names one, its paper size on every sheet. The template is small, so
    this costs nothing next to the render, and the rendered workbook is written once."""
    from .template.package import Package, PackageWriter

    package = Package.open(project.template)  # the engine's checks, on the user's file
    paper = PAPER_SIZES.get(project.paper)
    properties = core_properties(project)
    path = folder / project.template.name
    with open(path, "wb") as fh:
        writer = PackageWriter(fh)
        for name in package.names:
            data = properties if name == CORE_PART else package.raw(name)
            if paper is not None and name.startswith("xl/worksheets/sheet"):
                data = set_paper(data, paper)
            writer.write(name, data)
        writer.close()
    return path


def set_paper(sheet: bytes, paper: int) -> bytes:
    """The sheet's ``<pageSetup>`` with ``paperSize`` set (found from the end: it follows
    the rows); a sheet without one is left as it is."""
    start = sheet.rfind(b"pageSetup", max(0, len(sheet) - 65536))
    if start < 0:
        return sheet
    start = sheet.rfind(b"<", 0, start)
    match = _PAGE_SETUP.match(sheet, start)
    if match is None:
        return sheet
    tag = match.group()
    size = f' paperSize="{paper}"'.encode()
    new = _PAPER_SIZE.sub(size, tag) if _PAPER_SIZE.search(tag) else \
        tag.replace(b"pageSetup", b"pageSetup" + size, 1)
    return sheet[:match.start()] + new + sheet[match.end():]


def _check_output_path(output: Path) -> None:
    """A wrong output path is a usage error (exit 2): nothing is checked or written."""
    if output.is_dir():
        raise UsageError(f"output {display_path(output)} is a folder; name a .xlsx file")
    if output.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(
            f"output {display_path(output)} must end in .xlsx (or .xlsm, to keep the "
            "macros of a macro-enabled template)"
        )
    if not output.parent.is_dir():
        raise UsageError(
            f"output folder {display_path(output.parent)} does not exist; create it first"
        )


def _project_inputs(project: Project) -> list[Path]:
    return [p for p in (project.template, project.sources, project.config_file,
                        project.facts, project.articles) if p is not None]


def _refuse_output_over_inputs(output: Path, inputs: list[Path]) -> None:
    """The output may not be any input, by resolved path (symbolic links followed) or by
    identity on disk (a hard link): writing it would destroy that input."""
    target = output.resolve()
    try:
        target_stat = target.stat()
    except OSError:
        target_stat = None
    for path in inputs:
        full = path.resolve()
        same = full == target
        if not same and target_stat is not None:
            try:
                same = os.path.samestat(target_stat, full.stat())
            except OSError:
                same = False
        if same:  # a usage error, like any other wrong output path (exit 2)
            raise UsageError(
                f"output {display_path(output)} is an input of the build "
                f"({display_path(path)}); writing it would destroy that input: "
                "name another file with --output or 'output' in reportgen.yml"
            )


def _recalculate(path: Path) -> None:
    from .template.recalc import recalculate

    recalculate(path)


def write_atomically(target: Path, write, after=None):
    """Call ``write(stream)`` on a temporary file beside ``target`` (then ``after(path)`` on
    it, if given), then rename it over ``target``. On any failure, and on SIGTERM, SIGHUP
    or SIGINT, the temporary file is removed and ``target`` is untouched; a temporary file
    left by a build that was killed outright (SIGKILL, power loss) is removed by the next
    build of the same target."""
    _remove_stale_temporaries(target)
    with _signals_unwind():
        try:
            handle = tempfile.NamedTemporaryFile(
                dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                delete=False,
            )
        except OSError as exc:
            raise BuildError(
                f"cannot write in {display_path(target.parent)}: {exc.strerror or exc}"
            ) from None
        tmp = Path(handle.name)
        try:
            with handle:
                result = write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            if after is not None:
                after(tmp)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise BuildError(
                f"cannot write {display_path(target)}: {exc.strerror or exc}") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return result


@contextmanager
def _signals_unwind():
    """While in this block, SIGTERM and SIGHUP exit by raising SystemExit (128 + the
    signal), as SIGINT raises KeyboardInterrupt, so the block's clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; the caller owns signals then
        return

    def unwind(signum, frame):
        raise SystemExit(128 + signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, None):
            previous[sig] = signal.signal(sig, unwind)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _remove_stale_temporaries(target: Path) -> None:
    """Remove ``.NAME.PID.*.tmp`` files beside ``target`` whose build is no longer
    running (a build killed outright cannot clean up after itself)."""
    prefix = f".{target.name}."
    try:
        found = list(target.parent.glob(glob.escape(prefix) + "*.tmp"))
    except OSError:
        return
    for path in found:
        pid = path.name[len(prefix):].partition(".")[0]
        if pid.isdigit():
            stale = not _running(int(pid))
        else:  # written before builds recorded their process id: stale after an hour
            try:
                stale = time.time() - path.stat().st_mtime > 3600
            except OSError:
                continue
        if stale:
            try:
                path.unlink()
            except OSError:
                pass


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
