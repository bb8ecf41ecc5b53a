"""Open and save a workspace of 2,000 members, as ratios against the bare cryptographic work.

Baseline, in the same process and on the same bytes: AES-256-GCM decrypt + ``json.loads`` (for
open), and ``json.dumps`` + AES-256-GCM encrypt + a plain file write (for save). Key derivation
(Argon2id) is excluded from both sides and reported on its own. Target: open and save <= 2x.

Opening checks structure, kinds and schema versions; each record's fields are validated when
its kind is first read. The script also reports open + full validation of every record.

Run: ``python bench/bench_store.py``
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

from formation import crypto  # noqa: E402
from formation.models import Member  # noqa: E402
from formation.store import Workspace, load_tables, verify_tables  # noqa: E402

MEMBERS = 2000
ROUNDS = 15


def best(fn, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "ws"
    passphrase = "bench passphrase"
    kdf_start = time.perf_counter()
    ws = Workspace.create(path, passphrase)  # real parameters: 64 MiB, t=3, p=4
    kdf_time = time.perf_counter() - kdf_start
    ws.put_many([
        Member(work_name=f"Member {i:04d}", community_member="yes" if i % 3 else "no", joined_on="2026-03-14",
               notes="attends the Tuesday drop-in")
        for i in range(MEMBERS)
    ])
    key = ws._key
    ws.close()
    blob = path.read_bytes()
    header = crypto.parse_header(blob, source="bench")
    plain = AESGCM(key).decrypt(header.nonce, blob[crypto.HEADER_LEN:], header.raw)

    def baseline_open():
        json.loads(AESGCM(key).decrypt(header.nonce, blob[crypto.HEADER_LEN:], header.raw))

    def formation_open():
        # Workspace.open minus key derivation: read, check header, decrypt, parse, validate.
        data = path.read_bytes()
        h = crypto.parse_header(data, source="bench")
        load_tables(crypto.open_sealed(data, h, key, source="bench"), source="bench")

    def formation_open_and_read_all():
        data = path.read_bytes()
        h = crypto.parse_header(data, source="bench")
        tables = load_tables(crypto.open_sealed(data, h, key, source="bench"), source="bench")
        verify_tables(tables, source="bench")

    tables = json.loads(plain)
    out = folder / "baseline"

    def baseline_save():
        data = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode()
        nonce = os.urandom(12)
        out.write_bytes(AESGCM(key).encrypt(nonce, data, header.raw))

    ws = Workspace.open(path, passphrase)
    first = ws.all(Member)[0]

    def formation_save():
        ws.put(first)  # one member changed: TinyDB update + seal + atomic write with fsyncs

    o_base, o_form = best(baseline_open), best(formation_open)
    s_base, s_form = best(baseline_save), best(formation_save)
    v_form = best(formation_open_and_read_all)
    ws.close()
    print(f"workspace: {MEMBERS} members, {len(blob) / 1024:.0f} KiB on disk")
    print(f"key derivation (Argon2id 64 MiB, t=3, p=4): {kdf_time * 1000:.0f} ms, once per unlock")
    print(f"open: {o_form * 1000:.1f} ms vs baseline {o_base * 1000:.1f} ms -> ratio {o_form / o_base:.2f}x (target <= 2x)")
    print(f"open + validating every record (what the first full read costs): {v_form * 1000:.1f} ms "
          f"-> ratio {v_form / o_base:.2f}x")
    print(f"save: {s_form * 1000:.1f} ms vs baseline {s_base * 1000:.1f} ms -> ratio {s_form / s_base:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
