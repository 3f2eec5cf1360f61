"""Peak memory and time of hostile or huge imports, each run as a real `mutuals import` process.

Run: python benchmarks/import_memory.py [--rows 1000000] [--url URL] [--cases bomb,company,rows]

Cases (files are written in a streaming way, so building them costs the harness no memory):
- bomb: a ZIP of about 0.5 MB whose Connections.csv inflates to 525 MB (one endless line);
- declared: a ZIP whose member declares 600 MB, over the byte cap;
- company: a 400 KB ZIP holding one row whose company name is 400 MB long;
- rows: a plain Connections.csv of ``--rows`` rows (1,000,000 by default), imported whole.

Each process's peak resident memory comes from the kernel (``wait4``), so it is the whole
command's, start-up included. The goal is under 500 MB for every case, and a refusal (exit 2) in
seconds for the first three.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
MB = 1_000_000


def write_zip(
    path: Path, chunks: int, chunk: bytes, prefix: bytes = HEADER, suffix: bytes = b"\r\n"
) -> None:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("Connections.csv", "w", force_zip64=True) as member,
    ):
        member.write(prefix)
        for _ in range(chunks):
            member.write(chunk)
        member.write(suffix)


def write_declared(path: Path, size: int) -> None:
    # A member whose header says ``size`` bytes: the real content does not matter, the cap is
    # checked against the declared size before anything is inflated.
    write_zip(path, 1, b"A,B,https://www.linkedin.com/in/a,,,,01 Jan 2020")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("Connections.csv")
        offset = info.header_offset
    raw = bytearray(path.read_bytes())
    # Local header: the uncompressed size is at offset 22; in the central directory at 24.
    raw[offset + 22 : offset + 26] = size.to_bytes(4, "little")
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = size.to_bytes(4, "little")
    path.write_bytes(bytes(raw))


def write_rows(path: Path, rows: int) -> None:
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    with path.open("wb") as out:
        out.write(HEADER)
        batch: list[str] = []
        for i in range(rows):
            batch.append(
                f"P{i},Q{i},https://www.linkedin.com/in/p-{i},,Company {i % 5000},Engineer,"
                f"{1 + i % 28:02d} {months[i % 12]} {2008 + i % 18}\r\n"
            )
            if len(batch) == 10_000:
                out.write("".join(batch).encode())
                batch = []
        out.write("".join(batch).encode())


def run(args: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    """Exit status, wall seconds, peak RSS in MB and the last line of stderr."""
    started = time.perf_counter()
    err_path = Path(env["MUTUALS_DATA_DIR"]) / "stderr.txt"
    err_path.parent.mkdir(parents=True, exist_ok=True)
    with err_path.open("wb") as err, open(os.devnull, "wb") as out:
        pid = os.posix_spawn(args[0], args, env, file_actions=[
            (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ])  # fmt: skip
        _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    lines = err_path.read_text(errors="replace").strip().splitlines()
    # ru_maxrss is in kilobytes on Linux.
    return os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024, (lines or [""])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--url", help="Database URL (default: a fresh SQLite file per case).")
    parser.add_argument("--cases", default="bomb,declared,company,rows")
    args = parser.parse_args()
    mutuals = str(Path(sys.executable).with_name("mutuals"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for case in args.cases.split(","):
            if case == "bomb":
                path = folder / "bomb.zip"
                write_zip(path, 525, b"A" * MB)
            elif case == "declared":
                path = folder / "declared.zip"
                write_declared(path, 600 * MB)
            elif case == "company":
                path = folder / "company.zip"
                write_zip(
                    path, 400, b"C" * MB, HEADER + b'Ada,Lovelace,,,"', b'",Eng,01 Jan 2020\r\n'
                )
            elif case == "rows":
                path = folder / "Connections.csv"
                write_rows(path, args.rows)
            else:
                raise SystemExit(f"unknown case {case}")
            data = folder / f"data-{case}"
            env = {
                **os.environ,
                "MUTUALS_DATA_DIR": str(data),
                "MUTUALS_DATABASE_URL": args.url or f"sqlite:///{data / 'mutuals.db'}",
            }
            size = path.stat().st_size
            code, wall, peak, last = run([mutuals, "import", "linkedin", str(path)], env)
            print(
                f"{case}: file {size / MB:.2f} MB, exit {code}, {wall:.1f} s, "
                f"peak RSS {peak:.0f} MB; {last[:160]}",
                flush=True,
            )
            path.unlink()


if __name__ == "__main__":
    main()
