"""A watch on the registry's files (``kexie monitor``): its state told without a ``stat`` per file.

The remembered answers and the check's state memo (``validate/answers.py``) key on the registry's
*state*. Without a watch the state is the stat data of every entry: one ``stat`` per file, about
4 µs each, so 0.2 s at 50,000 yearly records before any answer is given. With ``kexie monitor``
running, a process that holds an inotify watch on every folder of the registry, the state is
one question over a local socket: the watch's *token*, which changes whenever anything the state
covers changes (Git's ``core.fsmonitor`` and Watchman do the same for ``git status``).

Why the token can be trusted:

- The kernel queues an inotify event inside the system call that changes a file, before that call
  returns. The watch reads every queued event before it answers (:meth:`Watch.token`), so a change
  that was made before a command asked is always counted in the token that command gets.
- A folder created under the registry is watched, with the folders below it, when its ``CREATE``
  event is read: a change inside it before then is covered because that event already changed the
  token before any command could be answered with the new one.
- A lost event (the kernel's queue overflowed), a watched folder moved or removed, or the root
  itself moved or removed: the token changes, and for the root the watch stops answering, so
  commands fall back to the stat data.
- The answer names the root's device and inode as the watch saw them; a command whose root is
  another folder now (the path replaced) does not use it.
- Only a process of the same user is believed (``SO_PEERCRED``).

What it does not see (as Git's monitor): changes through a shared ``mmap``, a file written in place
through another name it has outside the registry (a hard link: inotify tells the folder of the name
used), and changes made on another machine to a network file system (refused: :func:`network_fs`).
Hidden names (``.x.yaml.swp``) are left out as the record listing leaves them out; ``.kexie/`` and
``.git/`` are not watched (Git's ``HEAD`` is read by the state itself).

Linux only (inotify); elsewhere :func:`ask` answers None and the stat data are used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import select
import socket
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.registry.layout import SETTINGS_FILE, STATE_FOLDERS

#: what a registry's state covers below its root (``validate/answers.py``)
WATCHED = frozenset({*STATE_FOLDERS, SETTINGS_FILE})
PROTOCOL = b"kexie-monitor 1"
TIMEOUT = 1.0  # seconds a command waits for the watch's answer before it uses the stat data
_PEERCRED = struct.Struct("3i")  # pid, uid, gid

# inotify(7) event bits
IN_MODIFY = 0x2
IN_ATTRIB = 0x4
IN_CLOSE_WRITE = 0x8
IN_MOVED_FROM = 0x40
IN_MOVED_TO = 0x80
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_MOVE_SELF = 0x800
IN_UNMOUNT = 0x2000
IN_Q_OVERFLOW = 0x4000
IN_IGNORED = 0x8000
IN_ONLYDIR = 0x1000000
IN_DONT_FOLLOW = 0x2000000
IN_ISDIR = 0x40000000
CHANGES = (
    IN_MODIFY
    | IN_ATTRIB
    | IN_CLOSE_WRITE
    | IN_MOVED_FROM
    | IN_MOVED_TO
    | IN_CREATE
    | IN_DELETE
    | IN_DELETE_SELF
    | IN_MOVE_SELF
)
MASK = CHANGES | IN_ONLYDIR | IN_DONT_FOLLOW
GONE = IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED


def address(root: Path) -> bytes:
    """The socket name of the watch over ``root`` (Linux's abstract namespace: no file to leave behind)."""
    key = f"{os.getuid()}\0{os.path.realpath(root)}".encode(errors="surrogateescape")
    return b"\0kexie-monitor-" + hashlib.blake2b(key, digest_size=16).hexdigest().encode()


def available() -> bool:
    return sys.platform.startswith("linux")


#: file systems whose files other machines change without this kernel seeing it (no inotify event)
NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "glusterfs", "afs", "lustre", "davfs", "ncpfs"}
)


