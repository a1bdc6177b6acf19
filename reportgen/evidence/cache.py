"""A cache of checked fact files, keyed by content, so unchanged files cost nothing.

Each fact file's checked records and its own problems (schema and provenance) are
stored under a key made of the file's bytes, its name, the articles and sources they
were checked against, and reportgen's version and code. A changed file, article or version
misses the cache; nothing is ever served stale. Checks across files (duplicate ids,
references, disagreements) run every time.

Entries are pickles (full records, for ``build``) and marshal data (the summaries
``check`` needs) in the user's cache folder (``$REPORTGEN_CACHE_DIR``, else
``$XDG_CACHE_HOME/reportgen``, else ``~/.cache/reportgen``), one folder per facts
folder; only reportgen writes there. Entries the last run did not use are removed.

The cache cannot change a result. Each entry is sealed with the name it was stored under
(so two swapped entries do not load) and a SHA-256 digest of its payload (so a truncated,
garbled or edited entry does not load); a pickle is loaded only after it verifies, and only
with the few classes records hold (no other object can be built from it). An entry that
fails any of this, or whose content turns out not to fit, is discarded (noted in
:attr:`FactCache.discarded`) and the file is checked again. This guards against damage
and mix-ups, not against someone who can already write the user's files.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__
from .languages import CLDR_VERSION

FORMAT = 3
_MAGIC = b"reportgen-cache-entry\n"
_DIGEST = 32  # bytes of SHA-256
#: what a records entry may hold besides plain data
_RECORD_CLASSES = {("decimal", "Decimal"), ("datetime", "date"),
                   ("reportgen.evidence.values", "PartialDate"),
                   ("reportgen.evidence.values", "partial_date")}  # PartialDate, shared


class EntryRefused(Exception):
    """A cache entry that did not verify."""


class _RecordUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _RECORD_CLASSES:
            raise EntryRefused(f"holds a {module}.{name}")
        return super().find_class(module, name)


def load_records(data: bytes) -> Any:
    return _RecordUnpickler(io.BytesIO(data)).load()


def seal(name: str, payload: bytes) -> bytes:
    """An entry: a header naming it, the digest of its payload, the payload."""
    return _MAGIC + name.encode() + b"\n" + hashlib.sha256(payload).digest() + payload


def unseal(name: str, entry: bytes) -> bytes:
    """The payload of an entry stored as ``name``; EntryRefused if it does not verify."""
    head = _MAGIC + name.encode() + b"\n"
    if not entry.startswith(head):
        raise EntryRefused("was not stored under this name")
    digest, payload = entry[len(head):len(head) + _DIGEST], entry[len(head) + _DIGEST:]
    if hashlib.sha256(payload).digest() != digest:
        raise EntryRefused("does not match its digest")
    return payload


_CODE: list[str] = []


def code_fingerprint() -> str:
    """A hash of reportgen's checking code, so a changed checker never reads old entries
    (also between releases, when the version number has not moved)."""
    if not _CODE:
        digest = hashlib.sha256()
        package = Path(__file__).parent.parent
        # the evidence layer and the plumbing it uses (problems, errors)
        for path in sorted([*package.glob("*.py"), *package.glob("evidence/*.py")]):
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
        digest.update(CLDR_VERSION.encode())  # how non-English quotes print numbers
        _CODE.append(digest.hexdigest())
    return _CODE[0]


def cache_root() -> Path:
    explicit = os.environ.get("REPORTGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportgen"


class FactCache:
    """get/put by key (``base.part``); ``finish()`` removes the entries of the files this
    run did not see."""

    def __init__(self, facts_dir: Path, enabled: bool = True):
        self.enabled = enabled
        digest = hashlib.sha256(str(facts_dir.resolve()).encode()).hexdigest()[:16]
        self.folder = cache_root() / f"facts-{digest}"
        self.used: set[str] = set()
        #: entries found damaged and removed this run, with the reason (for --verbose)
        self.discarded: list[str] = []

    @staticmethod
    def key(*parts: bytes | str) -> str:
        digest = hashlib.sha256(f"{FORMAT}:{__version__}:{code_fingerprint()}".encode())
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()

    def get(self, key: str, loads: Callable[[bytes], Any] = load_records) -> Any | None:
        """The entry stored as ``key``, or None when absent or when it does not verify
        (then it is discarded)."""
        if not self.enabled:
            return None
        self.used.add(key.partition(".")[0])
        try:
            entry = (self.folder / key).read_bytes()
        except OSError:
            return None
        try:
            return loads(unseal(key, entry))
        except Exception as exc:  # any failure to load means: compute it again
            self.discard(key, str(exc) or type(exc).__name__)
            return None

    def has(self, key: str) -> bool:
        """Whether an entry is stored as ``key`` (not whether it verifies)."""
        return self.enabled and (self.folder / key).is_file()

    def discard(self, key: str, reason: str) -> None:
        """Remove an entry that did not verify or did not fit, and note why."""
        self.discarded.append(f"cache entry {key[:12]}...{key.partition('.')[2]} {reason}; "
                              "checked again")
        try:
            (self.folder / key).unlink()
        except OSError:
            pass

    def put(self, key: str, entry: Any, dumps: Callable[[Any], bytes] | None = None) -> None:
        if not self.enabled:
            return
        self.used.add(key.partition(".")[0])
        try:
            data = seal(key, dumps(entry) if dumps
                        else pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            tmp.write_bytes(data)
            os.replace(tmp, self.folder / key)
        except OSError:
            pass  # a cache that cannot be written only makes the next run slower

    def keep(self, key: str) -> None:
        """Count an entry as used (one another process wrote)."""
        self.used.add(key.partition(".")[0])

    def finish(self) -> None:
        if not self.enabled or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            # a file's entries (key.summary, key.records) live and die together; a
            # temporary entry (.key.part.PID.tmp) goes once its writer is gone (killed)
            if path.name.startswith("."):
                stale = path.name.endswith(".tmp") and not _running(path.name.split(".")[-2])
            else:
                stale = path.name.partition(".")[0] not in self.used
            if stale:
                try:
                    path.unlink()
                except OSError:
                    pass


def _running(pid: str) -> bool:
    """Whether the process that wrote a temporary entry still runs."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
