"""PDF copies of documents, through LibreOffice when it is installed.

``soffice --headless --convert-to pdf`` converts a .docx without a window. It runs with a
throw-away LibreOffice profile in a private folder next to the output (so it neither touches the
user's own LibreOffice settings nor leaves a copy of the document in the system temp folder),
and the PDF is then moved into place with mode 0600 like every export.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from formation.documents.export import export_document
from formation.errors import DocumentError

CONVERT_TIMEOUT = 180
"""Seconds a conversion may take before it is stopped."""

NO_LIBREOFFICE = (
    "LibreOffice is not installed; install it (for example the 'libreoffice-writer' "
    "package) to make PDF copies, or open the .docx and save it as PDF yourself"
)


def find_soffice() -> str | None:
    """The LibreOffice program (``soffice`` or ``libreoffice``) on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(path: Path, outdir: Path, *, overwrite: bool = False) -> Path:
    """Convert a .docx to PDF with LibreOffice.

    Args:
        path: the .docx file.
        outdir: an existing folder for the PDF.
        overwrite: replace an existing PDF of the same name (after the user confirmed).

    Returns:
        The PDF's path: ``outdir / (slug of path's stem + ".pdf")``, mode 0600.

    Raises:
        DocumentError: "LibreOffice is not installed; ..." when neither ``soffice`` nor
            ``libreoffice`` is on PATH; the .docx does not exist; the conversion failed or took
            longer than ``CONVERT_TIMEOUT`` seconds; the PDF exists and ``overwrite`` is False.
    """
    soffice = find_soffice()
    if soffice is None:
        raise DocumentError(NO_LIBREOFFICE)
    if not path.is_file():
        raise DocumentError(f"{path}: no such file")
    try:
        base = outdir.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        raise DocumentError(f"{outdir}: no such folder; create it first") from None
    work = Path(tempfile.mkdtemp(prefix=".formation-pdf-", dir=base))
    try:
        os.chmod(work, 0o700)
        profile = work / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(path.resolve()),
        ]
        try:
            result = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=CONVERT_TIMEOUT,
                check=False,
                env={**os.environ, "HOME": str(work)},
            )
        except subprocess.TimeoutExpired:
            raise DocumentError(
                f"{path}: LibreOffice took longer than {CONVERT_TIMEOUT} s to make a PDF; stopped"
            ) from None
        produced = work / f"{path.stem}.pdf"
        if result.returncode != 0 or not produced.is_file():
            raise DocumentError(
                f"{path}: LibreOffice could not make a PDF (exit code {result.returncode})"
            )
        return export_document(produced.read_bytes(), base, path.stem, overwrite=overwrite, suffix=".pdf")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def export_pdf(data: bytes, folder: Path, name: str, *, overwrite: bool = False) -> Path:
    """Write a finished .docx as a PDF into ``folder``, staging the conversion in that folder.

    The .docx is written (``export_document``: mode 0600) into a private staging folder (mode
    0700) made inside ``folder`` itself, never in the system temp folder, converted with
    ``docx_to_pdf`` (whose own work folder also lies in ``folder``), and the staging folder with
    the .docx is removed whatever happens.

    Args:
        data: the finished .docx (rendered, scrubbed and, for shareable or aggregate profiles,
            leak-scanned by the caller).
        folder: an existing folder for the PDF.
        name: any title; the PDF is named ``safe_slug(name) + ".pdf"``.
        overwrite: replace an existing PDF of that name (after the user confirmed).

    Returns:
        The PDF's absolute path inside ``folder`` (resolved), mode 0600.

    Raises:
        DocumentError: as ``export_document`` (no such folder, the PDF exists) and
            ``docx_to_pdf`` (LibreOffice missing, the conversion failed or timed out). Nothing
            is left in ``folder`` but the PDF.
    """
    from formation.documents.export import export_folder, safe_slug

    base = export_folder(folder)
    target = base / f"{safe_slug(name)}.pdf"
    if (target.exists() or target.is_symlink()) and not overwrite:
        raise DocumentError(f"{target}: already exists; choose another name or confirm overwriting it")
    if find_soffice() is None:
        raise DocumentError(NO_LIBREOFFICE)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".formation-stage-", dir=base))
    except OSError as exc:
        raise DocumentError(f"{base}: could not stage the PDF there ({exc.strerror or type(exc).__name__})") from None
    try:
        os.chmod(staging, 0o700)
        docx = export_document(data, staging, name)
        return docx_to_pdf(docx, base, overwrite=overwrite)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