def network_fs(root: Path, mountinfo: str | None = None) -> str | None:
    """The type of the file system holding ``root`` when others may change it unseen (``nfs``, ``cifs``,
    ``9p`` of WSL's Windows drives, any ``fuse.*`` such as sshfs), else None.

    ``mountinfo``: the text of ``/proc/self/mountinfo`` (read when None; unreadable: None).
    """
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return None
    path = os.path.realpath(root)
    best, kind = "", ""
    for line in mountinfo.splitlines():
        before, sep, after = line.partition(" - ")
        fields = before.split(" ")
        if not sep or len(fields) < 5 or not after:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, after.split(" ")[0]
    return kind if kind in NETWORK_FS or kind.startswith("fuse.") else None


@dataclass
class Watch:
    """The inotify watch over one registry: every folder below the watched names of :data:`WATCHED`.

    :meth:`token` reads every event queued so far and tells the state: the same token as long as
    nothing the state covers changed. ``valid`` is False once the root itself is gone or moved.
    """

    root: Path
    notify: Any = None  # inotify_simple.INotify
    folders: dict[int, str] = field(default_factory=dict)  # watch descriptor -> folder path
    root_wd: int = -1
    root_id: tuple[int, int] = (0, 0)  # (st_dev, st_ino) of the root
    instance: str = field(default_factory=lambda: os.urandom(8).hex())
    generation: int = 0
    valid: bool = True
    lock: threading.RLock = field(default_factory=threading.RLock)  # the socket's thread and a server's pages

    def __post_init__(self) -> None:
        from inotify_simple import INotify  # noqa: PLC0415 - the watch's own: a command that asks needs no ctypes

        self.root = Path(os.path.realpath(self.root))
        st = self.root.stat()
        self.root_id = (st.st_dev, st.st_ino)
        self.notify = INotify(nonblocking=True)
        try:
            self.root_wd = self.notify.add_watch(str(self.root), MASK)
            self.folders[self.root_wd] = str(self.root)
            self._add_state_folders()
        except OSError:
            self.close()
            raise

    def fileno(self) -> int:
        return int(self.notify.fileno())

    def close(self) -> None:
        with self.lock:
            if self.notify is not None:
                self.notify.close()
                self.notify = None
            self.valid = False

    def _add_tree(self, folder: str) -> None:
        """Watch ``folder`` and every folder below it (hidden ones and links left out, as the listing)."""
        try:
            wd = self.notify.add_watch(folder, MASK)
        except (FileNotFoundError, NotADirectoryError):
            return  # not there (yet), or a file or a link: its parent's watch tells of it
        except OSError as exc:  # ENOSPC: fs.inotify.max_user_watches reached: this watch cannot be trusted
            raise OSError(exc.errno, f"{folder}: {exc.strerror}") from exc
        self.folders[wd] = folder
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            below = [e.path for e in entries if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)]
        for path in sorted(below):
            self._add_tree(path)

    def _add_state_folders(self) -> None:
        for name in STATE_FOLDERS:
            self._add_tree(str(self.root / name))

    def _rescan(self) -> None:
        """After lost events: drop every watch below the root and watch the tree afresh."""
        for wd in [wd for wd in self.folders if wd != self.root_wd]:
            with contextlib.suppress(OSError):
                self.notify.rm_watch(wd)
            self.folders.pop(wd, None)
        self._add_state_folders()

    def drain(self) -> None:
        """Read every queued event; the token changes if any of them is one the state covers."""
        with self.lock:
            while self.valid:
                events = self.notify.read(timeout=0)
                if not events:
                    return
                for event in events:
                    self._take(event.wd, event.mask, event.name)

    def _take(self, wd: int, mask: int, name: str) -> None:
        try:
            self._event(wd, mask, name)
        except OSError:  # a folder that cannot be watched (inotify's limit reached): the watch is no longer whole
            self.generation += 1
            self.valid = False

    def _event(self, wd: int, mask: int, name: str) -> None:
        if mask & IN_Q_OVERFLOW:
            self.generation += 1
            self._rescan()
            return
        if wd == self.root_wd:
            if mask & GONE:
                self.generation += 1
                self.valid = False
                return
            if name not in WATCHED:
                return  # .kexie/, .git/ and the rest of the root: not part of the state
        elif mask & GONE:
            if not mask & IN_MOVE_SELF:  # a moved folder keeps its watch: its new parent's MOVED_TO renames it
                self.folders.pop(wd, None)
            self.generation += 1
            return
        if name.startswith("."):
            return  # hidden entries are not records, and the listing does not enter hidden folders
        self.generation += 1
        if mask & IN_ISDIR and mask & (IN_CREATE | IN_MOVED_TO):
            parent = self.folders.get(wd)
            if parent is not None:
                self._add_tree(f"{parent}/{name}")

    def token(self) -> str | None:
        """The state's token now: None once the watch no longer covers the root."""
        with self.lock:
            self.drain()
            return f"{self.instance}:{self.generation}" if self.valid else None


