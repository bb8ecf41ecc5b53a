"""The workspace file format: a checked header, then AES-256-GCM ciphertext of the JSON.

Layout (all integers big-endian)::

    offset size  field
    0      8     magic  b"FMWSPACE"
    8      2     format version (this module writes FORMAT_VERSION)
    10     1     KDF id: 0 = none (plaintext sample), 1 = Argon2id
    11     4     Argon2id memory cost in KiB
    15     4     Argon2id iterations (t)
    19     4     Argon2id lanes (p)
    23     16    salt
    39     12    nonce (fresh on every save)
    51     8     body length in bytes (ciphertext with its 16-byte tag, or the plaintext JSON)
    59     8     header check: the first 8 bytes of SHA-256 over bytes 0..58
    67     ...   body

The whole 67-byte header is the AES-GCM associated data, so any change to it makes decryption
fail; the header check lets a changed header be reported as such, and lets the KDF parameters be
bounded before any key is derived (so a tampered file cannot make us allocate gigabytes).

Parameters: Argon2id with 64 MiB, t=3, p=4 (RFC 9106 section 4, second recommended option,
https://www.rfc-editor.org/rfc/rfc9106#section-4), via ``cryptography``'s Argon2id; AES-256-GCM
with a 96-bit random nonce (NIST SP 800-38D section 8.2.2).
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from formation.errors import (
    NewerSchema,
    NotAWorkspace,
    TamperedHeader,
    TruncatedWorkspace,
    WrongPassphraseOrDamaged,
)

MAGIC = b"FMWSPACE"
FORMAT_VERSION = 1
KDF_NONE = 0
KDF_ARGON2ID = 1

_HEADER = struct.Struct(">8sHBIII16s12sQ")
_CHECK_LEN = 8
HEADER_LEN = _HEADER.size + _CHECK_LEN  # 67
TAG_LEN = 16
MAX_BODY = 512 * 1024 * 1024

# Bounds on KDF parameters read from a header (security.md requirement 5; age caps scrypt work
# the same way). Below the minimum the file is not one we wrote; above, it would cost too much.
MIN_MEMORY_KIB, MAX_MEMORY_KIB = 8 * 1024, 1024 * 1024
MIN_ITERATIONS, MAX_ITERATIONS = 1, 10
MIN_LANES, MAX_LANES = 1, 8


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters.

    Attributes:
        memory_kib: memory cost in KiB (default 65,536 = 64 MiB).
        iterations: time cost t (default 3).
        lanes: parallelism p (default 4).
    """

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def check(self, source: str = "key parameters") -> None:
        """Raise ``TamperedHeader`` (naming ``source``) if a parameter is outside the bounds."""
        if not (MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB):
            raise TamperedHeader(f"{source}: the workspace header asks for an out-of-range key memory cost")
        if not (MIN_ITERATIONS <= self.iterations <= MAX_ITERATIONS):
            raise TamperedHeader(f"{source}: the workspace header asks for an out-of-range key iteration count")
        if not (MIN_LANES <= self.lanes <= MAX_LANES):
            raise TamperedHeader(f"{source}: the workspace header asks for an out-of-range key parallelism")


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class Header:
    """A parsed workspace header.

    Attributes:
        kdf_id: ``KDF_NONE`` for a plaintext sample, ``KDF_ARGON2ID`` otherwise.
        kdf: the Argon2id parameters (ignored for plaintext).
        salt: 16 random bytes chosen when the passphrase was set.
        nonce: 12 random bytes, new for every save.
        body_length: length of the body that follows the header, in bytes.
        raw: the 67 header bytes as read or written (the AES-GCM associated data).
    """

    kdf_id: int
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    body_length: int
    raw: bytes

    @property
    def plaintext(self) -> bool:
        """True for an unencrypted (sample) workspace."""
        return self.kdf_id == KDF_NONE