def listen(root: Path) -> socket.socket:
    """The listening socket of the watch over ``root``; OSError (EADDRINUSE) when one already runs."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(address(root))
        server.listen(16)
    except OSError:
        server.close()
        raise
    return server


def serve(
    watch: Watch, server: socket.socket, stop: int | None = None, ready: Callable[[], None] | None = None
) -> None:
    """Answer commands' questions until the watch no longer covers the root or ``stop`` (a file descriptor)
    is readable; then close ``server``, so that no command waits for an answer that will not come.

    Events are read as they come (the kernel's queue is kept short), and again before each answer.
    """
    waiting = [watch.fileno(), server.fileno(), *([] if stop is None else [stop])]
    try:
        if ready is not None:
            ready()
        while watch.valid:
            readable, _, _ = select.select(waiting, [], [])
            if stop is not None and stop in readable:
                return
            if waiting[0] in readable:
                watch.drain()
            if waiting[1] in readable:
                _answer(watch, server)
    finally:
        server.close()


def _answer(watch: Watch, server: socket.socket) -> None:
    try:
        conn, _ = server.accept()
    except OSError:
        return
    with conn:
        conn.settimeout(TIMEOUT)
        with contextlib.suppress(OSError):
            if not _same_user(conn) or _line(conn) != PROTOCOL:
                return
            token = watch.token()
            dev, ino = watch.root_id
            reply = f"{dev} {ino} {token}" if token is not None else "gone"
            conn.sendall(PROTOCOL + b" " + reply.encode() + b"\n")


def _same_user(conn: socket.socket) -> bool:
    """Whether the process at the other end of ``conn`` runs as this user (``SO_PEERCRED``)."""
    _, uid, _ = _PEERCRED.unpack(conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _PEERCRED.size))
    return bool(uid == os.getuid())


def _line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n") and len(data) < 256:
        chunk = conn.recv(256)
        if not chunk:
            break
        data += chunk
    return data.rstrip(b"\n")


def ask(root: Path) -> str | None:
    """The token of the watch over ``root`` (``kexie monitor``), or None: no watch runs, it is another
    user's, it no longer covers this folder, or it did not answer within :data:`TIMEOUT` seconds."""
    if not available():
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(TIMEOUT)
            conn.connect(address(root))
            if not _same_user(conn):
                return None
            conn.sendall(PROTOCOL + b"\n")
            reply = _line(conn)
            st = root.stat()
    except OSError:
        return None
    head, _, rest = reply.partition(PROTOCOL + b" ")
    dev, ino, token = [*rest.decode(errors="replace").split(" "), "", "", ""][:3]
    if head or not token or (dev, ino) != (str(st.st_dev), str(st.st_ino)):
        return None
    return token


@contextlib.contextmanager
def watching(root: Path) -> Iterator[Watch | None]:
    """A watch over ``root`` for this process (``kexie serve``), also answering other commands on its socket
    from a thread unless a ``kexie monitor`` already does; None where no watch can be trusted (not Linux, a
    network file system, inotify's limits reached). Closed when the block ends."""
    if not available() or network_fs(root) is not None:
        yield None
        return
    try:
        watch = Watch(root)
    except OSError:
        yield None
        return
    try:
        server = listen(root)
    except OSError:  # another process answers for this registry
        server = None
    wake_r, wake_w = os.pipe()
    thread = None
    if server is not None:
        thread = threading.Thread(target=serve, args=(watch, server, wake_r), daemon=True)
        thread.start()
    try:
        yield watch
    finally:
        os.write(wake_w, b"x")
        if thread is not None:
            thread.join()  # serve() closes the socket when it returns
        for fd in (wake_r, wake_w):
            os.close(fd)
        watch.close()