def derive_key(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    """Derive the 32-byte AES key from a passphrase with Argon2id.

    Args:
        passphrase: the passphrase as typed (UTF-8 encoded; must not be empty).
        salt: 16 bytes from the header.
        kdf: the Argon2id parameters, already bounded with ``KdfParams.check``.

    Returns:
        32 key bytes.

    Raises:
        ValueError: for an empty passphrase.
    """
    if not passphrase:
        raise ValueError("the passphrase must not be empty")
    kdf.check()
    return Argon2id(
        salt=salt, length=32, iterations=kdf.iterations, lanes=kdf.lanes, memory_cost=kdf.memory_kib
    ).derive(passphrase.encode("utf-8"))


def build_header(kdf_id: int, kdf: KdfParams, salt: bytes, nonce: bytes, body_length: int) -> bytes:
    """Pack a header (67 bytes) with its check bytes."""
    head = _HEADER.pack(
        MAGIC, FORMAT_VERSION, kdf_id, kdf.memory_kib, kdf.iterations, kdf.lanes, salt, nonce, body_length
    )
    return head + hashlib.sha256(head).digest()[:_CHECK_LEN]


def parse_header(blob: bytes, *, source: str) -> Header:
    """Read and check the header at the start of a workspace file.

    Args:
        blob: the whole file's bytes.
        source: the file name, for messages.

    Returns:
        The parsed ``Header``.

    Raises:
        NotAWorkspace: the magic bytes are missing (not a workspace, or a raw JSON file).
        TruncatedWorkspace: the file ends before the header or before the body it announces.
        TamperedHeader: the header check fails, or the KDF id or parameters are out of bounds.
        NewerSchema: the format version is newer than this program reads.
    """
    if not blob.startswith(MAGIC[: min(len(blob), len(MAGIC))]) or not blob:
        if blob.lstrip()[:1] in (b"{", b"["):
            raise NotAWorkspace(
                f"{source}: this is an unencrypted JSON file, not a formation workspace; "
                "it was not opened and will not be overwritten"
            )
        raise NotAWorkspace(f"{source}: not a formation workspace file")
    if len(blob) < HEADER_LEN:
        raise TruncatedWorkspace(f"{source}: the file is cut off inside its header ({len(blob)} bytes)")
    head, check = blob[: _HEADER.size], blob[_HEADER.size : HEADER_LEN]
    if hashlib.sha256(head).digest()[:_CHECK_LEN] != check:
        raise TamperedHeader(f"{source}: the workspace header was changed or damaged")
    magic, version, kdf_id, mem, its, lanes, salt, nonce, body_length = _HEADER.unpack(head)
    if version > FORMAT_VERSION:
        raise NewerSchema(
            f"{source}: written by a newer version of formation (file format {version}); update formation"
        )
    if version < 1:
        raise TamperedHeader(f"{source}: the workspace header has an impossible format version")
    if kdf_id not in (KDF_NONE, KDF_ARGON2ID):
        raise TamperedHeader(f"{source}: the workspace header names an unknown key derivation")
    kdf = KdfParams(mem, its, lanes)
    if kdf_id == KDF_ARGON2ID:
        kdf.check(source)
    if body_length > MAX_BODY:
        raise TamperedHeader(f"{source}: the workspace header announces an impossible size")
    actual = len(blob) - HEADER_LEN
    if actual < body_length:
        raise TruncatedWorkspace(
            f"{source}: the file is cut off ({actual} of {body_length} bytes after the header); "
            "restore a backup with 'formation restore'"
        )
    if actual > body_length:
        raise TruncatedWorkspace(
            f"{source}: the file has {actual - body_length} unexpected bytes at its end; "
            "restore a backup with 'formation restore'"
        )
    return Header(kdf_id, kdf, salt, nonce, body_length, blob[:HEADER_LEN])


def seal(plaintext: bytes, key: bytes | None, salt: bytes, kdf: KdfParams) -> bytes:
    """Encrypt ``plaintext`` into a whole workspace file (header + body).

    Args:
        plaintext: the JSON bytes.
        key: the 32-byte key, or None to write an explicitly plaintext (sample) file.
        salt: the salt the key was derived with (kept in the header).
        kdf: the parameters the key was derived with.

    Returns:
        The file's bytes. Every call uses a fresh random nonce.
    """
    if key is None:
        header = build_header(KDF_NONE, kdf, bytes(16), bytes(12), len(plaintext))
        return header + plaintext
    nonce = os.urandom(12)
    header = build_header(KDF_ARGON2ID, kdf, salt, nonce, len(plaintext) + TAG_LEN)
    return header + AESGCM(key).encrypt(nonce, plaintext, header)


def open_sealed(blob: bytes, header: Header, key: bytes | None, *, source: str) -> bytes:
    """Decrypt a workspace file's body.

    Args:
        blob: the whole file.
        header: its parsed header.
        key: the derived key (None for a plaintext file).
        source: the file name, for messages.

    Returns:
        The JSON bytes.

    Raises:
        WrongPassphraseOrDamaged: the tag does not verify.
    """
    body = blob[HEADER_LEN:]
    if header.plaintext:
        return body
    if key is None:
        raise WrongPassphraseOrDamaged(f"{source}: a passphrase is needed to open this workspace")
    try:
        return AESGCM(key).decrypt(header.nonce, body, header.raw)
    except InvalidTag:
        raise WrongPassphraseOrDamaged(
            f"{source}: wrong passphrase, or the file is damaged. Nothing was changed. "
            "If the passphrase is right, 'formation restore' opens the newest good backup."
        ) from None
